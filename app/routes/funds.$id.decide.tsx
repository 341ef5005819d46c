import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { confirmAwards, ranking } from '~/modules/funding/panel.server';
import { availablePot } from '~/modules/funding/money.server';
import { Money } from '~/modules/funding/components/bits';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Decide · NOMI Workspace' }];

/** Panel decides: the ranking by weighted score and what it funds from the pot; stewards confirm. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { round, rows } = await ranking(user, params.id!);
  const spent = rows.reduce((s, r) => s + (r.award ?? 0), 0);
  return json({ round: { id: round.id, name: round.name, pot: await availablePot(round.id), allowPartial: round.allowPartial }, rows, spent });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get('intent') !== 'confirm') throw new Response('Bad request', { status: 400 });
  const r = await confirmAwards(user, params.id!);
  return redirectWithFlash(request, `/funds/${params.id}`, { key: r === 'ok' ? 'funding.flash.decided' : 'funding.flash.already-decided' });
}

export default function Decide() {
  const { t } = useTranslation();
  const { round, rows, spent } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('funding.decide.title')} lead={round.name} />
      <p>{t(round.allowPartial ? 'funding.decide.leadPartial' : 'funding.decide.lead')}</p>
      <p>
        {t('funding.decide.pot')} <Money value={round.pot} /> · {t('funding.decide.spent')} <Money value={spent} /> · {t('funding.decide.left')} <Money value={round.pot - spent} />
      </p>
      <ol className="fund-rounds">
        {rows.map((r) => (
          <li key={r.id} className="card">
            <p>
              <Link to={`/funds/applications/${r.id}/review`} dir="auto">
                <strong>{r.title || t('funding.app.untitled')}</strong>
              </Link>
            </p>
            <p>
              {t('funding.decide.score', { score: r.score === null ? '–' : r.score.toFixed(2), n: r.scoredBy })} · {t('funding.decide.asked')} <Money value={r.amount} />
            </p>
            <p>
              <strong>
                {r.award === null ? (
                  t(r.score === null ? 'funding.decide.notScored' : 'funding.decide.notFunded')
                ) : (
                  <>
                    {t(r.partial ? 'funding.decide.partial' : 'funding.decide.funded')} <Money value={r.award} />
                  </>
                )}
              </strong>
            </p>
          </li>
        ))}
      </ol>
      {rows.length ? (
        <Form method="post">
          <p>{t('funding.decide.confirmHelp')}</p>
          <button type="submit" name="intent" value="confirm" className="button">
            {t('funding.decide.confirm')}
          </button>
        </Form>
      ) : (
        <p>{t('funding.review.none')}</p>
      )}
    </>
  );
}
