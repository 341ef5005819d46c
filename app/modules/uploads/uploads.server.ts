/**
 * Shared file uploads: receive, check by content, store, and serve back safely.
 *
 * Usage (in a route action; see notices/notice-form.server.ts for a full example):
 *
 *   const { formData, uploads } = await parseUploadForm(request, {
 *     fields: { files: { maxBytes: 10 * MB, maxFiles: 5 } },  // each file field and its limits
 *   });
 *   // ...validate the other fields of formData with zod as usual...
 *   const stored = await storeUploads(uploads, { allow: allowTypes('images', 'pdf', 'docx', 'xlsx'), folder: 'governance' });
 *   if (!stored.ok) -> show t(`uploads.problems.${stored.problems[0].problem}`) next to the field
 *                      (nothing is kept: every temp and stored file of the batch is removed)
 *   else            -> save stored.files[i].{path,name,mime,size} in your table, inside your transaction;
 *                      if the transaction fails, `await removeStored(stored.files)`.
 *   On any other validation error, `await discardPending(uploads)` before replying.
 *
 * Pictures: pass `images: { maxDimension: 2560, thumbnail: 480 }` to storeUpload(s) to decode and
 * re-encode every JPEG/PNG/WebP/GIF (removing GPS/camera metadata, applying the phone's rotation,
 * shrinking very large photos), and to get a small WebP preview in `thumbPath`. A picture that cannot
 * be decoded is refused as `wrongType`.
 *
 * Audio and video are always remuxed without their metadata (location, comments, names) and measured by
 * decoding (media.server.ts; needs ffmpeg); pass `media: { maxSeconds }` to refuse long ones as
 * `tooLong`. The stored file gets `duration`. Other files are kept byte for byte.
 *
 * In a download route, after your own access check:
 *   return serveFile(request, { path: row.path, name: row.name, mime: row.mime });
 *
 * What it guarantees:
 * - files are streamed to UPLOAD_DIR/tmp (outside the web root); the size cap is enforced WHILE
 *   streaming (the rest of the file is read and thrown away, so the other answers are kept), and a
 *   whole request over `maxRequestBytes` is refused with 413 before anything is read;
 * - the type is detected from the content (file-type) and checked against the caller's allow-list;
 *   programs (also when renamed, e.g. `cv.pdf` that is really an .exe) get their own clear problem;
 * - stored under UPLOAD_DIR/<folder>/<random id>.<real extension>; the display name keeps the
 *   person's name but gets the real extension (a PDF called `x.exe` downloads as `x.pdf`);
 * - `serveFile` sends the stored (detected) type, an RFC 5987 filename, `Cache-Control: private`,
 *   a sandboxing CSP, and supports byte ranges (audio/video seeking). `X-Content-Type-Options` and
 *   `Cross-Origin-Resource-Policy` come from helmet (server/security.ts) for every response.
 *
 * Messages: app/locales/<lang>/uploads.json — `uploads.problems.<problem>` (with `{{max}}` for sizes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { loadSharp } from '~/modules/uploads/sharp.server';
import { unstable_parseMultipartFormData as parseMultipartFormData } from '@remix-run/node';
import { env } from '~/env.server';
import { withLf } from '~/utils/form-text';
import { newId } from '~/modules/auth/tokens.server';
import { MB, TYPE_GROUPS } from './types';
import { cleanMedia, isMediaType } from './media.server';

// Types, groups and limits live in a file the browser may import too (file pickers, hints).
export { MB, TYPE_GROUPS, allowTypes, acceptFor, type TypeGroup } from './types';

/** Some detected types have a more widely understood name to store and send. */
const NORMALISE: Record<string, string> = { 'audio/x-m4a': 'audio/mp4' };

