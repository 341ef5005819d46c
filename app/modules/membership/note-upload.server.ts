import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { parseFile } from 'music-metadata';
import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';

/** Voice or video notes: checked by their content, never by their name or declared type. */
export const NOTE_MAX_BYTES = 25 * 1024 * 1024;
export const NOTE_MAX_SECONDS = 180;
// What file-type reports for each allowed container. WebM and MP4 cannot say "audio only" from magic
// bytes, so the video types cover audio notes recorded in those containers too.
const ALLOWED = new Map<string, string>([
  ['audio/webm', 'audio/webm'],
  ['video/webm', 'video/webm'],
  ['audio/mp4', 'audio/mp4'],
  ['audio/x-m4a', 'audio/mp4'],
  ['video/mp4', 'video/mp4'],
  ['audio/mpeg', 'audio/mpeg'],
]);

export type NoteProblem = 'tooLarge' | 'wrongType' | 'tooLong';
export type StoredNote = { path: string; mime: string; size: number; duration: number | null };

const TOO_LARGE = 'upload:too-large';

async function drain(data: AsyncIterable<Uint8Array>) {
   
  for await (const _ of data) {
    /* discard */
  }
}

/**
 * Parses a multipart form, streaming the field `fieldName` to a temporary file. A file over the limit
 * is discarded but the rest of the form is still read, so the person's other answers are kept.
 */
export async function parseFormWithNote(request: Request, fieldName: string) {
  const tmpDir = path.join(env.uploadDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const handler = composeUploadHandlers(async ({ name, filename, data }) => {
    if (name !== fieldName) return undefined;
    if (!filename) {
      await drain(data);
      return undefined;
    }
    const tmp = path.join(tmpDir, newId());
    let size = 0;
    let tooLarge = false;
    const out = fs.createWriteStream(tmp);
    await pipeline(
      Readable.from(data),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > NOTE_MAX_BYTES) {
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
    return `upload:${tmp}`;
  }, createMemoryUploadHandler({ maxPartSize: 200_000 }));
  try {
    return await parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new Response('Form field too large', { status: 413 });
    throw new Response('Malformed form', { status: 400 });
  }
}

/** Checks the uploaded note and moves it into storage. Returns the stored file or a problem. */
export async function acceptNote(value: FormDataEntryValue | null): Promise<{ note: StoredNote | null; problem: NoteProblem | null }> {
  if (typeof value !== 'string' || !value.startsWith('upload:')) return { note: null, problem: null };
  if (value === TOO_LARGE) return { note: null, problem: 'tooLarge' };
  const tmp = value.slice('upload:'.length);
  // Only files this process wrote into its own tmp folder are accepted.
  if (path.dirname(tmp) !== path.join(env.uploadDir, 'tmp') || !fs.existsSync(tmp)) return { note: null, problem: null };
  const discard = () => fs.promises.rm(tmp, { force: true });
  const type = await fileTypeFromFile(tmp);
  const mime = type ? ALLOWED.get(type.mime) : undefined;
  if (!type || !mime) {
    await discard();
    return { note: null, problem: 'wrongType' };
  }
  let duration: number | null = null;
  try {
    const meta = await parseFile(tmp, { duration: true, skipCovers: true });
    duration = meta.format.duration ?? null;
  } catch {
    await discard();
    return { note: null, problem: 'wrongType' };
  }
  // Browser recordings (WebM from MediaRecorder) often carry no duration; the recorder itself stops
  // at three minutes and the size limit still applies.
  if (duration !== null && duration > NOTE_MAX_SECONDS + 1) {
    await discard();
    return { note: null, problem: 'tooLong' };
  }
  const size = (await fs.promises.stat(tmp)).size;
  const dir = path.join(env.uploadDir, 'notes');
  await fs.promises.mkdir(dir, { recursive: true });
  const final = path.join(dir, `${newId()}.${type.ext}`);
  await fs.promises.rename(tmp, final);
  return { note: { path: path.relative(env.uploadDir, final), mime, size, duration }, problem: null };
}

export async function discardUpload(value: FormDataEntryValue | null) {
  if (typeof value === 'string' && value.startsWith('upload:') && value !== TOO_LARGE) {
    const tmp = value.slice('upload:'.length);
    if (path.dirname(tmp) === path.join(env.uploadDir, 'tmp')) await fs.promises.rm(tmp, { force: true });
  }
}

/** Removes a note that was accepted but will not be kept (its application was refused). */
export async function discardNote(note: StoredNote | null) {
  const file = note ? notePathOnDisk(note.path) : null;
  if (file) await fs.promises.rm(file, { force: true });
}

export function notePathOnDisk(relative: string): string | null {
  const full = path.resolve(env.uploadDir, relative);
  return full.startsWith(path.resolve(env.uploadDir) + path.sep) ? full : null;
}
