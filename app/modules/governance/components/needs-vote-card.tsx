import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';

/** Dashboard card: open votes the member has not taken part in yet. Renders nothing when none. */
export function NeedsVoteCard({ items }: { items: Array<{ id: string; title: string; closes_at: number; fundVote?: boolean }> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return null;
  return (
    <section className="card card--highlight" aria-labelledby="dash-governance">
      <h2 id="dash-governance">{t('governance.dashboard.title')}</h2>
      <ul>
        {items.map((p) => (
          <li key={p.id}>
            <Link to={`/governance/proposals/${p.id}`} dir="auto">
              {p.title}
            </Link>
            {p.fundVote ? ` (${t('governance.govvote.kind')})` : ''} — {t('governance.dashboard.closes', { when: format.dateTime(p.closes_at) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
