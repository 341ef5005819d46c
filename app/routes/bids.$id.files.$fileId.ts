import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { bidContext } from '~/modules/bids/context.server';
import { attachmentFile } from '~/modules/bids/attachments.server';

/**
 * Downloads an attachment, to the bid's partners only (404 for everyone else). Always as a download
 * (Content-Disposition: attachment), with nosniff and a sandboxing CSP so nothing runs from it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid } = await bidContext(request, params.id);
  const file = await attachmentFile(bid.id, params.fileId ?? '');
  if (!file) throw new Response('Not found', { status: 404 });
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const headers = new Headers({
    'Content-Type': file.mime,
    'Content-Length': String((await fs.promises.stat(file.file)).size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
  return new Response(Readable.toWeb(fs.createReadStream(file.file)) as ReadableStream, { status: 200, headers });
}
