import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { themeLabelKey } from '~/modules/directory/themes';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { getUser } from '~/modules/auth/session.server';
import { listBoard, recordVisit, type BoardQuery } from '~/modules/notices/notices.server';
import { NOTICE_CITIES, NOTICE_THEMES, NOTICE_TYPES } from '~/modules/notices/constants';
import { NoticeCard } from '~/modules/notices/components/notice-card';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Noticeboard · NOMI Workspace' }];

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Members see the whole board; visitors see only notices their authors made public. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  const sp = url.searchParams;
  const query: BoardQuery = {
    type: pick(sp.get('type'), NOTICE_TYPES),
    city: pick(sp.get('city'), NOTICE_CITIES),
    theme: pick(sp.get('theme'), NOTICE_THEMES),
    q: (sp.get('q') ?? '').slice(0, 100).trim() || undefined,
    sort: sp.get('sort') === 'closing' ? 'closing' : 'newest',
    archive: sp.get('archive') === '1',
    page: Number(sp.get('page')) || 1,
  };
  const viewer = user ? { id: user.id, role: user.role } : null;
  const board = await listBoard(viewer, query);
  const newSince = user && !query.archive ? await recordVisit(user.id) : null;
  return json(
    { board, query, newSince, signedIn: Boolean(user), viewerId: user?.id ?? null },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function NoticeBoard() {
  const { t } = useTranslation();
  const { board, query, newSince, signedIn, viewerId } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    return `?${next.toString()}`;
  };
  const filtered = Boolean(query.type || query.city || query.theme || query.q);
  return (
    <>
      <PageHeader title={t(query.archive ? 'notices.archive.title' : 'notices.board.title')} lead={t(signedIn ? 'notices.board.lead' : 'notices.board.publicLead')}>
        {signedIn ? (
          <p className="button-row">
            <Link to="/notices/new" className="button">
              {t('notices.board.post')}
            </Link>
            <Link to="/notices/digest" className="button button--secondary">
              {t('notices.digest.link')}
            </Link>
          </p>
        ) : null}
      </PageHeader>
      <nav aria-label={t('notices.board.views')} className="subnav">
        <ul>
          <li>
            <Link to="/notices" aria-current={!query.archive ? 'page' : undefined}>
              {t('notices.board.current')}
            </Link>
          </li>
          <li>
            <Link to="/notices?archive=1" aria-current={query.archive ? 'page' : undefined}>
              {t('notices.archive.link')}
            </Link>
          </li>
        </ul>
      </nav>
      <details className="card notice-filters" open={filtered || undefined}>
        <summary>{t('notices.board.filters')}</summary>
        <Form method="get" className="form notice-filters__form">
          {query.archive ? <input type="hidden" name="archive" value="1" /> : null}
          <div className="field">
            <label htmlFor="notice-q" className="field__label">
              {t('notices.board.search')}
            </label>
            <input id="notice-q" name="q" type="search" className="input" defaultValue={query.q ?? ''} maxLength={100} dir="auto" />
          </div>
          <div className="field">
            <label htmlFor="notice-type" className="field__label">
              {t('notices.board.type')}
            </label>
            <select id="notice-type" name="type" className="input" defaultValue={query.type ?? ''}>
              <option value="">{t('notices.board.any')}</option>
              {NOTICE_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`notices.types.${ty}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="notice-city" className="field__label">
              {t('notices.board.city')}
            </label>
            <select id="notice-city" name="city" className="input" defaultValue={query.city ?? ''}>
              <option value="">{t('notices.board.any')}</option>
              {NOTICE_CITIES.map((c) => (
                <option key={c} value={c}>
                  {t(`notices.cities.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="notice-theme" className="field__label">
              {t('notices.board.theme')}
            </label>
            <select id="notice-theme" name="theme" className="input" defaultValue={query.theme ?? ''}>
              <option value="">{t('notices.board.any')}</option>
              {NOTICE_THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(themeLabelKey(th))}
                </option>
              ))}
            </select>
          </div>
          {!query.archive ? (
            <div className="field">
              <label htmlFor="notice-sort" className="field__label">
                {t('notices.board.sort')}
              </label>
              <select id="notice-sort" name="sort" className="input" defaultValue={query.sort ?? 'newest'}>
                <option value="newest">{t('notices.board.sortNewest')}</option>
                <option value="closing">{t('notices.board.sortClosing')}</option>
              </select>
            </div>
          ) : null}
          <p className="button-row">
            <button type="submit" className="button">
              {t('notices.board.apply')}
            </button>
            {filtered ? (
              <Link to={query.archive ? '/notices?archive=1' : '/notices'} className="button button--secondary">
                {t('notices.board.clear')}
              </Link>
            ) : null}
          </p>
        </Form>
      </details>
      <p role="status" className="notice-count">
        {t('notices.board.count', { count: board.total })}
      </p>
      {board.items.length === 0 ? (
        <EmptyState title={t(filtered ? 'notices.board.noMatch' : 'notices.board.empty')} />
      ) : (
        <ul className="notice-list list-plain">
          {board.items.map((n) => (
            <li key={n.id}>
              <NoticeCard notice={n} isNew={newSince !== null && n.created_at > newSince && n.author_id !== viewerId} archived={query.archive} />
            </li>
          ))}
        </ul>
      )}
      {board.pages > 1 ? (
        <nav aria-label={t('notices.board.pages')} className="notice-pagination button-row">
          {board.page > 1 ? (
            <Link to={pageLink(board.page - 1)} className="button button--secondary" rel="prev">
              {t('notices.board.previous')}
            </Link>
          ) : null}
          <span>{t('notices.board.pageOf', { page: board.page, pages: board.pages })}</span>
          {board.page < board.pages ? (
            <Link to={pageLink(board.page + 1)} className="button button--secondary" rel="next">
              {t('notices.board.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
