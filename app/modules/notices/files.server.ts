import { db } from '~db/connection';
import { MB, allowTypes, type StoredUpload } from '~/modules/uploads/uploads.server';

/**
 * Notice files (images, documents, templates): up to 5 per notice, each at most 10 MB, with the type
 * read from the content by the shared uploads module (never from the name or the browser's claim).
 * Executables and unknown types are refused. Files are served under the notice's own visibility.
 */
export const ATTACHMENT_MAX_BYTES = 10 * MB;
export const MAX_FILES = 5;
export const ALT_MAX = 200;
/** Old Office formats share a container with .msi installers, so only the modern ones are accepted. */
export const NOTICE_FILE_TYPES = allowTypes('images', 'pdf', 'docx', 'xlsx', 'pptx', 'opendocument');
export const FILES_FOLDER = 'notices';
/** Pictures are re-encoded without metadata (GPS!), at most 2560 px, with a 480 px preview. */
export const IMAGE_OPTIONS = { maxDimension: 2560, thumbnail: 480 };

export type AttachmentProblem = 'tooLarge' | 'tooMany' | 'wrongType' | 'executable';

/** A checked, stored file on its way into notice_files, with the author's description for images. */
export interface NewNoticeFile extends StoredUpload {
  alt: string | null;
}

export interface NoticeFileChanges {
  add: NewNoticeFile[];
  /** Ids of this notice's files to delete. */
  remove: string[];
  /** New descriptions of this notice's images, by file id. */
  alts: Record<string, string | null>;
}

export function isImage(mime: string) {
  return mime.startsWith('image/');
}

/** The notice's files in order (what the page shows); no disk paths. */
export async function listNoticeFiles(noticeId: string) {
  return db
    .selectFrom('notice_files')
    .select(['id', 'name', 'mime', 'size', 'alt'])
    .where('notice_id', '=', noticeId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One file of one notice (the caller has checked the viewer may see the notice). */
export async function noticeFile(noticeId: string, fileId: string) {
  if (!fileId || fileId.length > 40) return null;
  return (await db.selectFrom('notice_files').selectAll().where('notice_id', '=', noticeId).where('id', '=', fileId).executeTakeFirst()) ?? null;
}

/** The first file of a notice (for the old single-attachment address). */
export async function firstNoticeFile(noticeId: string) {
  return (await db.selectFrom('notice_files').selectAll().where('notice_id', '=', noticeId).orderBy('position').orderBy('created_at').limit(1).executeTakeFirst()) ?? null;
}
