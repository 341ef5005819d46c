import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { contentDisposition, exportSections, toPdf } from '~/modules/collab/export.server';
import { loadDocumentFor } from '~/modules/collab/route-helpers.server';
import { resolveCover } from '~/modules/collab/access.server';
import { requestT } from '~/modules/i18n/i18next.server';
import { textDirection } from '~/modules/i18n/config';

/** The document as a PDF, from the server's state; fields and headings come from the kind's outline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { document, outline } = await loadDocumentFor(params.id, user, 'document.export');
  const { t, locale } = await requestT(request);
  // The cover (bids: funder, deadline, amount, partners, budget, word counts) in the reader's language.
  const cover = await resolveCover(document.kind, document.subjectId, { t: (key, values) => t(key, values), locale, documentId: document.id });
  const body = await toPdf(document.title, await exportSections(document.id, outline), { cover, dir: textDirection(locale) });
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(document.title, 'pdf'),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
