import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { fixedT, resolveLocale } from '~/modules/i18n/i18next.server';
import { decisionsPdf } from '~/modules/governance/minutes.server';
import { DECISION_KINDS } from '~/modules/governance/tally';

const OUTCOMES = ['passed', 'rejected', 'not_quorate', 'lapsed', 'advisory', 'elected', 'pending'];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = await fixedT(await resolveLocale(request));
  const pdf = await decisionsPdf({
    title: t('governance.decisions.title'),
    kinds: Object.fromEntries(DECISION_KINDS.map((k) => [k, t(`governance.kinds.${k}`)])),
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, t(`governance.outcomes.${o}`)])),
  });
  return new Response(new Uint8Array(pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="decision-register.pdf"', 'Cache-Control': 'no-store' },
  });
}
