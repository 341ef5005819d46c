import { CITIES, SPOKEN_LANGUAGES } from '~/modules/members/reference';
import { LEGAL_FORMS, THEMES } from './themes';

/**
 * Directory filters live in the URL so a search can be shared. Anything unknown is dropped (never an
 * error): a mangled link still shows a page.
 */
const oneOf = (list: readonly string[], v: string | null) => (v && list.includes(v) ? v : undefined);
const tag = (v: string | null) => (v && /^[\p{L}\p{N}-]{1,40}$/u.test(v) ? v : undefined);

export function parseFilters(search: URLSearchParams) {
  const q = (search.get('q') ?? '').slice(0, 200).trim();
  return {
    q: q || undefined,
    city: oneOf(CITIES, search.get('city')),
    theme: oneOf(THEMES, search.get('theme')),
    language: oneOf(SPOKEN_LANGUAGES, search.get('language')),
    offer: tag(search.get('offer')),
    need: tag(search.get('need')),
    mentoring: search.get('mentoring') === '1' || undefined,
    legalForm: oneOf(LEGAL_FORMS, search.get('legalForm')),
    page: Math.max(1, Math.min(Number.parseInt(search.get('page') ?? '1', 10) || 1, 10_000)),
  };
}
export type DirectoryFilters = ReturnType<typeof parseFilters>;
