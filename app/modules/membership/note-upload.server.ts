import path from 'node:path';
import { allowTypes, discardPending, parseUploadForm, pendingFromTmp, removeStored, storeUpload, storedPath, tmpDir } from '~/modules/uploads/uploads.server';
import { NOTE_GROUPS, NOTE_MAX_BYTES, NOTE_MAX_SECONDS } from '~/modules/uploads/types';

/**
 * Voice or video notes: checked by their content, never by their name or declared type. The types
 * and limits are shared with the file picker (uploads/types.ts) so it offers exactly what is accepted.
 */
export { NOTE_MAX_BYTES, NOTE_MAX_SECONDS };
const NOTE_TYPES = allowTypes(...NOTE_GROUPS);

export type NoteProblem = 'tooLarge' | 'wrongType' | 'tooLong';
export type StoredNote = { path: string; mime: string; size: number; duration: number | null };

const TOO_LARGE = 'upload:too-large';

/** `upload:<name>` → the file in this process's temp folder (pendingFromTmp refuses anything else). */
function tmpFile(value: string): string {
  return path.join(tmpDir(), path.basename(value.slice('upload:'.length)));
}

/**
 * Parses a multipart form, streaming the field `fieldName` to a temporary file (shared uploads module).
 * A file over the limit is discarded but the rest of the form is still read, so the person's other
 * answers are kept. The field's value becomes a server-made reference, `upload:<random name>` — only the
 * file's name inside the temp folder, never its path: a reply that echoes the form must not tell
 * strangers where the server keeps its files.
 */
export async function parseFormWithNote(request: Request, fieldName: string) {
  const { formData, uploads } = await parseUploadForm(request, { fields: { [fieldName]: { maxBytes: NOTE_MAX_BYTES, maxFiles: 1 } }, maxFieldBytes: 200_000 });
  const upload = uploads[0];
  if (upload?.problem === 'tooLarge') formData.set(fieldName, TOO_LARGE);
  else if (upload?.tmpPath) formData.set(fieldName, `upload:${path.basename(upload.tmpPath)}`);
  return formData;
}

/** Checks the uploaded note and moves it into storage. Returns the stored file or a problem. */
export async function acceptNote(value: FormDataEntryValue | null): Promise<{ note: StoredNote | null; problem: NoteProblem | null }> {
  if (typeof value !== 'string' || !value.startsWith('upload:')) return { note: null, problem: null };
  if (value === TOO_LARGE) return { note: null, problem: 'tooLarge' };
  // Only files this process wrote into its own tmp folder are accepted.
  const pending = pendingFromTmp(tmpFile(value), 'note');
  if (!pending) return { note: null, problem: null };
  // Remuxed without metadata and measured by decoding: MediaRecorder's WebM states no length.
  const r = await storeUpload(pending, { allow: NOTE_TYPES, folder: 'notes', media: { maxSeconds: NOTE_MAX_SECONDS } });
  if (!r.file) return { note: null, problem: r.problem === 'tooLong' ? 'tooLong' : r.problem === 'tooLarge' ? 'tooLarge' : 'wrongType' };
  return { note: { path: r.file.path, mime: r.file.mime, size: r.file.size, duration: r.file.duration ?? null }, problem: null };
}

export async function discardUpload(value: FormDataEntryValue | null) {
  if (typeof value === 'string' && value.startsWith('upload:') && value !== TOO_LARGE) {
    const pending = pendingFromTmp(tmpFile(value));
    if (pending) await discardPending([pending]);
  }
}

/** Removes a note that was accepted but will not be kept (its application was refused). */
export async function discardNote(note: StoredNote | null) {
  if (note) await removeStored(note.path);
}

export function notePathOnDisk(relative: string): string | null {
  return storedPath(relative);
}
