import type { LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/notices/access.server';
import { getNotice } from '~/modules/notices/notices.server';
import { noticeFile } from '~/modules/notices/files.server';
import { serveFile } from '~/modules/uploads/uploads.server';

/**
 * One file of a notice, under the notice's own visibility (members; visitors only for public notices;
 * a hidden notice only for its author and stewards): anything else is 404. Pictures open in the
 * browser with `?view=1`, their preview with `?thumb=1`; every other file downloads. Headers from the shared uploads module.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const notice = await getNotice(params.id ?? '', user ? { id: user.id, role: user.role } : null);
  if (notice) authorize(user, 'notice.readFiles', notice.subject);
  const file = notice ? await noticeFile(notice.id, params.fileId ?? '') : null;
  if (!notice || !file) throw new Response('Not found', { status: 404 });
  const search = new URL(request.url).searchParams;
  const maxAge = notice.is_public && !notice.hidden ? 300 : 0;
  if (search.has('thumb')) {
    // The small preview of a picture (older pictures have none: the picture itself).
    if (file.thumb_path) return serveFile(request, { path: file.thumb_path, name: file.name.replace(/\.[^.]+$/, '.webp'), mime: 'image/webp' }, { inline: true, maxAge });
    return serveFile(request, { path: file.path, name: file.name, mime: file.mime }, { inline: true, maxAge });
  }
  return serveFile(request, { path: file.path, name: file.name, mime: file.mime }, { inline: search.has('view'), maxAge });
}
