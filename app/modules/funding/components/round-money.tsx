import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { Money } from './bits';

interface Props {
  money: { pot: number; carriedIn: { fromId: string; fromName: string; amount: number } | null; available: number; left: number | null; rollsTo: { id: string; name: string } | null };
  /** Stewards only: each grant's paid against awarded. */
  grants: { id: string; title: string; awarded: number; paid: number; closed: 'completed' | 'stopped-early' | null }[] | null;
}

/**
 * A round's money: what rolled over into it from the previous round, what it can give, and once it is
 * decided what is left and which round that goes to (issue 14 item 8).
 */
export function RoundMoney({ money, grants }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {money.carriedIn || money.left !== null ? (
        <dl className="facts fund-money">
          {money.carriedIn ? (
            <>
              <dt>{t('funding.money.carriedIn', { round: money.carriedIn.fromName })}</dt>
              <dd>
                <Money value={money.carriedIn.amount} />
              </dd>
              <dt>{t('funding.money.available')}</dt>
              <dd>
                <Money value={money.available} />
              </dd>
            </>
          ) : null}
          {money.left !== null ? (
            <>
              <dt>{t('funding.money.leftInPot')}</dt>
              <dd>
                <Money value={money.left} />{' '}
                {money.left > 0 ? (
                  money.rollsTo ? (
                    <Link to={`/funds/${money.rollsTo.id}`}>{t('funding.money.rollsTo', { round: money.rollsTo.name })}</Link>
                  ) : (
                    t('funding.money.rollsToNext')
                  )
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {grants?.length ? (
        <section aria-labelledby="grants-heading">
          <h2 id="grants-heading">{t('funding.money.grants')}</h2>
          <p>{t('funding.money.grantsLead')}</p>
          <ul className="fund-rounds">
            {grants.map((g) => (
              <li key={g.id} className="card">
                <p>
                  <Link to={`/funds/grants/${g.id}`} dir="auto">
                    <strong>{g.title || t('funding.app.untitled')}</strong>
                  </Link>
                </p>
                <p>
                  <Money value={g.paid} /> {t('funding.money.paidOf')} <Money value={g.awarded} /> · {t(`funding.reports.state.${g.closed ?? 'active'}`)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
