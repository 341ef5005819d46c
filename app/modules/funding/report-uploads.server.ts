/**
 * The files of a grant report, checked by the shared uploads module: a recording (the join notes'
 * rules — content-sniffed, remuxed without metadata, length measured by decoding), up to three photos
 * (images only, re-encoded so no location or camera data survives) and receipts (pictures or PDF).
 * A program under a picture's name is refused as an executable. All stored or none.
 */
import { allowTypes, discardPending, parseUploadForm, removeStored, storeUpload, type PendingUpload, type UploadProblem } from '~/modules/uploads/uploads.server';
import { MB, NOTE_GROUPS, NOTE_MAX_BYTES, NOTE_MAX_SECONDS, PHOTO_MAX_BYTES } from '~/modules/uploads/types';
import { MAX_PHOTOS, MAX_RECEIPTS } from './report-rules';
import type { NewFiles, StoredFile } from './reports.server';

export const RECEIPT_MAX_BYTES = 10 * MB;
const FOLDER = 'fund-reports';
const PHOTO_TYPES = allowTypes('images');
const RECEIPT_TYPES = allowTypes('images', 'pdf');
const NOTE_TYPES = allowTypes(...NOTE_GROUPS);

export const photoField = (i: number) => `photo.${i}`;

export async function parseReportForm(request: Request) {
  const fields: Record<string, { maxBytes: number; maxFiles: number }> = {
    media: { maxBytes: NOTE_MAX_BYTES, maxFiles: 1 },
    receipts: { maxBytes: RECEIPT_MAX_BYTES, maxFiles: MAX_RECEIPTS },
  };
  for (let i = 0; i < MAX_PHOTOS; i++) fields[photoField(i)] = { maxBytes: PHOTO_MAX_BYTES, maxFiles: 1 };
  return parseUploadForm(request, { fields, maxFieldBytes: 20_000 });
}

export type FileProblem = { field: string; error: string; values?: Record<string, string | number> };

/** Stores every upload of the report form, or none (returning each bad file's problem). */
export async function storeReportFiles(uploads: PendingUpload[], captions: (string | undefined)[]): Promise<{ files: NewFiles } | { problems: FileProblem[] }> {
  const files: NewFiles = { media: null, photos: [], receipts: [] };
  const problems: FileProblem[] = [];
  const stored: StoredFile[] = [];
  const message = (p: UploadProblem | string) => `uploads.problems.${p}`;
  for (const u of uploads) {
    const photo = u.field.startsWith('photo.');
    if (photo && u.problem === 'tooMany') {
      problems.push({ field: 'photos', error: 'funding.reports.errors.too-many-photos', values: { max: MAX_PHOTOS } });
      continue;
    }
    const opts =
      u.field === 'media'
        ? { allow: NOTE_TYPES, folder: FOLDER, media: { maxSeconds: NOTE_MAX_SECONDS } }
        : photo
          ? { allow: PHOTO_TYPES, folder: FOLDER, images: { maxDimension: 1600, thumbnail: 480 } }
          : { allow: RECEIPT_TYPES, folder: FOLDER, images: { maxDimension: 2400 } };
    const r = await storeUpload(u, opts);
    if (!r.file) {
      problems.push({ field: u.field === 'media' ? 'happened' : photo ? 'photos' : 'receipts', error: 'uploads.fileProblem', values: { name: u.name.slice(0, 80), message: message(r.problem) } });
      continue;
    }
    const f: StoredFile = { path: r.file.path, thumbPath: r.file.thumbPath ?? null, mime: r.file.mime, size: r.file.size, name: r.file.name };
    stored.push(f);
    if (u.field === 'media') files.media = f;
    else if (photo) files.photos.push({ ...f, caption: (captions[Number(u.field.slice(6))] ?? '').trim() });
    else files.receipts.push(f);
  }
  if (problems.length) {
    await removeStored(stored);
    await discardPending(uploads);
    return { problems };
  }
  return { files };
}
