import { describe, expect, it, vi } from 'vitest';

// The session store failing while route data is ready (a busy or full disk during lucia's extension).
vi.mock('~/modules/auth/session.server', async (importOriginal) => {
  const real = await importOriginal<typeof import('~/modules/auth/session.server')>();
  return { ...real, sessionCookieUpdate: () => Promise.reject(new Error('SQLITE_FULL: database or disk is full')) };
});

const { handleDataRequest } = await import('./entry.server');

describe('handleDataRequest when extending the session fails', () => {
  it('still answers with the data (no 500): the next page load extends the session', async () => {
    const request = new Request('http://localhost/members?_data=routes%2Fmembers._index', { headers: { cookie: 'nomi_session=abc' } });
    const r = await handleDataRequest(new Response('{"ok":true}', { status: 200 }), { request });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
    expect(r.headers.getSetCookie()).toEqual([]);
  });
});
