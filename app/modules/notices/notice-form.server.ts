import { json } from '@remix-run/node';
import { parseWithZod } from '@conform-to/zod';
import { NOTICE_MESSAGES, NoticeSchema, type NoticeInput } from './notices.schema';
import { acceptAttachment, discardStored, discardUpload, parseNoticeForm, type StoredFile } from './files.server';

const MAX_REQUEST = 12 * 1024 * 1024;

export type ParsedNotice =
  | { ok: true; input: NoticeInput; file: StoredFile | null; removeFile: boolean }
  | { ok: false; response: Response };

/**
 * Reads a notice form (multipart, with an optional attachment): the attachment is checked by content
 * first, then the fields. Any problem returns the whole submission with messages, input kept, and no
 * file left behind.
 */
export async function readNoticeForm(request: Request, opts: { hasExistingFile: boolean }): Promise<ParsedNotice> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_REQUEST) throw new Response('Too large', { status: 413 });
  const { formData, names } = await parseNoticeForm(request, 'file');
  const upload = formData.get('file');
  const removeFile = formData.get('removeFile') === 'on';
  const { file, problem } = await acceptAttachment(upload, names);
  formData.delete('file');
  if (file || (opts.hasExistingFile && !removeFile)) formData.set('attachment', 'present');
  else formData.delete('attachment');
  const submission = parseWithZod(formData, { schema: NoticeSchema });
  // A resource needs a file or a link; only the server knows whether a file arrived.
  const missingFile = submission.status === 'success' && submission.value.type === 'resource' && !submission.value.link && !submission.value.attachment;
  if (problem || missingFile || submission.status !== 'success') {
    await discardUpload(upload);
    await discardStored(file);
    const fieldErrors: Record<string, string[]> = {};
    if (problem) fieldErrors.attachment = [`notices.validation.file.${problem}`];
    else if (missingFile) fieldErrors.link = [NOTICE_MESSAGES.fileOrLink];
    const reply = submission.reply(problem || missingFile ? { fieldErrors } : undefined);
    return { ok: false, response: json(reply, { status: 400 }) };
  }
  return { ok: true, input: submission.value, file, removeFile };
}
