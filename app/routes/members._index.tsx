import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { parseFilters } from '~/modules/directory/filters';
import { searchMembers } from '~/modules/directory/search.server';
import { customTagLabels, listTags } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { Avatar, DirectoryTabs, Languages, Pagination, TagChips } from '~/modules/directory/components/directory-ui';
import { SearchForm } from '~/modules/directory/components/search-form';
import { recordFirstSearch } from '~/modules/onboarding/get-started.server';
import { EmptyState, PageHeader } from '~/ui/page';
import { withIsolates } from '~/ui/bidi';

export const meta: MetaFunction = () => [{ title: 'Members · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseFilters(new URL(request.url).searchParams);
  // The dashboard's "get started" list counts a member's first real search (a word or a filter).
  if (filters.q || filters.city || filters.theme || filters.language || filters.offer || filters.need || filters.mentoring) await recordFirstSearch(user.id);
  const locale = await resolveLocale(request);
  const [results, tags, labels] = await Promise.all([searchMembers(filters, filters.page), listTags(locale), customTagLabels(locale)]);
  return json({ filters, results, tags, labels });
}

export default function MembersDirectory() {
  const { t } = useTranslation();
  const { filters, results, tags, labels } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <PageHeader title={t('directory.members.title')} lead={t('directory.members.lead')} />
      <DirectoryTabs />
      <SearchForm filters={filters} show={['city', 'theme', 'language', 'offer', 'need', 'mentoring']} tags={tags} labels={labels} searchLabel={t('directory.members.searchLabel')} />
      <p role="status" className="directory-count">
        {t('directory.members.count', { count: results.total })}
        {results.loose ? ` ${t('directory.search.loose')}` : ''}
        {results.suggestion ? <> {withIsolates(t('directory.search.showingFor'), { q: filters.q, suggestion: results.suggestion })}</> : null}
      </p>
      {results.items.length === 0 ? (
        <EmptyState title={t('directory.members.empty')}>
          <p>{t('directory.search.emptyHint')}</p>
        </EmptyState>
      ) : (
        <ul className="directory-list list-plain">
          {results.items.map((m) => (
            <li key={m.id} className="card directory-card">
              <Avatar name={m.name} url={m.photoUrl} />
              <div className="directory-card__body">
                <h2 className="h3 directory-card__title">
                  <Link to={`/members/${m.id}`} dir="auto">
                    {m.name}
                  </Link>
                </h2>
                {m.headline ? (
                  <p dir="auto" className="directory-card__headline">
                    {m.headline}
                  </p>
                ) : null}
                <p className="meta">
                  {[m.city ? t(`common.cities.${m.city}`) : null].filter(Boolean).join(' · ')}
                  {m.city && m.languages.length ? ' · ' : null}
                  {m.languages.length ? <Languages codes={m.languages} /> : null}
                  {m.mentoringOpen ? (
                    <>
                      {' '}
                      <span className="tag">{t('directory.members.mentoringOpen')}</span>
                    </>
                  ) : null}
                </p>
                {m.offers.length ? (
                  <div className="directory-card__tags">
                    <span className="meta">{t('directory.members.offers')}</span> <TagChips tags={m.offers} labels={labels} />
                  </div>
                ) : null}
                {m.needs.length ? (
                  <div className="directory-card__tags">
                    <span className="meta">{t('directory.members.needs')}</span> <TagChips tags={m.needs} labels={labels} className="chips--need" />
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={results.page} pageCount={results.pageCount} search={location.search} />
    </>
  );
}
