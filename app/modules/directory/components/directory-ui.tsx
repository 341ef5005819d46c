import { Link, NavLink } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { languageName } from '~/modules/members/reference';
import type { MatchReason } from '../ranking';
import { reasonSentence, tagLabel } from '../reasons';

/** Small pieces shared by the directory's pages. */
export function DirectoryTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('directory.tabs.label')} className="subnav">
      <ul>
        <li>
          <NavLink to="/members" end>
            {t('directory.tabs.members')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/orgs" end>
            {t('directory.tabs.orgs')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/members/matches">{t('directory.tabs.matches')}</NavLink>
        </li>
        <li>
          <NavLink to="/conversations">{t('directory.tabs.conversations')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function TagChips({ tags, labels, className }: { tags: string[]; labels: Record<string, string>; className?: string }) {
  const { t } = useTranslation();
  if (!tags.length) return null;
  return (
    <ul className={`chips list-plain${className ? ` ${className}` : ''}`}>
      {tags.map((slug) => (
        <li key={slug} className="tag" dir="auto">
          {tagLabel(t, slug, labels)}
        </li>
      ))}
    </ul>
  );
}

export function ThemeChips({ themes }: { themes: string[] }) {
  const { t } = useTranslation();
  if (!themes.length) return null;
  return (
    <ul className="chips list-plain">
      {themes.map((slug) => (
        <li key={slug} className="tag tag--muted">
          {t(`directory.themes.${slug}`)}
        </li>
      ))}
    </ul>
  );
}

export function Languages({ codes }: { codes: string[] }) {
  const { i18n } = useTranslation();
  return <>{codes.map((c) => languageName(c, i18n.language)).join(', ')}</>;
}

export function Avatar({ name, url, size = 56 }: { name: string; url: string | null; size?: number }) {
  if (url) return <img src={url} alt="" width={size} height={size} className="avatar" loading="lazy" decoding="async" />;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  return (
    <span className="avatar avatar--initial" aria-hidden="true" style={{ inlineSize: size, blockSize: size }}>
      {initial}
    </span>
  );
}

export function ReasonLine({ reasons, labels }: { reasons: MatchReason[]; labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  return <p className="reasons">{reasonSentence(t, reasons, i18n.language, labels)}</p>;
}

/** Previous/next links that keep every filter in the URL. */
export function Pagination({ page, pageCount, search }: { page: number; pageCount: number; search: string }) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p <= 1) params.delete('page');
    else params.set('page', String(p));
    const s = params.toString();
    return s ? `?${s}` : '?';
  };
  return (
    <nav aria-label={t('directory.pagination.label')} className="pagination">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" className="button button--secondary">
          {t('directory.pagination.previous')}
        </Link>
      ) : null}
      <span>{t('directory.pagination.status', { page, count: pageCount })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next" className="button button--secondary">
          {t('directory.pagination.next')}
        </Link>
      ) : null}
    </nav>
  );
}

export function whatsappLink(e164: string, text: string): string {
  return `https://wa.me/${e164.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}