/**
 * Programs and installers, refused with their own message whatever the allow-list says.
 * (Old Office files and .msi installers share one container, x-cfb: it is never allowed.)
 */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/vnd.microsoft.portable-executable',
  'application/x-dosexec',
  'application/x-elf',
  'application/x-executable',
  'application/x-sharedlib',
  'application/x-mach-binary',
  'application/x-apple-diskimage',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-msi',
  'application/x-cfb',
  'application/wasm',
]);
/** Names that ask the computer to run something; refused even if the content is harmless. */
const EXECUTABLE_NAME = /\.(exe|com|bat|cmd|scr|pif|msi|msp|dll|cpl|jar|apk|app|dmg|js|jse|vbs|vbe|wsf|wsh|ps1|psm1|sh|hta|lnk|reg)$/i;

/** Raster images can be shown in the page; everything else is downloaded. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(TYPE_GROUPS.images);

export type UploadProblem = 'tooLarge' | 'tooMany' | 'wrongType' | 'executable' | 'tooLong';

export interface UploadField {
  /** Largest size of one file, in bytes. */
  maxBytes: number;
  /** Most files accepted in this field (extra ones are refused as `tooMany`). Default 1. */
  maxFiles?: number;
}

export interface PendingUpload {
  field: string;
  /** The name the person's device gave (display only; never used as a path). */
  name: string;
  size: number;
  /** Path of the temporary file, or null when the file was not kept (see `problem`). */
  tmpPath: string | null;
  problem: 'tooLarge' | 'tooMany' | null;
  maxBytes: number;
}

export interface StoredUpload {
  /** Relative to UPLOAD_DIR. */
  path: string;
  /** A safe display name with the real extension. */
  name: string;
  /** The detected type (normalised). */
  mime: string;
  ext: string;
  size: number;
  /** A small WebP preview (relative to UPLOAD_DIR) when `images.thumbnail` was asked for a picture. */
  thumbPath?: string | null;
  /** Seconds, measured by decoding, for audio and video. */
  duration?: number | null;
}

export interface ImageOptions {
  /** Longest side after re-encoding (smaller pictures are not enlarged). */
  maxDimension?: number;
  /** Longest side of the WebP preview; none when omitted. */
  thumbnail?: number;
}

type StoreOptions<P extends string> = {
  allow: ReadonlySet<string>;
  folder: string;
  check?: (tmpPath: string, mime: string) => Promise<P | null>;
  images?: ImageOptions;
  /** Audio and video: the longest recording accepted (refused as `tooLong`). */
  media?: { maxSeconds?: number };
};

const SHARP_FORMAT: Record<string, 'jpeg' | 'png' | 'webp' | 'gif'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Re-encodes a picture in place (no metadata) and writes its preview; false if it cannot be decoded. */
async function reencodeImage(tmp: string, mime: string, opts: ImageOptions, thumbFile: string | null): Promise<boolean> {
  const format = SHARP_FORMAT[mime];
  if (!format) return true;
  try {
    const input = await fs.promises.readFile(tmp);
    const sharp = await loadSharp();
    const animated = format === 'gif' || format === 'webp';
    let img = sharp(input, { limitInputPixels: 50_000_000, failOn: 'error', animated }).rotate();
    if (opts.maxDimension) img = img.resize(opts.maxDimension, opts.maxDimension, { fit: 'inside', withoutEnlargement: true });
    const out = await img.toFormat(format).toBuffer();
    await fs.promises.writeFile(tmp, out);
    if (thumbFile && opts.thumbnail) {
      const thumb = await sharp(out, { failOn: 'error' }).resize(opts.thumbnail, opts.thumbnail, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
      await fs.promises.writeFile(thumbFile, thumb, { mode: 0o600 });
    }
    return true;
  } catch {
    return false;
  }
}

export const tmpDir = () => path.join(env.uploadDir, 'tmp');

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const chunk of data) void chunk;
}

async function rmQuiet(file: string | null | undefined) {
  if (file) await fs.promises.rm(file, { force: true }).catch(() => undefined);
}

