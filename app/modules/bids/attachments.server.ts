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
import { db } from '~db/connection';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';

/**
 * Supporting files for a bid: PDF, DOCX, XLSX and images up to 20 MB, recognised by their content
 * (never by name or declared type), stored under UPLOAD_DIR/bids outside the web root and served only
 * to the bid's partners by the download route.
 */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
const ALLOWED = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['image/gif', 'gif'],
]);
export type AttachmentProblem = 'tooLarge' | 'wrongType' | 'missing';

const TOO_LARGE = 'upload:too-large';
const tmpDir = () => path.join(env.uploadDir, 'tmp');

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const chunk of data) void chunk;
}

/** Parses the upload form, streaming the `file` field to a temporary file (dropped when over 20 MB). */
export async function parseAttachmentForm(request: Request) {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const handler = composeUploadHandlers(async ({ name, filename, data }) => {
    if (name !== 'file') return undefined;
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
    // Keep the name the member gave (for display only) next to the temp path.
    return `upload:${tmp}|${filename.slice(0, 200)}`;
  }, createMemoryUploadHandler({ maxPartSize: 10_000 }));
  try {
    return await parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new Response('Form field too large', { status: 413 });
    throw new Response('Malformed form', { status: 400 });
  }
}

/** A display name without folders or control characters, with the extension of the real content. */
export function safeName(original: string, ext: string): string {
  const base = path.basename(original.replace(/\\/g, '/')).replace(/[\p{C}"<>:/\\|?*]/gu, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 120) || 'file';
  return `${stem}.${ext}`;
}

/** Checks the uploaded file by content and stores it for the bid. Nothing is kept on any problem. */
export async function acceptAttachment(
  bidId: string,
  value: FormDataEntryValue | null,
  uploadedBy: string,
): Promise<{ id: string } | { problem: AttachmentProblem }> {
  if (value === TOO_LARGE) return { problem: 'tooLarge' };
  if (typeof value !== 'string' || !value.startsWith('upload:')) return { problem: 'missing' };
  const [tmp, original = 'file'] = value.slice('upload:'.length).split('|');
  if (!tmp || path.dirname(tmp) !== tmpDir() || !fs.existsSync(tmp)) return { problem: 'missing' };
  const type = await fileTypeFromFile(tmp);
  const ext = type ? ALLOWED.get(type.mime) : undefined;
  if (!type || !ext) {
    await fs.promises.rm(tmp, { force: true });
    return { problem: 'wrongType' };
  }
  const size = (await fs.promises.stat(tmp)).size;
  const id = newId();
  const dir = path.join(env.uploadDir, 'bids', bidId);
  await fs.promises.mkdir(dir, { recursive: true });
  const final = path.join(dir, `${id}.${ext}`);
  await fs.promises.rename(tmp, final);
  try {
    await db
      .insertInto('bid_attachments')
      .values({ id, bid_id: bidId, name: safeName(original, ext), mime: type.mime, size, path: path.relative(env.uploadDir, final), uploaded_by: uploadedBy, created_at: Date.now() })
      .execute();
  } catch (error) {
    await fs.promises.rm(final, { force: true });
    throw error;
  }
  return { id };
}

export async function discardUpload(value: FormDataEntryValue | null) {
  if (typeof value === 'string' && value.startsWith('upload:') && value !== TOO_LARGE) {
    const tmp = value.slice('upload:'.length).split('|')[0]!;
    if (path.dirname(tmp) === tmpDir()) await fs.promises.rm(tmp, { force: true });
  }
}

export async function listAttachments(bidId: string) {
  return db
    .selectFrom('bid_attachments')
    .leftJoin('users', 'users.id', 'bid_attachments.uploaded_by')
    .select(['bid_attachments.id', 'bid_attachments.name', 'bid_attachments.mime', 'bid_attachments.size', 'bid_attachments.created_at', 'users.name as uploaded_by_name'])
    .where('bid_id', '=', bidId)
    .orderBy('bid_attachments.created_at', 'desc')
    .execute();
}

/** The file on disk for an attachment of this bid, or null (never outside UPLOAD_DIR). */
export async function attachmentFile(bidId: string, attachmentId: string) {
  const row = await db.selectFrom('bid_attachments').selectAll().where('id', '=', attachmentId).where('bid_id', '=', bidId).executeTakeFirst();
  if (!row) return null;
  const full = path.resolve(env.uploadDir, row.path);
  if (!full.startsWith(path.resolve(env.uploadDir) + path.sep) || !fs.existsSync(full)) return null;
  return { ...row, file: full };
}

export async function deleteAttachment(bidId: string, attachmentId: string): Promise<boolean> {
  const found = await attachmentFile(bidId, attachmentId);
  const r = await db.deleteFrom('bid_attachments').where('id', '=', attachmentId).where('bid_id', '=', bidId).executeTakeFirst();
  if (found) await fs.promises.rm(found.file, { force: true });
  return Number(r.numDeletedRows) === 1;
}
