import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { reviewList } from '~/modules/funding/panel.server';
import { Money } from '~/modules/funding/components/bits';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Review · NOMI Workspace' }];

/** The panel's list: what each reviewer still has to do, and the spread of scores (moderation). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { round, subject, rows } = await reviewList(user, params.id!);
  return json({ round: { id: round.id, name: round.name, status: round.status }, rows, abilities: abilitiesFor(user, subject, ['fundRound.decide']) });
}

const one = (n: number | null) => (n === null ? '–' : n.toFixed(1));

export default function ReviewList() {
  const { t } = useTranslation();
  const { round, rows, abilities } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('funding.review.title')} lead={round.name} />
      <p>{t('funding.review.lead')}</p>
      {rows.length === 0 ? <p>{t('funding.review.none')}</p> : null}
      <ul className="fund-rounds">
        {rows.map((r) => (
          <li key={r.id} className="card">
            <h2>
              <Link to={`/funds/applications/${r.id}/review`} dir="auto">
                {r.title || t('funding.app.untitled')}
              </Link>
            </h2>
            <p>
              {r.amount !== null ? <Money value={r.amount} /> : null} · <strong>{t(`funding.review.mine.${r.mine}`)}</strong>
            </p>
            <p className="muted">{t('funding.review.counts', { scored: r.scoredBy, declared: r.declaredBy })}</p>
            {r.moderation ? (
              <dl className="facts">
                <dt>{t('funding.review.mean')}</dt>
                <dd>{one(r.moderation.mean)}</dd>
                <dt>{t('funding.review.spread')}</dt>
                <dd>
                  {r.moderation.count ? `${one(r.moderation.min)}–${one(r.moderation.max)}` : '–'}
                  {r.moderation.flagged ? <strong className="fund-flag"> {t('funding.review.flagged')}</strong> : null}
                </dd>
              </dl>
            ) : (
              <p className="muted">{t('funding.review.hiddenUntilYours')}</p>
            )}
          </li>
        ))}
      </ul>
      {abilities['fundRound.decide'] ? (
        <p>
          <Link to={`/funds/${round.id}/decide`} className="button">
            {t('funding.decide.link')}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to={`/funds/${round.id}`}>{t('funding.review.back')}</Link>
      </p>
    </>
  );
}
