import { db } from '~db/connection';
import { cachedRead } from './read-cache.server';
import { rankPartners, scoreCandidate, type MatchCandidate, type MatchProfile, type MatchReason, type RankedPartner } from './ranking';

/**
 * Partner suggestions for a member, one of their organisations, or a bid (themes + skills still
 * missing). Contract used by other areas:
 *
 *   suggestPartners(input: SuggestInput): Promise<Suggestion[]>
 *   Suggestion = { kind: 'member' | 'org'; id; name; href; score; reasons: MatchReason[] }
 *   MatchReason = { key: string; values: Record<string, string | number> }   // i18n key + values
 *
 * Translate reasons with `reasonSentence(t, reasons, locale)` from `~/modules/directory/reasons`.
 * Members who opted out of matching, are at mentoring capacity, are suspended/former members, or
 * have blocked (or been blocked by) `forUserId` are never suggested.
 */
export type { MatchReason };
export type Suggestion = RankedPartner;

export interface SuggestInput {
  forUserId?: string;
  /** Tag slugs the seeker is looking for (e.g. a bid's missing skills). */
  needs: string[];
  /** Tag slugs the seeker can offer. */
  offers?: string[];
  themes: string[];
  city?: string | null;
  languages?: string[];
  excludeUserIds?: string[];
  excludeOrgIds?: string[];
  limit?: number;
}

/** How many of the best tag matches are scored in full (keeps matching fast on a big network). */
const POOL = 300;

function parseList(json: string | null | undefined): string[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

async function memberCandidates(seeker: MatchProfile, excluded: Set<string>): Promise<MatchCandidate[]> {
  let ids: string[];
  if (seeker.needs.length || seeker.offers.length) {
    // Tag index only (no joins): the best POOL complementary members; availability is checked below.
    const rows = await db
      .selectFrom('member_tags as mt')
      .select(['mt.user_id as id'])
      .select((eb) => eb.fn.sum<number>(eb.case().when('mt.kind', '=', 'offer').then(10).else(6).end()).as('s'))
      .where((eb) =>
        eb.or([
          ...(seeker.needs.length ? [eb.and([eb('mt.kind', '=', 'offer'), eb('mt.tag', 'in', seeker.needs)])] : []),
          ...(seeker.offers.length ? [eb.and([eb('mt.kind', '=', 'need'), eb('mt.tag', 'in', seeker.offers)])] : []),
        ]),
      )
      .groupBy('mt.user_id')
      .orderBy('s', 'desc')
      .limit(POOL)
      .execute();
    ids = rows.map((r) => r.id);
  } else if (seeker.themes.length) {
    const rows = await db
      .selectFrom('member_themes as mt')
      .select('mt.user_id as id')
      .select((eb) => eb.fn.countAll<number>().as('s'))
      .where('mt.theme', 'in', seeker.themes)
      .groupBy('mt.user_id')
      .orderBy('s', 'desc')
      .limit(POOL)
      .execute();
    ids = rows.map((r) => r.id);
  } else {
    return [];
  }
  ids = ids.filter((id) => !excluded.has(id));
  if (!ids.length) return [];
  const [users, tags, themes] = await Promise.all([
    db
      .selectFrom('users as u')
      .leftJoin('profiles as p', 'p.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.city', 'u.languages', 'p.matching_opt_out', 'p.mentoring_at_capacity'])
      .where('u.id', 'in', ids)
      .where('u.status', '=', 'active')
      .execute(),
    db.selectFrom('member_tags').select(['user_id', 'kind', 'tag']).where('user_id', 'in', ids).execute(),
    db.selectFrom('member_themes').select(['user_id', 'theme']).where('user_id', 'in', ids).execute(),
  ]);
  const byId = new Map<string, MatchCandidate>(
    users.map((u) => [
      u.id,
      {
        kind: 'member',
        id: u.id,
        name: u.name,
        href: `/members/${u.id}`,
        offers: [],
        needs: [],
        themes: [],
        city: u.city,
        languages: parseList(u.languages),
        unavailable: u.matching_opt_out === 1 || u.mentoring_at_capacity === 1,
      },
    ]),
  );
  for (const t of tags) byId.get(t.user_id)?.[t.kind === 'offer' ? 'offers' : 'needs'].push(t.tag);
  for (const t of themes) byId.get(t.user_id)?.themes.push(t.theme);
  return [...byId.values()];
}

async function orgCandidates(seeker: MatchProfile, excluded: Set<string>): Promise<MatchCandidate[]> {
  let ids: string[];
  if (seeker.needs.length || seeker.offers.length) {
    const rows = await db
      .selectFrom('org_tags as ot')
      .select('ot.org_id as id')
      .select((eb) => eb.fn.sum<number>(eb.case().when('ot.kind', '=', 'offer').then(10).else(6).end()).as('s'))
      .where((eb) =>
        eb.or([
          ...(seeker.needs.length ? [eb.and([eb('ot.kind', '=', 'offer'), eb('ot.tag', 'in', seeker.needs)])] : []),
          ...(seeker.offers.length ? [eb.and([eb('ot.kind', '=', 'need'), eb('ot.tag', 'in', seeker.offers)])] : []),
        ]),
      )
      .groupBy('ot.org_id')
      .orderBy('s', 'desc')
      .limit(POOL)
      .execute();
    ids = rows.map((r) => r.id);
  } else if (seeker.themes.length) {
    const rows = await db
      .selectFrom('org_themes')
      .select('org_id as id')
      .select((eb) => eb.fn.countAll<number>().as('s'))
      .where('theme', 'in', seeker.themes)
      .groupBy('org_id')
      .orderBy('s', 'desc')
      .limit(POOL)
      .execute();
    ids = rows.map((r) => r.id);
  } else {
    return [];
  }
  ids = ids.filter((id) => !excluded.has(id));
  if (!ids.length) return [];
  const [orgs, tags, themes] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'slug', 'name', 'city']).where('id', 'in', ids).execute(),
    db.selectFrom('org_tags').select(['org_id', 'kind', 'tag']).where('org_id', 'in', ids).execute(),
    db.selectFrom('org_themes').select(['org_id', 'theme']).where('org_id', 'in', ids).execute(),
  ]);
  const byId = new Map<string, MatchCandidate>(
    orgs.map((o) => [o.id, { kind: 'org', id: o.id, name: o.name, href: `/orgs/${o.slug}`, offers: [], needs: [], themes: [], city: o.city, languages: [] }]),
  );
  for (const t of tags) byId.get(t.org_id)?.[t.kind === 'offer' ? 'offers' : 'needs'].push(t.tag);
  for (const t of themes) byId.get(t.org_id)?.themes.push(t.theme);
  return [...byId.values()];
}

