import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireSteward } from '~/modules/auth/session.server';
import { applicationNote } from '~/modules/membership/applications.server';

/**
 * Streams an applicant's voice/video note to stewards only, with Range support so players can seek.
 * Served as an attachment-safe media type with nosniff, never from the public folder.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSteward(request);
  const note = await applicationNote(params.id ?? '');
  if (!note) throw new Response('Not found', { status: 404 });
  const size = (await fs.promises.stat(note.file)).size;
  const headers = new Headers({
    'Content-Type': note.mime,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': 'inline; filename="note"',
  });
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      headers.set('Content-Range', `bytes */${size}`);
      return new Response(null, { status: 416, headers });
    }
    headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    headers.set('Content-Length', String(end - start + 1));
    const stream = Readable.toWeb(fs.createReadStream(note.file, { start, end })) as ReadableStream;
    return new Response(stream, { status: 206, headers });
  }
  headers.set('Content-Length', String(size));
  return new Response(Readable.toWeb(fs.createReadStream(note.file)) as ReadableStream, { status: 200, headers });
}