/** Streams `data` to `file`, stopping writing (but still reading) after `max` bytes. */
async function streamToFile(data: AsyncIterable<Uint8Array>, file: string, max: number): Promise<{ size: number; tooLarge: boolean }> {
  let size = 0;
  let tooLarge = false;
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  await pipeline(
    Readable.from(data),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) {
          if (!tooLarge) {
            tooLarge = true;
            // Nothing more is written; what was written is removed below.
            out.end();
          }
          return cb();
        }
        out.write(chunk, (err) => cb(err ?? null));
      },
      final(cb) {
        if (tooLarge) return cb();
        out.end(() => cb());
      },
      destroy(err, cb) {
        out.destroy();
        cb(err);
      },
    }),
  );
  return { size, tooLarge };
}

/** Reads a request body as UTF-8 text, refusing it (413) as soon as it passes `max` bytes. */
async function readLimited(request: Request, max: number): Promise<string> {
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw new Response('Form too large', { status: 413 });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response('Malformed form', { status: 400 });
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a multipart form. File fields named in `fields` are streamed to temporary files (with their
 * size caps); other fields are kept in memory up to `maxFieldBytes` each. Text values sent under a
 * file field's name are ignored. Malformed forms are 400, fields over their limit 413.
 * A url-encoded form (no files) is read normally. Text values get LF line breaks (~/utils/form-text.ts).
 */
export async function parseUploadForm(
  request: Request,
  opts: { fields: Record<string, UploadField>; maxFieldBytes?: number; maxRequestBytes?: number },
): Promise<{ formData: FormData; uploads: PendingUpload[] }> {
  const maxFieldBytes = opts.maxFieldBytes ?? 100_000;
  const perField = Object.values(opts.fields).reduce((s, f) => s + f.maxBytes * (f.maxFiles ?? 1), 0);
  const maxRequest = opts.maxRequestBytes ?? perField + 2 * MB;
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxRequest) throw new Response('The upload is too large.', { status: 413 });
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'multipart/form-data') {
    // A url-encoded form (or anything else that is not multipart) is read into memory: capped while
    // reading, so a body sent without (or with a false) Content-Length cannot grow without limit.
    const maxForm = maxFieldBytes * 20;
    if (length > maxForm) throw new Response('Form too large', { status: 413 });
    if (type !== 'application/x-www-form-urlencoded') throw new Response('Malformed form', { status: 400 });
    const body = await readLimited(request, maxForm);
    const formData = new FormData();
    for (const [name, value] of new URLSearchParams(body)) if (!Object.hasOwn(opts.fields, name)) formData.append(name, value);
    return { formData: withLf(formData), uploads: [] };
  }

  fs.mkdirSync(tmpDir(), { recursive: true });
  const uploads: PendingUpload[] = [];
  const counts = new Map<string, number>();
  let textBytes = 0;
  const handler = async ({ name, filename, data }: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }): Promise<string | undefined> => {
    const field = Object.hasOwn(opts.fields, name) ? opts.fields[name]! : undefined;
    if (filename === undefined) {
      if (field) {
        // A text value under a file field's name (a forged form): ignored.
        await drain(data);
        return undefined;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.length;
        textBytes += chunk.length;
        if (size > maxFieldBytes || textBytes > maxFieldBytes * 20) throw new Response('Form field too large', { status: 413 });
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    }
    // A file: only in a declared file field, and only when one was chosen (browsers send an empty part).
    if (!field || !filename) {
      await drain(data);
      return undefined;
    }
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    if (n > (field.maxFiles ?? 1)) {
      await drain(data);
      uploads.push({ field: name, name: filename, size: 0, tmpPath: null, problem: 'tooMany', maxBytes: field.maxBytes });
      return undefined;
    }
    const tmp = path.join(tmpDir(), newId());
    const upload: PendingUpload = { field: name, name: filename, size: 0, tmpPath: tmp, problem: null, maxBytes: field.maxBytes };
    uploads.push(upload);
    const { size, tooLarge } = await streamToFile(data, tmp, field.maxBytes);
    upload.size = size;
    if (tooLarge || size === 0) {
      await rmQuiet(tmp);
      upload.tmpPath = null;
      if (tooLarge) upload.problem = 'tooLarge';
      else uploads.pop(); // an empty file is the same as none
    }
    return undefined;
  };
  try {
    const formData = await parseMultipartFormData(request, handler);
    // Text with LF line breaks, as every action gets it (~/utils/form-text.ts).
    return { formData: withLf(formData), uploads };
  } catch (error) {
    await discardPending(uploads);
    if (error instanceof Response) throw error;
    throw new Response('Malformed form', { status: 400 });
  }
}

