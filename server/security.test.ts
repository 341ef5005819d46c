import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonce, redactPath, sameOriginOnly, securityHeaders } from './security';

let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(nonce);
  app.use(securityHeaders({ https: false, development: false }));
  app.use(sameOriginOnly('https://nomi.example.org'));
  app.all('*', (_req, res) => {
    res.send('done');
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
});

/** A raw request with exactly the headers given (fetch would add its own). */
function send(method: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/admin/members', method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'intent=role' : undefined);
  });
}

describe('cross-site request refusal (CSRF)', () => {
  it('allows a POST from our own pages', async () => {
    expect((await send('POST', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await send('POST', { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await send('POST', { Origin: 'https://nomi.example.org' })).status).toBe(200);
  });

  it('refuses a POST from another site, by Sec-Fetch-Site or by Origin', async () => {
    const bySite = await send('POST', { 'Sec-Fetch-Site': 'cross-site', Origin: `http://127.0.0.1:${port}` });
    expect(bySite.status).toBe(403);
    expect(bySite.body).toBe('Cross-site request refused.');
    expect((await send('POST', { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await send('POST', { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await send('POST', { Origin: 'null' })).status).toBe(403);
    expect((await send('DELETE', { Origin: 'https://evil.example' })).status).toBe(403);
  });

  it('refuses a POST that says nothing about where it came from', async () => {
    expect((await send('POST')).status).toBe(403);
  });

  it('lets reads through from anywhere', async () => {
    expect((await send('GET', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(200);
    expect((await send('HEAD', { Origin: 'https://evil.example' })).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a strict CSP with a fresh nonce per response, and no framing', async () => {
    const a = await send('GET');
    const b = await send('GET');
    const csp = String(a.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'strict-dynamic' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(/nonce-([^']+)/.exec(csp)![1]).not.toBe(/nonce-([^']+)/.exec(String(b.headers['content-security-policy']))![1]);
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    // Plain HTTP: no HSTS.
    expect(a.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('paths in logs', () => {
  it('lose invitation tokens and every query string', () => {
    expect(redactPath('/invite/abcDEF123_-xyz')).toBe('/invite/[token]');
    expect(redactPath('/INVITE/abcDEF123_-xyz')).toBe('/INVITE/[token]');
    expect(redactPath('/Reset-Password/abc')).toBe('/Reset-Password/[token]');
    expect(redactPath('/invite/abc/extra')).toBe('/invite/[token]/extra');
    expect(redactPath('/reset-password?token=secret')).toBe('/reset-password');
    expect(redactPath('/admin/members?q=amina@example.org')).toBe('/admin/members');
    expect(redactPath('/invite/abc?_data=routes%2Finvite.%24token')).toBe('/invite/[token]');
    expect(redactPath('/settings')).toBe('/settings');
  });
});
