import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { reportFile } from '~/modules/funding/reports.server';
import { serveFile } from '~/modules/uploads/uploads.server';

/**
 * A report's photo, receipt or recording, for stewards and the grantee only (anyone else: 404). Photos
 * open in the page with `?view=1`, their preview with `?thumb=1`; receipts download. Never cached by
 * anything but the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await reportFile(user, params.appId!, params.kind!, params.fileId!);
  const search = new URL(request.url).searchParams;
  if (search.has('thumb') && file.thumbPath) return serveFile(request, { path: file.thumbPath, name: file.name.replace(/\.[^.]+$/, '.webp'), mime: 'image/webp' }, { inline: true });
  return serveFile(request, { path: file.path, name: file.name, mime: file.mime }, { inline: file.isImage && (search.has('view') || search.has('thumb')) });
}
