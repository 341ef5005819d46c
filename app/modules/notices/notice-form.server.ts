import { json } from '@remix-run/node';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { MB, discardPending, parseUploadForm, removeStored, storeUploads } from '~/modules/uploads/uploads.server';
import { NOTICE_MESSAGES, NoticeSchema, type NoticeInput } from './notices.schema';
import { ALT_MAX, ATTACHMENT_MAX_BYTES, FILES_FOLDER, IMAGE_OPTIONS, MAX_FILES, NOTICE_FILE_TYPES, isImage, type NewNoticeFile, type NoticeFileChanges } from './files.server';

export type ParsedNotice = { ok: true; input: NoticeInput; files: NoticeFileChanges } | { ok: false; response: Response };

/**
 * Reads a notice form (multipart, with up to 5 files in the multiple `files` input): the files are
 * checked by content first (shared uploads module), then the fields. Any problem returns the whole
 * submission with messages, input kept, and no file left behind. On edit, `existing` are the
 * notice's current files: the form may remove them (`removeFiles`) and describe images (`alt-<id>`).
 */
export async function readNoticeForm(request: Request, opts: { existing?: { id: string; mime: string }[] } = {}): Promise<ParsedNotice> {
  const existing = opts.existing ?? [];
  const { formData, uploads } = await parseUploadForm(request, {
    fields: { files: { maxBytes: ATTACHMENT_MAX_BYTES, maxFiles: MAX_FILES } },
    maxRequestBytes: MAX_FILES * ATTACHMENT_MAX_BYTES + 2 * MB,
  });
  const remove = formData
    .getAll('removeFiles')
    .map(String)
    .filter((id) => existing.some((f) => f.id === id));
  const alts: Record<string, string | null> = {};
  let altTooLong = false;
  for (const f of existing) {
    const v = formData.get(`alt-${f.id}`);
    if (typeof v !== 'string' || !isImage(f.mime)) continue;
    if (v.trim().length > ALT_MAX) altTooLong = true;
    alts[f.id] = v.trim() || null;
  }
  const kept = existing.length - remove.length;
  const tooMany = kept + uploads.length > MAX_FILES;

  // Check every new file by content (all or nothing); a problem is reported with the file's name.
  let added: NewNoticeFile[] = [];
  const fileErrors: string[] = [];
  if (tooMany) {
    await discardPending(uploads);
    fileErrors.push('notices.validation.file.tooMany');
  } else if (uploads.length) {
    const stored = await storeUploads(uploads, { allow: NOTICE_FILE_TYPES, folder: FILES_FOLDER, images: IMAGE_OPTIONS });
    if (stored.ok) {
      const description = String(formData.get('imagesAlt') ?? '').trim().slice(0, ALT_MAX) || null;
      added = stored.files.map((f) => ({ ...f, alt: isImage(f.mime) ? description : null }));
    } else {
      const first = stored.problems[0]!;
      fileErrors.push(`notices.validation.file.${first.problem}`, first.name);
    }
  }
  if (altTooLong) fileErrors.unshift('notices.validation.altTooLong');

  if (added.length || kept > 0) formData.set('attachment', 'present');
  else formData.delete('attachment');
  const submission = parseWithZod(formData, { schema: NoticeSchema });
  // A resource needs a file or a link; only the server knows whether a file arrived.
  const missingFile = submission.status === 'success' && submission.value.type === 'resource' && !submission.value.link && !submission.value.attachment && !fileErrors.length;
  if (fileErrors.length || missingFile || submission.status !== 'success') {
    await discardPending(uploads);
    await removeStored(added);
    const fieldErrors: Record<string, string[]> = {};
    if (fileErrors.length) fieldErrors.attachment = fileErrors;
    else if (missingFile) fieldErrors.link = [NOTICE_MESSAGES.fileOrLink];
    const reply = submission.reply(fileErrors.length || missingFile ? { fieldErrors } : undefined);
    return { ok: false, response: json(reply, { status: 400 }) };
  }
  return { ok: true, input: submission.value, files: { add: added, remove, alts } };
}
