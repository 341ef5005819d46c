import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import {
  allowTypes,
  discardPending,
  parseUploadForm,
  removeStored,
  serveFile,
  storeUpload,
  storedPath,
  type PendingUpload,
} from '~/modules/uploads/uploads.server';
import type { Actor } from '~/policies';
import { authorizeBid } from './access.server';

/**
 * Supporting files for a bid: PDF, DOCX, XLSX and images up to 20 MB, recognised by their content
 * (never by name or declared type), stored under UPLOAD_DIR/bids/<bid> outside the web root and
 * served only to the bid's partners by the download route. Receiving, checking, storing and serving
 * are the shared upload module's (app/modules/uploads); the rules above are the bids area's.
 */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
const ALLOWED = allowTypes('pdf', 'docx', 'xlsx', 'images');
export type AttachmentProblem = 'tooLarge' | 'wrongType' | 'missing';

/** Parses the upload form, streaming the `file` field to a temporary file (refused when over 20 MB). */
export async function parseAttachmentForm(request: Request): Promise<{ formData: FormData; uploads: PendingUpload[] }> {
  // Files a little over the cap are read (and thrown away) so the member gets a clear message; a
  // request far over it is refused outright (413) before anything is read.
  return parseUploadForm(request, { fields: { file: { maxBytes: ATTACHMENT_MAX_BYTES } }, maxFieldBytes: 10_000, maxRequestBytes: 5 * ATTACHMENT_MAX_BYTES });
}

/** Checks the uploaded file by content and stores it for the bid. Nothing is kept on any problem. */
export async function acceptAttachment(actor: Actor, bidId: string, uploads: PendingUpload[]): Promise<{ id: string } | { problem: AttachmentProblem }> {
  try {
    await authorizeBid(actor, bidId, 'bid.uploadAttachment');
  } catch (e) {
    await discardPending(uploads); // a refused upload leaves nothing behind
    throw e;
  }
  const uploadedBy = actor.id;
  const upload = uploads.find((u) => u.field === 'file');
  if (!upload) return { problem: 'missing' };
  if (uploads.length > 1) {
    await discardPending(uploads);
    return { problem: 'missing' };
  }
  // Pictures are re-encoded (full size) so no GPS position or camera details travel with them.
  const stored = await storeUpload(upload, { allow: ALLOWED, folder: `bids/${bidId}`, images: {} });
  if (!stored.file) {
    // Programs renamed as documents are "not a PDF, Word, Excel or image file" too.
    return { problem: stored.problem === 'tooLarge' ? 'tooLarge' : stored.problem === 'tooMany' ? 'missing' : 'wrongType' };
  }
  const id = newId();
  try {
    await db
      .insertInto('bid_attachments')
      .values({ id, bid_id: bidId, name: stored.file.name, mime: stored.file.mime, size: stored.file.size, path: stored.file.path, uploaded_by: uploadedBy, created_at: Date.now() })
      .execute();
  } catch (error) {
    await removeStored(stored.file);
    throw error;
  }
  return { id };
}

/** Removes the temporary files of an upload that will not be stored. */
export async function discardUploads(uploads: PendingUpload[]) {
  await discardPending(uploads);
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

/** An attachment of this bid whose file is inside UPLOAD_DIR, or null. */
export async function attachmentFile(bidId: string, attachmentId: string) {
  if (!attachmentId || attachmentId.length > 40) return null;
  const row = await db.selectFrom('bid_attachments').selectAll().where('id', '=', attachmentId).where('bid_id', '=', bidId).executeTakeFirst();
  if (!row || !storedPath(row.path)) return null;
  return row;
}

/** Sends an attachment (call after the bid access check): always a download, with safe headers. */
export async function serveAttachment(request: Request, bidId: string, attachmentId: string): Promise<Response> {
  const row = await attachmentFile(bidId, attachmentId);
  if (!row) throw new Response('Not found', { status: 404 });
  return serveFile(request, { path: row.path, name: row.name, mime: row.mime });
}

export async function deleteAttachment(actor: Actor, bidId: string, attachmentId: string): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.deleteAttachment');
  const found = await attachmentFile(bidId, attachmentId);
  const r = await db.deleteFrom('bid_attachments').where('id', '=', attachmentId).where('bid_id', '=', bidId).executeTakeFirst();
  if (found) await removeStored(found.path);
  return Number(r.numDeletedRows) === 1;
}
