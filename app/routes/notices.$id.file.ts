import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { getNotice } from '~/modules/notices/notices.server';
import { INLINE_TYPES, storedFilePath } from '~/modules/notices/files.server';

/**
 * A notice's attachment, under the notice's own visibility rules (members; visitors only for public
 * notices). Served with its checked type, nosniff, a sandboxing CSP and an explicit disposition.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const notice = await getNotice(params.id ?? '', user ? { id: user.id, role: user.role } : null);
  if (!notice || !notice.file_path || !notice.file_mime) throw new Response('Not found', { status: 404 });
  const full = storedFilePath(notice.file_path);
  if (!full || !fs.existsSync(full)) throw new Response('Not found', { status: 404 });
  const size = (await fs.promises.stat(full)).size;
  const name = notice.file_name ?? 'file';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = INLINE_TYPES.has(notice.file_mime) ? 'inline' : 'attachment';
  return new Response(Readable.toWeb(fs.createReadStream(full)) as ReadableStream, {
    headers: {
      'Content-Type': notice.file_mime,
      'Content-Length': String(size),
      'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': notice.is_public ? 'public, max-age=300' : 'private, no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}
