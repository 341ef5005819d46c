import type { RequestHandler, Response } from 'express';

/**
 * Public pages for signed-out visitors, kept rendered (issue 17; docs/decisions/0007-visitor-page-cache.md).
 *
 * A link shared in a WhatsApp group brings many phones to the same public page at once; on a one-core
 * server each render costs milliseconds of CPU that members' pages need. A page is kept only when:
 * - the request is a GET for a document (not loader JSON) with no session cookie;
 * - the app marked the response (`VISITOR_CACHE_HEADER`, set by app/entry.server.tsx when the page's route
 *   says `handle.visitorCache` and nobody is signed in), it is a 200 and sets no cookie;
 * - the page carries no per-response secret (the CSP nonce: such pages ship no script).
 * A kept page is served only while the database is unchanged since it was rendered (`generation`:
 * SQLite's change counters, so any write — a new project, a member leaving the public directory — ends
 * every kept page at once) and for at most `ttlMs`. Requests differing in URL, Accept-Language or any
 * cookie (language choice, flash message) are different pages. The marker never reaches the client.
 */
export const VISITOR_CACHE_HEADER = 'x-nomi-visitor-cache';

interface Kept {
  generation: string;
  at: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface VisitorCacheOptions {
  /** Total bytes of kept pages; 0 turns the cache off. */
  maxBytes: number;
  ttlMs: number;
  sessionCookie: string;
  /** Changes whenever the database does. */
  generation: () => string;
  now?: () => number;
}

const KEPT_HEADERS = ['content-type', 'content-language'];

export function visitorPageCache(opts: VisitorCacheOptions): RequestHandler {
  const kept = new Map<string, Kept>();
  let bytes = 0;
  const now = opts.now ?? Date.now;
  const drop = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    bytes -= entry.body.length + key.length;
    kept.delete(key);
  };

  return (req, res, next) => {
    // The marker is the app's word to this layer only: never sent on, cached or not.
    stripMarker(res);
    if (opts.maxBytes <= 0 || req.method !== 'GET' || req.url.includes('_data=')) return next();
    const cookie = req.headers.cookie ?? '';
    if (cookie.includes(`${opts.sessionCookie}=`)) return next();
    const key = `${req.originalUrl}\n${req.headers['accept-language'] ?? ''}\n${cookie}`;
    const generation = opts.generation();
    const hit = kept.get(key);
    if (hit && hit.generation === generation && now() - hit.at < opts.ttlMs) {
      // Most recently used last, so the first key is the one to drop.
      kept.delete(key);
      kept.set(key, hit);
      res.writeHead(200, { ...hit.headers, 'Content-Length': hit.body.length });
      res.end(hit.body);
      return;
    }
    if (hit) drop(key);
    capture(res, opts.maxBytes / 8, (status, body) => {
      if (status !== 200 || !res.locals.visitorCacheable || res.getHeader('set-cookie')) return;
      const nonce = res.locals.cspNonce as string | undefined;
      if (nonce && body.includes(nonce)) return;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = res.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      drop(key);
      kept.set(key, { generation, at: now(), headers, body });
      // Keys count too: a URL and cookies can be long, and a stranger chooses them.
      bytes += body.length + key.length;
      while (bytes > opts.maxBytes) drop(kept.keys().next().value!);
    });
    next();
  };
}

/** Removes the marker before the headers go out, noting in res.locals that it was there. */
function stripMarker(res: Response) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent && this.getHeader(VISITOR_CACHE_HEADER) !== undefined) {
      this.locals.visitorCacheable = true;
      this.removeHeader(VISITOR_CACHE_HEADER);
    }
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

/**
 * Collects the body as it is written and hands it over when the response ends — only while it may be
 * kept: a marked 200 (known once its headers are out) no larger than `limit`. Every signed-out GET
 * passes through here; gathering the others whole only to drop them doubled their memory.
 */
function capture(res: Response, limit: number, done: (status: number, body: Buffer) => void) {
  let chunks: Buffer[] | null = [];
  let size = 0;
  const write = res.write;
  const end = res.end;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (!chunks || chunk == null || typeof chunk === 'function') return;
    if (!res.locals.visitorCacheable || res.statusCode !== 200) return void (chunks = null);
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    size += buffer.length;
    if (size > limit) return void (chunks = null);
    chunks.push(buffer);
  };
  // Written first: the first write sends the headers, and with them the app's marker is known.
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    const result = (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    collect(chunk, rest[0]);
    return result;
  } as Response['write'];
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    const result = (end as (...a: unknown[]) => Response).call(this, chunk, ...rest);
    collect(chunk, rest[0]);
    if (chunks) done(this.statusCode, Buffer.concat(chunks));
    return result;
  } as Response['end'];
}
