import path from 'node:path';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { env } from '~/env.server';
import { requireSteward } from '~/modules/auth/session.server';
import { applicationNote } from '~/modules/membership/applications.server';
import { serveFile } from '~/modules/uploads/uploads.server';

/**
 * Streams an applicant's voice/video note to stewards only, with Range support so players can seek
 * (shared uploads module: checked type, sandboxing CSP, private caching), never from the public folder.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSteward(request);
  const note = await applicationNote(params.id ?? '');
  if (!note) throw new Response('Not found', { status: 404 });
  const ext = path.extname(note.file) || '';
  return serveFile(request, { path: path.relative(env.uploadDir, note.file), name: `note${ext}`, mime: note.mime });
}
