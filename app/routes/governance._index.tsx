import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { listProposals, needsVote } from '~/modules/governance/proposal-read.server';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Governance · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [proposals, mine] = await Promise.all([listProposals(), needsVote(user.id)]);
  return json({ proposals, needsVote: mine });
}

export default function GovernanceIndex() {
  const { t } = useTranslation();
  const format = useFormat();
  const { proposals, needsVote } = useLoaderData<typeof loader>();
  const groups = (['open', 'scheduled', 'closed'] as const).map((status) => ({ status, items: proposals.filter((p) => p.status === status) }));
  return (
    <>
      <PageHeader title={t('governance.title')} lead={t('governance.lead')}>
        <p className="button-row">
          <Link to="/governance/new" className="button">
            {t('governance.new.title')}
          </Link>
        </p>
      </PageHeader>
      <nav aria-label={t('governance.records')} className="governance-links">
        <ul className="list-inline">
          <li>
            <Link to="/governance/decisions">{t('governance.decisions.title')}</Link>
          </li>
          <li>
            <Link to="/governance/register">{t('governance.register.title')}</Link>
          </li>
          <li>
            <Link to="/governance/cic">{t('governance.cic.title')}</Link>
          </li>
          <li>
            <Link to="/governance/proxies">{t('governance.proxies.title')}</Link>
          </li>
          <li>
            <Link to="/governance/groups">{t('governance.groups.title')}</Link>
          </li>
          <li>
            <Link to="/governance/audit">{t('governance.audit.title')}</Link>
          </li>
        </ul>
      </nav>
      {needsVote.length > 0 ? (
        <section className="card card--highlight" aria-labelledby="needs-vote">
          <h2 id="needs-vote">{t('governance.needsVote')}</h2>
          <ul>
            {needsVote.map((p) => (
              <li key={p.id}>
                <Link to={`/governance/proposals/${p.id}`} dir="auto">
                  {p.title}
                </Link>
                {p.kind === 'fund_vote' ? ` (${t('governance.govvote.kind')})` : ''} — {t('governance.closes', { when: format.dateTime(p.closes_at) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {proposals.length === 0 ? <EmptyState title={t('governance.empty')} /> : null}
      {groups.map((g) =>
        g.items.length === 0 ? null : (
          <section key={g.status} aria-labelledby={`group-${g.status}`}>
            <h2 id={`group-${g.status}`}>{t(`governance.status.${g.status}`)}</h2>
            <ul className="list-plain proposal-list">
              {g.items.map((p) => (
                <li key={p.id} className="card">
                  <h3 className="h4">
                    <Link to={`/governance/proposals/${p.id}`} dir="auto">
                      {p.title}
                    </Link>
                  </h3>
                  <p className="meta">
                    {p.kind === 'fund_vote' ? t('governance.govvote.kind') : t(`governance.kinds.${p.kind}`)} · {t('governance.proposedBy', { name: p.proposer_name })} ·{' '}
                    {p.status === 'closed'
                      ? t('governance.closedOn', { when: format.date(p.closed_at ?? p.closes_at) })
                      : p.status === 'open'
                        ? t('governance.closes', { when: format.dateTime(p.closes_at) })
                        : t('governance.opens', { when: format.dateTime(p.opens_at) })}
                    {p.outcome ? ` · ${t(`governance.outcomes.${p.outcome}`)}` : p.kind === 'fund_vote' && p.status === 'closed' ? ` · ${t('governance.govvote.counted')}` : ''}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </>
  );
}
