import fs from 'node:fs';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getUser } from '~/modules/auth/session.server';
import { photoForViewer } from '~/modules/directory/photo.server';
import { notFound } from '~/utils/http.server';

/** A member's photo, under the same rules as their profile (visitors only for public profiles). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const file = await photoForViewer(user ? { id: user.id, role: user.role } : null, params.id ?? '');
  if (!file) notFound();
  const body = await fs.promises.readFile(file.path).catch(() => null);
  if (!body) notFound();
  return new Response(body, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(body.length),
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
      // Never kept by shared caches (a profile can stop being public); the URL carries a version.
      'Cache-Control': 'private, max-age=3600',
    },
  });
}
