import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { env } from '../app/env.server';
import { trustProxySetting } from './security';

/**
 * Issue 16, item 4: with `trust proxy = loopback` anything on the same machine could send
 * X-Forwarded-For and rotate its address past every per-address limit. Requests here come from
 * 127.0.0.1, exactly like a co-hosted process or a tunnel.
 */
let server: http.Server | null = null;

afterEach(() => {
  server?.close();
  server = null;
  delete process.env.TRUST_PROXY;
});

async function ipSeen(setting: ReturnType<typeof trustProxySetting>, forwardedFor: string): Promise<string> {
  const app = express();
  app.set('trust proxy', setting);
  app.get('/', (req, res) => res.send(req.ip));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers: { 'X-Forwarded-For': forwardedFor } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('TRUST_PROXY', () => {
  it('is off by default: a local process cannot choose its address with X-Forwarded-For', async () => {
    delete process.env.TRUST_PROXY;
    expect(trustProxySetting(env.trustProxy)).toBe(false);
    const ip = await ipSeen(trustProxySetting(env.trustProxy), '203.0.113.77');
    expect(ip).not.toContain('203.0.113.77');
    expect(ip).toMatch(/127\.0\.0\.1/);
  });

  it('trusts one nginx/Caddy in front on the same machine when asked (TRUST_PROXY=loopback)', async () => {
    process.env.TRUST_PROXY = 'loopback';
    expect(await ipSeen(trustProxySetting(env.trustProxy), '203.0.113.77')).toBe('203.0.113.77');
  });

  it('reads hop counts, address lists and the explicit off values', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('0')).toBe(false);
    expect(trustProxySetting(' loopback, 10.0.0.0/8 ')).toEqual(['loopback', '10.0.0.0/8']);
    expect(trustProxySetting('true')).toBe(true);
  });
});
