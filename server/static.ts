import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';

/**
 * Static files served from memory: read once at start (the whole public folder and the fingerprinted
 * build are a couple of MB), so a request never touches the file system. Text files are compressed
 * once, on first request for each encoding, and kept; `compression()` leaves responses that already
 * carry a Content-Encoding alone. Production only: in development the files change under us.
 */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.map', '.json', '.webmanifest', '.svg', '.txt', '.html', '.ico', '.ttf']);

interface Entry {
  body: Buffer;
  type: string;
  etag: string;
  compressible: boolean;
  br?: Buffer;
  gzip?: Buffer;
}

function readTree(root: string, prefix = '', exclude: string[] = []): Map<string, Entry> {
  const files = new Map<string, Entry>();
  if (!fs.existsSync(root)) return files;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (exclude.includes(entry.name)) continue;
    const full = path.join(root, entry.name);
    const url = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      for (const [k, v] of readTree(full, url)) files.set(k, v);
    } else if (entry.isFile()) {
      const body = fs.readFileSync(full);
      const ext = path.extname(entry.name).toLowerCase();
      files.set(url, {
        body,
        type: TYPES[ext] ?? 'application/octet-stream',
        etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
        compressible: COMPRESSIBLE.has(ext) && body.length > 256,
      });
    }
  }
  return files;
}

function encodingFor(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  if (/\bbr\b/.test(header)) return 'br';
  if (/\bgzip\b/.test(header)) return 'gzip';
  return null;
}

/** `exclude`: top-level names not to serve (the default build's assets inside public/ have their own handler). */
export function memoryStatic(root: string, opts: { cacheControl: string; exclude?: string[] }): RequestHandler {
  const files = readTree(root, '', opts.exclude);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = files.get(urlPath);
    if (!file) return next();
    res.setHeader('Cache-Control', opts.cacheControl);
    res.setHeader('ETag', file.etag);
    res.setHeader('Content-Type', file.type);
    if (file.compressible) res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === file.etag) {
      res.statusCode = 304;
      return res.end();
    }
    let body = file.body;
    const encoding = file.compressible ? encodingFor(req.headers['accept-encoding']) : null;
    if (encoding === 'br') {
      file.br ??= zlib.brotliCompressSync(file.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: file.body.length } });
      body = file.br;
    } else if (encoding === 'gzip') {
      file.gzip ??= zlib.gzipSync(file.body, { level: 9 });
      body = file.gzip;
    }
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
