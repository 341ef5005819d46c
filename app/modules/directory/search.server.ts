import { sql, type RawBuilder } from 'kysely';
import { db } from '~db/connection';
import { parseList } from './profiles.server';
import { cachedRead } from './read-cache.server';
import { allowedTypos, editDistance, namedBy } from './search-terms.server';

/**
 * Directory search: one FTS5 index over members (name, headline, bio, skills, needs) and
 * organisations (name, description, skills, needs), ranked with bm25, plus combinable filters.
 * Only fields every member may see are indexed; visitors only ever query public rows.
 */
export const PAGE_SIZE = 20;
const MAX_TOKENS = 8;

/**
 * Turns what someone typed into a safe FTS5 query: only runs of letters/digits survive, each is
 * quoted as a phrase (inner quotes doubled) with `*` for prefix matching, so `"`, `*`, `NEAR(`, `-`,
 * `AND`/`OR` can never change the query's meaning. `loose` gives the typo-tolerant second pass:
 * shorter prefixes, any word may match.
 */
export function ftsQuery(input: string, loose = false): string | null {
  const words = (input.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, MAX_TOKENS).map((w) => w.slice(0, 40));
  if (!words.length) return null;
  const parts = words.map((w) => {
    const stem = loose && w.length > 4 ? w.slice(0, Math.max(4, Math.ceil(w.length * 0.6))) : w;
    return `"${stem.replace(/"/g, '""')}"*`;
  });
  return parts.join(loose ? ' OR ' : ' ');
}

export interface MemberFilters {
  q?: string;
  city?: string;
  theme?: string;
  language?: string;
  offer?: string;
  need?: string;
  mentoring?: boolean;
}

export interface OrgFilters {
  q?: string;
  city?: string;
  theme?: string;
  offer?: string;
  need?: string;
  legalForm?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
  /** True when nothing matched exactly and the results come from the typo-tolerant pass. */
  loose: boolean;
  /** When nothing matched what was typed, the corrected words the results are for ("budjet" → "budget"). */
  suggestion?: string | null;
}

/**
 * "Did you mean": each word of the query that the index does not hold (not even as the start of a
 * word) is replaced by the closest word it does hold, within one typo (two for long words), the more
 * common word winning a tie. Candidates share the first letter, which keeps the look-up to one range
 * of the index's word list. Null when nothing was corrected.
 */
async function correctedWords(q: string): Promise<Map<string, string> | null> {
  const words = (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, MAX_TOKENS);
  const fixes = new Map<string, string>();
  for (const w of words) {
    const max = allowedTypos(w.length);
    if (!max) continue;
    const known = await sql<{ term: string }>`SELECT term FROM directory_vocab WHERE term >= ${w} AND term < ${`${w}\u{10ffff}`} LIMIT 1`.execute(db);
    if (known.rows.length) continue;
    const first = String.fromCodePoint(w.codePointAt(0)!);
    const { rows } = await sql<{ term: string; doc: number }>`SELECT term, doc FROM directory_vocab
      WHERE term >= ${first} AND term < ${`${first}\u{10ffff}`} AND length(term) BETWEEN ${w.length - max} AND ${w.length + max}`.execute(db);
    let best: { term: string; d: number; doc: number } | null = null;
    for (const r of rows) {
      const d = editDistance(w, r.term, max);
      if (d <= max && (!best || d < best.d || (d === best.d && r.doc > best.doc))) best = { term: r.term, d, doc: r.doc };
    }
    if (best) fixes.set(w, best.term);
  }
  return fixes.size ? fixes : null;
}

function applyFixes(q: string, fixes: Map<string, string>): string {
  return q.replace(/[\p{L}\p{N}\p{M}]+/gu, (w) => fixes.get(w.toLowerCase()) ?? w);
}

function ftsMatches(kind: 'member' | 'org', query: string): RawBuilder<unknown> {
  return sql`SELECT m.ref AS ref, bm25(directory_fts, 10.0, 5.0, 1.0, 4.0, 4.0) AS rank FROM directory_fts
    JOIN directory_search_map m ON m.n = directory_fts.rowid
    WHERE directory_fts MATCH ${query} AND m.kind = ${kind}`;
}