/** Removes the temporary files of uploads that will not be stored. Safe to call twice. */
export async function discardPending(uploads: PendingUpload[]) {
  for (const u of uploads) {
    await rmQuiet(u.tmpPath);
    u.tmpPath = null;
  }
}

/**
 * An upload from a temporary file already in UPLOAD_DIR/tmp (for callers that pass a reference along
 * in their form data). Returns null for any path outside that folder or a missing file.
 */
export function pendingFromTmp(tmpPath: string, name = 'file', field = 'file'): PendingUpload | null {
  if (path.dirname(path.resolve(tmpPath)) !== path.resolve(tmpDir()) || !fs.existsSync(tmpPath)) return null;
  return { field, name, size: fs.statSync(tmpPath).size, tmpPath, problem: null, maxBytes: Infinity };
}

/** A display name without folders or control characters, with the extension of the real content. */
export function safeDisplayName(original: string, ext: string): string {
  const base = path.basename(original.replace(/\\/g, '/')).replace(/[\p{C}"<>:/\\|?*]/gu, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').replace(/\.+$/, '').slice(0, 120).trim() || 'file';
  return `${stem}.${ext}`;
}

/**
 * Checks one upload by its content and moves it to UPLOAD_DIR/<folder>/<random>.<ext>. On any
 * problem the temporary file is removed. `check` may refuse a file after the type check (for example
 * a recording that is too long) by returning a problem name of its own.
 */
export async function storeUpload<P extends string = never>(
  upload: PendingUpload,
  opts: StoreOptions<P>,
): Promise<{ file: StoredUpload; problem?: undefined } | { file?: undefined; problem: UploadProblem | P }> {
  if (upload.problem) return { problem: upload.problem };
  const tmp = upload.tmpPath;
  if (!tmp || !fs.existsSync(tmp)) return { problem: 'wrongType' };
  try {
    const type = await fileTypeFromFile(tmp);
    if ((type && EXECUTABLE_TYPES.has(type.mime)) || EXECUTABLE_NAME.test(upload.name.trim())) return { problem: 'executable' };
    if (!type || !opts.allow.has(type.mime)) return { problem: 'wrongType' };
    let mime = NORMALISE[type.mime] ?? type.mime;
    let ext: string = type.ext;
    let duration: number | null = null;
    if (isMediaType(type.mime)) {
      const cleaned = await cleanMedia(tmp, type.mime, opts.media);
      if (!cleaned.media) return { problem: cleaned.problem };
      ({ mime, ext, duration } = cleaned.media);
    }
    if (opts.check) {
      const problem = await opts.check(tmp, mime);
      if (problem) return { problem };
    }
    const dir = path.join(env.uploadDir, opts.folder);
    const id = newId();
    const final = path.join(dir, `${id}.${ext}`);
    if (!storedPath(path.relative(env.uploadDir, final))) return { problem: 'wrongType' };
    await fs.promises.mkdir(dir, { recursive: true });
    let thumbPath: string | null = null;
    if (opts.images && SHARP_FORMAT[mime]) {
      const thumbFile = opts.images.thumbnail ? path.join(dir, `${id}.thumb.webp`) : null;
      if (!(await reencodeImage(tmp, mime, opts.images, thumbFile))) {
        await rmQuiet(thumbFile);
        return { problem: 'wrongType' };
      }
      if (thumbFile) thumbPath = path.relative(env.uploadDir, thumbFile);
    }
    const size = (await fs.promises.stat(tmp)).size;
    await fs.promises.rename(tmp, final);
    upload.tmpPath = null;
    return { file: { path: path.relative(env.uploadDir, final), name: safeDisplayName(upload.name, ext), mime, ext, size, thumbPath, duration } };
  } finally {
    await rmQuiet(upload.tmpPath);
    upload.tmpPath = null;
  }
}

/**
 * Stores every upload of a batch, or none: if any file has a problem, all temporary files and every
 * file already stored by this call are removed, and the problems are returned (one per bad file).
 */
export async function storeUploads<P extends string = never>(
  uploads: PendingUpload[],
  opts: StoreOptions<P>,
): Promise<{ ok: true; files: StoredUpload[] } | { ok: false; problems: { field: string; name: string; problem: UploadProblem | P; maxBytes: number }[] }> {
  const files: StoredUpload[] = [];
  const problems: { field: string; name: string; problem: UploadProblem | P; maxBytes: number }[] = [];
  for (const u of uploads) {
    const r = await storeUpload(u, opts);
    if (r.file) files.push(r.file);
    else problems.push({ field: u.field, name: u.name, problem: r.problem, maxBytes: u.maxBytes });
  }
  if (problems.length) {
    await removeStored(files);
    return { ok: false, problems };
  }
  return { ok: true, files };
}

/** The absolute path of a stored file, or null if the relative path would leave UPLOAD_DIR. */
export function storedPath(relative: string): string | null {
  if (!relative) return null;
  const root = path.resolve(env.uploadDir);
  const full = path.resolve(root, relative);
  return full.startsWith(root + path.sep) && !full.startsWith(path.join(root, 'tmp') + path.sep) ? full : null;
}

type StoredRef = string | { path: string; thumbPath?: string | null } | null | undefined;

/** Deletes stored files (by relative path or stored record, with its preview). Missing files are fine. */
export async function removeStored(files: StoredRef[] | StoredRef) {
  for (const f of [files].flat()) {
    if (!f) continue;
    await rmQuiet(storedPath(typeof f === 'string' ? f : f.path));
    if (typeof f !== 'string' && f.thumbPath) await rmQuiet(storedPath(f.thumbPath));
  }
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'file';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a stored file to the browser. Call it only after your own access check; a missing file is
 * a 404. Images may be shown `inline` (everything else is always an attachment); audio and video play
 * in the page's players whatever the disposition. `maxAge` > 0 lets the browser (only) reuse it.
 */
export async function serveFile(
  request: Request,
  file: { path: string; name: string; mime: string },
  opts: { inline?: boolean; maxAge?: number } = {},
): Promise<Response> {
  const full = storedPath(file.path);
  const stat = full ? await fs.promises.stat(full).catch(() => null) : null;
  if (!full || !stat?.isFile()) throw new Response('Not found', { status: 404 });
  const size = stat.size;
  const inline = opts.inline === true && INLINE_IMAGE_TYPES.has(file.mime);
  const headers = new Headers({
    'Content-Type': file.mime,
    'Content-Disposition': contentDisposition(file.name, inline ? 'inline' : 'attachment'),
    'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': opts.maxAge ? `private, max-age=${Math.floor(opts.maxAge)}` : 'private, no-store',
    'Accept-Ranges': 'bytes',
  });
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      headers.set('Content-Range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    headers.set('Content-Length', String(end - start + 1));
    return new Response(Readable.toWeb(fs.createReadStream(full, { start, end })) as ReadableStream, { status: 206, headers });
  }
  headers.set('Content-Length', String(size));
  return new Response(Readable.toWeb(fs.createReadStream(full)) as ReadableStream, { status: 200, headers });
}
