import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { parseFilters } from '~/modules/directory/filters';
import { searchOrgs } from '~/modules/directory/search.server';
import { myInvites, myOrgs } from '~/modules/directory/orgs.server';
import { customTagLabels, listTags } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { DirectoryTabs, Pagination } from '~/modules/directory/components/directory-ui';
import { OrgList } from '~/modules/directory/components/org-list';
import { SearchForm } from '~/modules/directory/components/search-form';
import { EmptyState, PageHeader } from '~/ui/page';
import { withIsolates } from '~/ui/bidi';

export const meta: MetaFunction = () => [{ title: 'Organisations · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseFilters(new URL(request.url).searchParams);
  const locale = await resolveLocale(request);
  const [results, tags, labels, mine, invites] = await Promise.all([searchOrgs(filters, filters.page), listTags(locale), customTagLabels(locale), myOrgs(user.id), myInvites(user.id)]);
  return json({ filters, results, tags, labels, mine, invites });
}

export default function OrgsDirectory() {
  const { t } = useTranslation();
  const { filters, results, tags, labels, mine, invites } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <PageHeader title={t('directory.orgs.title')} lead={t('directory.orgs.lead')}>
        <p>
          <Link to="/orgs/new" className="button">
            {t('directory.orgs.create')}
          </Link>
        </p>
      </PageHeader>
      <DirectoryTabs />
      {invites.length ? (
        <div className="notice notice--info">
          <h2 className="h3">{t('directory.orgs.invitesTitle')}</h2>
          <ul>
            {invites.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.slug}`} dir="auto">
                  {o.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {mine.length ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t('directory.orgs.mine')}</h2>
          <ul>
            {mine.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.slug}`} dir="auto">
                  {o.name}
                </Link>{' '}
                <span className="meta">({t(`directory.orgs.roles.${o.role}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t('directory.orgs.allTitle')}</h2>
      <SearchForm filters={filters} show={['city', 'theme', 'offer', 'need', 'legalForm']} tags={tags} labels={labels} searchLabel={t('directory.orgs.searchLabel')} />
      <p role="status" className="directory-count">
        {t('directory.orgs.count', { count: results.total })}
        {results.loose ? ` ${t('directory.search.loose')}` : ''}
        {results.suggestion ? <> {withIsolates(t('directory.search.showingFor'), { q: filters.q, suggestion: results.suggestion })}</> : null}
      </p>
      {results.items.length === 0 ? (
        <EmptyState title={t('directory.orgs.empty')}>
          <p>{t('directory.search.emptyHint')}</p>
        </EmptyState>
      ) : (
        <OrgList orgs={results.items} labels={labels} base="/orgs" />
      )}
      <Pagination page={results.page} pageCount={results.pageCount} search={location.search} />
    </>
  );
}
