import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/notices/access.server';
import { getNotice } from '~/modules/notices/notices.server';
import { firstNoticeFile } from '~/modules/notices/files.server';

/** The address of a notice's single attachment before notices had several files: its first file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const notice = await getNotice(params.id ?? '', user ? { id: user.id, role: user.role } : null);
  if (notice) authorize(user, 'notice.readFiles', notice.subject);
  const file = notice ? await firstNoticeFile(notice.id) : null;
  if (!notice || !file) throw new Response('Not found', { status: 404 });
  return redirect(`/notices/${notice.id}/files/${file.id}`);
}
