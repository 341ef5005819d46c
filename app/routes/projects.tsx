import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { parseFilters } from '~/modules/directory/filters';
import { searchMembers, searchOrgs } from '~/modules/directory/search.server';
import { customTagLabels, listTags } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { Pagination, TagChips } from '~/modules/directory/components/directory-ui';
import { OrgList } from '~/modules/directory/components/org-list';
import { SearchForm } from '~/modules/directory/components/search-form';
import { EmptyState, PageHeader } from '~/ui/page';
import type { RouteHandle } from '~/utils/route-handle';

// The same page for every signed-out visitor: the server may keep it rendered (server/visitor-cache.ts).
export const handle: RouteHandle = { visitorCache: true };

export const meta: MetaFunction = () => [
  { title: 'Migrant-led projects in the West Midlands · NOMI' },
  { name: 'description', content: 'Public directory of migrant-led projects and organisations in Birmingham, Coventry and Wolverhampton.' },
];

/**
 * The public directory: no sign-in. Only organisations whose leads listed them publicly, and only
 * members who made their own profile public. Searches only ever touch those rows.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams);
  const show = url.searchParams.get('show') === 'people' ? 'people' : 'projects';
  const locale = await resolveLocale(request);
  const [tags, labels] = await Promise.all([listTags(locale), customTagLabels(locale)]);
  if (show === 'people') {
    const people = await searchMembers({ q: filters.q, city: filters.city, theme: filters.theme, offer: filters.offer }, filters.page, { publicOnly: true });
    return json({ show, filters, tags, labels, orgs: null, people });
  }
  const orgs = await searchOrgs(filters, filters.page, { publicOnly: true });
  return json({ show, filters, tags, labels, orgs, people: null });
}

export default function PublicDirectory() {
  const { t } = useTranslation();
  const { show, filters, tags, labels, orgs, people } = useLoaderData<typeof loader>();
  const location = useLocation();
  const page = orgs ?? people!;
  return (
    <>
      <PageHeader title={t('directory.public.title')} lead={t('directory.public.lead')} />
      <nav aria-label={t('directory.public.tabsLabel')} className="subnav">
        <ul>
          <li>
            {/* Plain links: NavLink marks both tabs current (same path), so the tab is chosen by `show`. */}
            <Link to="/projects" className={show === 'projects' ? 'active' : ''} aria-current={show === 'projects' ? 'page' : undefined}>
              {t('directory.public.projects')}
            </Link>
          </li>
          <li>
            <Link to="/projects?show=people" className={show === 'people' ? 'active' : ''} aria-current={show === 'people' ? 'page' : undefined}>
              {t('directory.public.people')}
            </Link>
          </li>
        </ul>
      </nav>
      <SearchForm
        filters={filters}
        show={show === 'people' ? ['city', 'theme', 'offer'] : ['city', 'theme', 'offer', 'legalForm']}
        tags={tags}
        labels={labels}
        searchLabel={t('directory.public.searchLabel')}
      />
      <p role="status" className="directory-count">
        {show === 'people' ? t('directory.members.count', { count: page.total }) : t('directory.orgs.count', { count: page.total })}
      </p>
      {orgs ? (
        orgs.items.length ? (
          <OrgList orgs={orgs.items} labels={labels} base="/orgs" />
        ) : (
          <EmptyState title={t('directory.orgs.empty')} />
        )
      ) : people && people.items.length ? (
        <ul className="directory-list list-plain">
          {people.items.map((m) => (
            <li key={m.id} className="card">
              <h2 className="h3 directory-card__title">
                <Link to={`/members/${m.id}`} dir="auto">
                  {m.name}
                </Link>
              </h2>
              {m.headline ? <p dir="auto">{m.headline}</p> : null}
              <p className="meta">{m.city ? t(`common.cities.${m.city}`) : null}</p>
              <TagChips tags={m.offers} labels={labels} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title={t('directory.members.empty')} />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} search={location.search} />
      <p className="meta">{t('directory.public.joinHint')}</p>
    </>
  );
}
