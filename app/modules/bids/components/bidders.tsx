import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';

/** Shape of biddersForNotice() (app/modules/bids/bidders.server.ts), as JSON. */
export interface BiddingGroupView {
  bid: { id: string; title: string } | null;
  names: Array<{ kind: 'member' | 'org'; name: string; href: string }>;
}

/**
 * On a funding call's page: the members and organisations bidding for it together, for bids whose
 * partners chose to show it. Renders nothing when there is nothing to show.
 */
export function BiddersOnNotice({ groups }: { groups: BiddingGroupView[] | null | undefined }) {
  const { t } = useTranslation();
  if (!groups?.length) return null;
  return (
    <section className="card bidders" aria-labelledby="bidders-title">
      <h2 id="bidders-title" className="h3">
        {t('bids.bidders.title')}
      </h2>
      <p className="meta">{t('bids.bidders.lead')}</p>
      <ul className="list-plain list-rows">
        {groups.map((g, i) => (
          <li key={g.bid?.id ?? `group-${i}`}>
            {g.bid ? (
              <p>
                <Link to={`/bids/${g.bid.id}`} dir="auto">
                  {g.bid.title}
                </Link>{' '}
                <span className="tag">{t('bids.bidders.yours')}</span>
              </p>
            ) : null}
            <p>
              <span className="visually-hidden">{t('bids.bidders.together')} </span>
              {g.names.map((n, j) => (
                <span key={`${n.kind}-${n.href}`}>
                  {j > 0 ? ', ' : ''}
                  <Link to={n.href} dir="auto">
                    {n.name}
                  </Link>
                  {n.kind === 'org' ? ` (${t('bids.bidders.org')})` : ''}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
