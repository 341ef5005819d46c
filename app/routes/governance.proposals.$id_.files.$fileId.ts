import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { attachmentFor } from '~/modules/governance/attachments.server';
import { serveFile } from '~/modules/uploads/uploads.server';

/** A proposal's background document: members only (every member can read every proposal). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const file = await attachmentFor(params.id ?? '', params.fileId ?? '');
  if (!file) throw new Response('Not found', { status: 404 });
  return serveFile(request, file);
}