function ftsJoin(kind: 'member' | 'org', query: string, key: string): RawBuilder<unknown> {
  return sql`JOIN (${ftsMatches(kind, query)}) s ON s.ref = ${sql.raw(key)}`;
}

async function runPaged<T>(opts: {
  select: RawBuilder<unknown>;
  from: RawBuilder<unknown>;
  /** A cheaper FROM for counting, when no condition needs the other joined tables. */
  countFrom?: RawBuilder<unknown>;
  where: RawBuilder<unknown>[];
  /**
   * True when `where` only repeats what the search index already guarantees (it holds active members
   * and every organisation): a text search then ranks and pages inside the index and joins only the
   * page's rows, and counts without the join.
   */
  indexOnly?: boolean;
  orderWithoutSearch: RawBuilder<unknown>;
  kind: 'member' | 'org';
  key: string;
  q?: string;
  page: number;
  /**
   * Offer "did you mean" corrections. Only for members: the word list holds every indexed word, also
   * from profiles a visitor may not see, so a suggestion could leak a private word to a visitor.
   */
  suggest?: boolean;
}): Promise<Page<T> & { rows: T[] }> {
  const page = Math.max(1, Math.min(Math.floor(opts.page) || 1, 10_000));
  const offset = (page - 1) * PAGE_SIZE;
  const where = opts.where.length ? sql`WHERE ${sql.join(opts.where, sql` AND `)}` : sql``;
  const attempt = async (query: string | null) => {
    if (query && opts.indexOnly) {
      // Rank and page in the index (no per-match join), then fetch the page's 20 rows.
      const ranked = sql`SELECT ref, rank FROM (${ftsMatches(opts.kind, query)}) ORDER BY rank, ref LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
      const [{ rows }, count] = await Promise.all([
        sql<T>`SELECT ${opts.select} FROM ${opts.from} JOIN (${ranked}) s ON s.ref = ${sql.raw(opts.key)} ${where} ORDER BY s.rank, 1`.execute(db),
        sql<{ n: number }>`SELECT count(*) AS n FROM directory_fts JOIN directory_search_map m ON m.n = directory_fts.rowid
          WHERE directory_fts MATCH ${query} AND m.kind = ${opts.kind}`.execute(db),
      ]);
      return { rows, total: Number(count.rows[0]?.n ?? 0) };
    }
    const join = query ? ftsJoin(opts.kind, query, opts.key) : sql``;
    const order = query ? sql`ORDER BY s.rank, 1` : opts.orderWithoutSearch;
    const [{ rows }, count] = await Promise.all([
      sql<T>`SELECT ${opts.select} FROM ${opts.from} ${join} ${where} ${order} LIMIT ${PAGE_SIZE} OFFSET ${offset}`.execute(db),
      sql<{ n: number }>`SELECT count(*) AS n FROM ${opts.countFrom ?? opts.from} ${join} ${where}`.execute(db),
    ]);
    return { rows, total: Number(count.rows[0]?.n ?? 0) };
  };
  const strict = opts.q ? ftsQuery(opts.q) : null;
  let result = await attempt(strict);
  let loose = false;
  let suggestion: string | null = null;
  if (strict && result.total === 0 && opts.suggest) {
    const fixes = await correctedWords(opts.q!);
    const corrected = fixes ? ftsQuery(applyFixes(opts.q!, fixes)) : null;
    if (fixes && corrected) {
      const again = await attempt(corrected);
      if (again.total > 0) {
        result = again;
        suggestion = applyFixes(opts.q!, fixes);
      }
    }
  }
  if (strict && result.total === 0) {
    const fuzzy = ftsQuery(opts.q!, true);
    if (fuzzy && fuzzy !== strict) {
      result = await attempt(fuzzy);
      loose = result.total > 0;
    }
  }
  return { rows: result.rows, items: result.rows, total: result.total, page, pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)), loose, suggestion };
}

/**
 * Words naming a city or a language ("Coventry", "Arabic", "عربي") also match the members who live
 * there or speak it (organisations: where they are based); each such word becomes one condition in
 * `where` (the code, or the word in the text). Returns the other words, searched in the text as before.
 */
function namedWordConditions(q: string | undefined, kind: 'member' | 'org', where: RawBuilder<unknown>[]): string[] {
  const textWords: string[] = [];
  const key = kind === 'member' ? 'u' : 'o';
  for (const word of (q ?? '').match(/[\p{L}\p{N}\p{M}]+/gu)?.slice(0, MAX_TOKENS) ?? []) {
    const named = namedBy(word);
    const languages = kind === 'member' ? named.languages : [];
    if (!named.cities.length && !languages.length) {
      textWords.push(word);
      continue;
    }
    const inText = ftsQuery(word);
    const alternatives: RawBuilder<unknown>[] = [];
    if (named.cities.length) alternatives.push(sql`${sql.ref(`${key}.city`)} IN (${sql.join(named.cities)})`);
    if (languages.length) alternatives.push(sql`EXISTS (SELECT 1 FROM json_each(u.languages) j WHERE j.value IN (${sql.join(languages)}))`);
    if (inText) alternatives.push(sql`${sql.ref(`${key}.id`)} IN (${sql`SELECT ref FROM (${ftsMatches(kind, inText)})`})`);
    where.push(sql`(${sql.join(alternatives, sql` OR `)})`);
  }
  return textWords;
}

export interface MemberCard {
  id: string;
  name: string;
  headline: string;
  city: string | null;
  languages: string[];
  offers: string[];
  needs: string[];
  mentoringOpen: boolean;
  photoUrl: string | null;
}

/** Members for the directory. `publicOnly` for visitors: only members who made their profile public. */
export function searchMembers(filters: MemberFilters, page = 1, opts: { publicOnly?: boolean } = {}): Promise<Page<MemberCard>> {
  return cachedRead(`members:${JSON.stringify([filters, page, opts])}`, () => findMembers(filters, page, opts));
}

async function findMembers(filters: MemberFilters, page: number, opts: { publicOnly?: boolean }): Promise<Page<MemberCard>> {
  const where: RawBuilder<unknown>[] = [sql`u.status = 'active'`];
  if (opts.publicOnly) where.push(sql`p.public_profile = 1`);
  if (filters.city) where.push(sql`u.city = ${filters.city}`);
  if (filters.theme) where.push(sql`u.id IN (SELECT t.user_id FROM member_themes t WHERE t.theme = ${filters.theme})`);
  if (filters.language) where.push(sql`EXISTS (SELECT 1 FROM json_each(u.languages) j WHERE j.value = ${filters.language})`);
  if (filters.offer) where.push(sql`u.id IN (SELECT t.user_id FROM member_tags t WHERE t.kind = 'offer' AND t.tag = ${filters.offer})`);
  if (filters.need) where.push(sql`u.id IN (SELECT t.user_id FROM member_tags t WHERE t.kind = 'need' AND t.tag = ${filters.need})`);
  if (filters.mentoring) where.push(sql`p.mentoring_open = 1 AND p.mentoring_at_capacity = 0`);
  const textWords = namedWordConditions(filters.q, 'member', where);
  const result = await runPaged<{
    id: string;
    name: string;
    headline: string | null;
    city: string | null;
    languages: string;
    mentoring_open: number | null;
    mentoring_at_capacity: number | null;
    photo_path: string | null;
    photo_updated_at: number | null;
  }>({
    select: sql`u.id, u.name, p.headline, u.city, u.languages, p.mentoring_open, p.mentoring_at_capacity, p.photo_path, p.photo_updated_at`,
    from: sql`users u LEFT JOIN profiles p ON p.user_id = u.id`,
    // Counting needs profiles only for conditions on them (SQLite keeps an unused LEFT JOIN).
    countFrom: opts.publicOnly || filters.mentoring ? undefined : sql`users u`,
    where,
    indexOnly: where.length === 1,
    orderWithoutSearch: sql`ORDER BY u.name COLLATE NOCASE, u.id`,
    kind: 'member',
    key: 'u.id',
    q: textWords.length ? textWords.join(' ') : undefined,
    page,
    suggest: !opts.publicOnly,
  });
  if (result.suggestion && filters.q) {
    // Say the correction in the person's own words, the named city/language kept as typed.
    const fixed = new Map(textWords.map((w, i) => [w.toLowerCase(), result.suggestion!.match(/[\p{L}\p{N}\p{M}]+/gu)?.[i] ?? w]));
    result.suggestion = applyFixes(filters.q, fixed);
  }
  const { rows, ...rest } = result;
  const ids = rows.map((r) => r.id);
  const tags = ids.length ? await db.selectFrom('member_tags').select(['user_id', 'kind', 'tag']).where('user_id', 'in', ids).orderBy('tag').execute() : [];
  return {
    ...rest,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      headline: r.headline ?? '',
      city: r.city,
      languages: parseList(r.languages),
      offers: tags.filter((t) => t.user_id === r.id && t.kind === 'offer').map((t) => t.tag),
      needs: tags.filter((t) => t.user_id === r.id && t.kind === 'need').map((t) => t.tag),
      mentoringOpen: r.mentoring_open === 1 && r.mentoring_at_capacity !== 1,
      photoUrl: r.photo_path ? `/members/${r.id}/photo?v=${r.photo_updated_at ?? 0}` : null,
    })),
  };
}

export interface OrgCard {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string | null;
  legalForm: string;
  themes: string[];
  offers: string[];
}

/** Organisations for the directory (members) or the public directory (`publicOnly`). */
export function searchOrgs(filters: OrgFilters, page = 1, opts: { publicOnly?: boolean } = {}): Promise<Page<OrgCard>> {
  return cachedRead(`orgs:${JSON.stringify([filters, page, opts])}`, () => findOrgs(filters, page, opts));
}

async function findOrgs(filters: OrgFilters, page: number, opts: { publicOnly?: boolean }): Promise<Page<OrgCard>> {
  const where: RawBuilder<unknown>[] = [];
  if (opts.publicOnly) where.push(sql`o.public_listing = 1`);
  if (filters.city) where.push(sql`o.city = ${filters.city}`);
  if (filters.legalForm) where.push(sql`o.legal_form = ${filters.legalForm}`);
  if (filters.theme) where.push(sql`o.id IN (SELECT t.org_id FROM org_themes t WHERE t.theme = ${filters.theme})`);
  if (filters.offer) where.push(sql`o.id IN (SELECT t.org_id FROM org_tags t WHERE t.kind = 'offer' AND t.tag = ${filters.offer})`);
  if (filters.need) where.push(sql`o.id IN (SELECT t.org_id FROM org_tags t WHERE t.kind = 'need' AND t.tag = ${filters.need})`);
  const textWords = namedWordConditions(filters.q, 'org', where);
  const result = await runPaged<{ id: string; slug: string; name: string; description: string; city: string | null; legal_form: string }>({
    select: sql`o.id, o.slug, o.name, o.description, o.city, o.legal_form`,
    from: sql`organisations o`,
    where,
    indexOnly: where.length === 0,
    orderWithoutSearch: sql`ORDER BY o.name COLLATE NOCASE, o.id`,
    kind: 'org',
    key: 'o.id',
    q: textWords.length ? textWords.join(' ') : undefined,
    page,
    suggest: !opts.publicOnly,
  });
  if (result.suggestion && filters.q) {
    const fixed = new Map(textWords.map((w, i) => [w.toLowerCase(), result.suggestion!.match(/[\p{L}\p{N}\p{M}]+/gu)?.[i] ?? w]));
    result.suggestion = applyFixes(filters.q, fixed);
  }
  const { rows, ...rest } = result;
  const ids = rows.map((r) => r.id);
  const [themes, tags] = ids.length
    ? await Promise.all([
        db.selectFrom('org_themes').select(['org_id', 'theme']).where('org_id', 'in', ids).execute(),
        db.selectFrom('org_tags').select(['org_id', 'tag']).where('org_id', 'in', ids).where('kind', '=', 'offer').execute(),
      ])
    : [[], []];
  return {
    ...rest,
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description.length > 280 ? `${r.description.slice(0, 277)}…` : r.description,
      city: r.city,
      legalForm: r.legal_form,
      themes: themes.filter((t) => t.org_id === r.id).map((t) => t.theme),
      offers: tags.filter((t) => t.org_id === r.id).map((t) => t.tag),
    })),
  };
}
