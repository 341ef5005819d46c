import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';

/**
 * Notice attachments (an image, a document, a template): at most 10 MB, and the type is read from the
 * file's content, never from its name or the browser's claim. Executables and unknown types are refused.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const ALLOWED = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
]);
/** Shown in the browser; everything else is downloaded. */
export const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf']);

export type AttachmentProblem = 'tooLarge' | 'wrongType';
export interface StoredFile {
  path: string;
  name: string;
  mime: string;
  size: number;
}

const TOO_LARGE = 'upload:too-large';
const tmpDir = () => path.join(env.uploadDir, 'tmp');

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const chunk of data) void chunk;
}

/** Parses a multipart form, streaming `fieldName` to a temporary file (discarded if over 10 MB). */
export async function parseNoticeForm(request: Request, fieldName = 'file') {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const names = new Map<string, string>();
  const handler = composeUploadHandlers(async ({ name, filename, data }) => {
    if (name !== fieldName) return undefined;
    if (!filename) {
      await drain(data);
      return undefined;
    }
    const tmp = path.join(tmpDir(), newId());
    let size = 0;
    let tooLarge = false;
    const out = fs.createWriteStream(tmp);
    await pipeline(
      Readable.from(data),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > ATTACHMENT_MAX_BYTES) {
            tooLarge = true;
            return cb();
          }
          out.write(chunk, cb);
        },
        final(cb) {
          out.end(cb);
        },
      }),
    );
    if (tooLarge || size === 0) {
      await fs.promises.rm(tmp, { force: true });
      return tooLarge ? TOO_LARGE : undefined;
    }
    names.set(tmp, filename);
    return `upload:${tmp}`;
  }, createMemoryUploadHandler({ maxPartSize: 100_000 }));
  try {
    const formData = await parseMultipartFormData(request, handler);
    return { formData, names };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new Response('Form field too large', { status: 413 });
    throw new Response('Malformed form', { status: 400 });
  }
}

/** A clean file name for Content-Disposition: no paths, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim().slice(-120);
  return clean || 'file';
}

export async function acceptAttachment(value: FormDataEntryValue | null, names: Map<string, string>): Promise<{ file: StoredFile | null; problem: AttachmentProblem | null }> {
  if (typeof value !== 'string' || !value.startsWith('upload:')) return { file: null, problem: null };
  if (value === TOO_LARGE) return { file: null, problem: 'tooLarge' };
  const tmp = value.slice('upload:'.length);
  if (path.dirname(tmp) !== tmpDir() || !fs.existsSync(tmp)) return { file: null, problem: null };
  const type = await fileTypeFromFile(tmp);
  if (!type || !ALLOWED.has(type.mime)) {
    await fs.promises.rm(tmp, { force: true });
    return { file: null, problem: 'wrongType' };
  }
  const size = (await fs.promises.stat(tmp)).size;
  const dir = path.join(env.uploadDir, 'notices');
  await fs.promises.mkdir(dir, { recursive: true });
  const final = path.join(dir, `${newId()}.${type.ext}`);
  await fs.promises.rename(tmp, final);
  return { file: { path: path.relative(env.uploadDir, final), name: safeFileName(names.get(tmp) ?? `file.${type.ext}`), mime: type.mime, size }, problem: null };
}

export async function discardUpload(value: FormDataEntryValue | null) {
  if (typeof value === 'string' && value.startsWith('upload:') && value !== TOO_LARGE) {
    const tmp = value.slice('upload:'.length);
    if (path.dirname(tmp) === tmpDir()) await fs.promises.rm(tmp, { force: true });
  }
}

export async function discardStored(file: StoredFile | null) {
  if (!file) return;
  const full = storedFilePath(file.path);
  if (full) await fs.promises.rm(full, { force: true });
}

export function storedFilePath(relative: string): string | null {
  const full = path.resolve(env.uploadDir, relative);
  return full.startsWith(path.resolve(env.uploadDir) + path.sep) ? full : null;
}