/** Ids of members this member blocked or was blocked by: never matched or introduced either way. */
export async function blockedEitherWay(userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('directory_blocks')
    .select(['user_id', 'blocked_id'])
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute();
  return new Set(rows.map((r) => (r.user_id === userId ? r.blocked_id : r.user_id)));
}

/** Kept until the directory changes (read-cache.server): matching reads a lot and changes rarely. */
export function suggestPartners(input: SuggestInput): Promise<Suggestion[]> {
  return cachedRead(`suggest:${JSON.stringify(input)}`, () => findPartners(input));
}

async function findPartners(input: SuggestInput): Promise<Suggestion[]> {
  let city = input.city ?? null;
  let languages = input.languages ?? [];
  const excludedUsers = new Set(input.excludeUserIds ?? []);
  const excludedOrgs = new Set(input.excludeOrgIds ?? []);
  if (input.forUserId) {
    excludedUsers.add(input.forUserId);
    for (const id of await blockedEitherWay(input.forUserId)) excludedUsers.add(id);
    const own = await db.selectFrom('organisation_members').select('org_id').where('user_id', '=', input.forUserId).execute();
    for (const o of own) excludedOrgs.add(o.org_id);
    if (input.city === undefined || input.languages === undefined) {
      const me = await db.selectFrom('users').select(['city', 'languages']).where('id', '=', input.forUserId).executeTakeFirst();
      if (input.city === undefined) city = me?.city ?? null;
      if (input.languages === undefined) languages = parseList(me?.languages);
    }
  }
  const seeker: MatchProfile = { needs: [...new Set(input.needs)], offers: [...new Set(input.offers ?? [])], themes: [...new Set(input.themes)], city, languages };
  const [members, orgs] = await Promise.all([memberCandidates(seeker, excludedUsers), orgCandidates(seeker, excludedOrgs)]);
  return rankPartners(seeker, [...members, ...orgs], { limit: Math.min(Math.max(input.limit ?? 20, 1), 100) });
}

/** What a member offers and looks for, as the seeker in matching. */
export async function memberSeeker(userId: string): Promise<{ needs: string[]; offers: string[]; themes: string[] }> {
  const [tags, themes] = await Promise.all([
    db.selectFrom('member_tags').select(['kind', 'tag']).where('user_id', '=', userId).execute(),
    db.selectFrom('member_themes').select('theme').where('user_id', '=', userId).execute(),
  ]);
  return {
    needs: tags.filter((t) => t.kind === 'need').map((t) => t.tag),
    offers: tags.filter((t) => t.kind === 'offer').map((t) => t.tag),
    themes: themes.map((t) => t.theme),
  };
}

/** Suggestions for one of the member's organisations (member must belong to it). */
export async function suggestForOrg(orgId: string, viewerId: string, limit = 20): Promise<Suggestion[] | null> {
  const membership = await db.selectFrom('organisation_members').select('role').where('org_id', '=', orgId).where('user_id', '=', viewerId).executeTakeFirst();
  if (!membership) return null;
  const [org, tags, themes, memberIds] = await Promise.all([
    db.selectFrom('organisations').select(['city']).where('id', '=', orgId).executeTakeFirstOrThrow(),
    db.selectFrom('org_tags').select(['kind', 'tag']).where('org_id', '=', orgId).execute(),
    db.selectFrom('org_themes').select('theme').where('org_id', '=', orgId).execute(),
    db.selectFrom('organisation_members').select('user_id').where('org_id', '=', orgId).execute(),
  ]);
  const blocked = await blockedEitherWay(viewerId);
  return suggestPartners({
    needs: tags.filter((t) => t.kind === 'need').map((t) => t.tag),
    offers: tags.filter((t) => t.kind === 'offer').map((t) => t.tag),
    themes: themes.map((t) => t.theme),
    city: org.city,
    languages: [],
    excludeUserIds: [...memberIds.map((m) => m.user_id), ...blocked],
    excludeOrgIds: [orgId],
    limit,
  });
}

/** Why the viewer and this member might work together (reasons), or null when nothing is complementary. */
export async function explainMatch(viewerId: string, other: { id: string; offers: string[]; needs: string[]; themes: string[]; city: string | null; languages: string[] }) {
  const [seeker, me] = await Promise.all([memberSeeker(viewerId), db.selectFrom('users').select(['city', 'languages']).where('id', '=', viewerId).executeTakeFirst()]);
  const scored = scoreCandidate(
    { ...seeker, city: me?.city ?? null, languages: parseList(me?.languages) },
    { kind: 'member', id: other.id, name: '', href: '', offers: other.offers, needs: other.needs, themes: other.themes, city: other.city, languages: other.languages },
  );
  return scored?.reasons ?? null;
}
