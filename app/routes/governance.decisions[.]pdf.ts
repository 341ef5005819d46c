import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeRecords } from '~/modules/governance/access.server';
import { fixedT, resolveLocale } from '~/modules/i18n/i18next.server';
import { decisionsPdf } from '~/modules/governance/minutes.server';

export async function loader({ request }: LoaderFunctionArgs) {
  authorizeRecords(await requireUser(request));
  const t = await fixedT(await resolveLocale(request));
  const pdf = await decisionsPdf(t);
  return new Response(new Uint8Array(pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="decision-register.pdf"', 'Cache-Control': 'no-store' },
  });
}
