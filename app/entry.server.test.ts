import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '~db/connection';
import { createSessionCookie } from '~/modules/auth/session.server';
import { makeMember } from '../test/factories';
import { handleDataRequest, handleError } from './entry.server';

/**
 * What a failed request leaves in the server's log. Logs are read by whoever runs the server, not
 * only stewards (logger.server.ts): a link's token must never be written there, and a visitor's bad
 * request is not an "unhandled error" that pages an operator.
 */
function captureLog() {
  vi.stubEnv('LOG_LEVEL', 'info');
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('handleError', () => {
  // Remix's own answer to `?_data=<a route that does not match>` names the URL, token and all.
  const refused = (pathname: string) => ({
    status: 403,
    statusText: 'Forbidden',
    internal: true,
    data: `Error: Route "routes/nope" does not match URL "${pathname}"`,
    error: new Error(`Route "routes/nope" does not match URL "${pathname}"`),
  });

  it('never writes the token of an invitation or reset link, even from Remix\'s own message', () => {
    const lines = captureLog();
    for (const p of ['/invite/SECRET-INVITE-TOKEN', '/reset-password/SECRET-RESET-TOKEN', '/unsubscribe/SECRET-UNSUB-TOKEN']) {
      handleError(refused(p), { request: new Request(`http://localhost${p}?_data=routes%2Fnope`) });
    }
    expect(lines.join('')).not.toMatch(/SECRET/);
    expect(lines.join('')).toMatch(/\/invite\/\[token\]/);
  });

  it('logs a refused request (4xx) as a warning with its status, not as an unhandled error', () => {
    const lines = captureLog();
    handleError(refused('/privacy'), { request: new Request('http://localhost/privacy?_data=routes%2Fnope') });
    const entry = JSON.parse(lines.join('').trim()) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', msg: 'refused request', status: 403, path: '/privacy' });
  });

  it('logs a real failure with its error, the path without its query string', () => {
    const lines = captureLog();
    handleError(new Error('database is locked'), { request: new Request('http://localhost/members?q=private+words') });
    const entry = JSON.parse(lines.join('').trim()) as { level: string; err: { message: string }; path: string };
    expect(entry.level).toBe('error');
    expect(entry.err.message).toBe('database is locked');
    expect(entry.path).toBe('/members');
    expect(lines.join('')).not.toMatch(/private/);
  });
});

describe('handleError with a link token in the error itself', () => {
  it('writes the error with the token replaced', () => {
    const lines = captureLog();
    handleError(new Error('no invitation for SECRET-IN-MESSAGE'), { request: new Request('http://localhost/invite/SECRET-IN-MESSAGE') });
    expect(lines.join('')).not.toMatch(/SECRET/);
    expect(lines.join('')).toMatch(/no invitation for \[token\]/);
  });
});

describe('handleError with a link in capitals', () => {
  it('routes match /INVITE/<token> too: its token is not written either', () => {
    const lines = captureLog();
    handleError(new Error('failed for SECRET-CAPS'), { request: new Request('http://localhost/INVITE/SECRET-CAPS') });
    expect(lines.join('')).not.toMatch(/SECRET/);
  });
});

describe('handleDataRequest', () => {
  // A session in the second half of its 30 days: lucia extends it on this request.
  async function agingSession() {
    const member = await makeMember();
    const cookie = (await createSessionCookie(member.id)).split(';')[0]!;
    await db.updateTable('sessions').set({ expires_at: Date.now() + 24 * 3600_000 }).where('user_id', '=', member.id).execute();
    return cookie;
  }
  const sessionCookies = (r: Response) => r.headers.getSetCookie().filter((c) => c.startsWith('nomi_session='));

  it('sends the extended session cookie with route data, which the browser does not store', async () => {
    const cookie = await agingSession();
    const r = await handleDataRequest(new Response('{}'), { request: new Request('http://localhost/members?_data=routes%2Fmembers._index', { headers: { cookie } }) });
    expect(sessionCookies(r)).toEqual([expect.stringMatching(/Max-Age=2592000/)]);
    expect(r.headers.get('Cache-Control')).toBe('private, no-store');
  });

  // A shared cache (nginx proxy_cache ignoring Set-Cookie, a CDN's "cache everything") would keep the
  // cookie with a public answer and hand the member's session to whoever asks for that URL next.
  it('never puts the session cookie on an answer a shared cache may keep', async () => {
    const cookie = await agingSession();
    const request = new Request('http://localhost/resources/i18n?lng=en&x=chosen&_data=routes%2Fresources.i18n', { headers: { cookie } });
    const r = await handleDataRequest(new Response('{}', { headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } }), { request });
    expect(sessionCookies(r)).toEqual([]);
    expect(r.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('adds nothing after a form post (the action may have signed someone in or out)', async () => {
    const cookie = await agingSession();
    const r = await handleDataRequest(new Response('{}'), { request: new Request('http://localhost/settings?_data=routes%2Fsettings', { method: 'POST', headers: { cookie } }) });
    expect(sessionCookies(r)).toEqual([]);
  });
});
