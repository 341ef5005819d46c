import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from './entry.server';

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
