import type { LoaderFunctionArgs } from '@remix-run/node';
import { bidContext } from '~/modules/bids/context.server';
import { serveAttachment } from '~/modules/bids/attachments.server';

/**
 * Downloads an attachment, to the bid's partners only (404 for everyone else). Always as a download
 * (Content-Disposition: attachment), with nosniff and a sandboxing CSP so nothing runs from it
 * (the shared upload module's serveFile).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid } = await bidContext(request, params.id);
  return serveAttachment(request, bid.id, params.fileId ?? '');
}
