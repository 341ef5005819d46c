import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';
import { Money } from './bits';

export interface AcceptanceRow {
  applicationId: string;
  title: string;
  leadName: string;
  amount: number;
  acceptedAt: number | null;
}

/** For the stewards on a decided round: each award and whether its letter has been accepted, and when. */
export function Acceptances({ rows }: { rows: AcceptanceRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="acceptances-heading" className="card">
      <h2 id="acceptances-heading">{t('funding.award.stewardsTitle')}</h2>
      {rows.length ? (
        <>
          <p className="muted">{t('funding.award.stewardsLead')}</p>
          <ul className="fund-rounds">
            {rows.map((r) => (
              <li key={r.applicationId}>
                <Link to={`/funds/applications/${r.applicationId}/award`} dir="auto">
                  {r.title || t('funding.app.untitled')}
                </Link>{' '}
                · <bdi>{r.leadName}</bdi> · <Money value={r.amount} /> ·{' '}
                <strong>{r.acceptedAt !== null ? t('funding.award.accepted', { date: f.dateTime(r.acceptedAt), name: r.leadName }) : t('funding.award.notYet')}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('funding.award.stewardsNone')}</p>
      )}
    </section>
  );
}
