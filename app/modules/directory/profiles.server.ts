import parsePhoneNumberFromString from 'libphonenumber-js';
import { db } from '~db/connection';
import type { FieldVisibility } from '~db/schema.directory';
import type { ProfileInput } from './directory.schema';
import { ensureTags, resolveTagSlugs } from './tags.server';
import { can } from '~/policies';

/**
 * Member profiles and who may see what. The rules, in one place:
 * - visitors (not signed in) see a profile only when the member made it public, and then only
 *   the profile text, tags and contact details marked "public";
 * - members see every active member's profile and contact details marked "members" or "public";
 * - the member themself sees everything.
 * Contact details never leave this module unless the viewer is in their audience. The rules themselves
 * are `profile.read` and `profile.seeField` in app/policies/directory.ts.
 */
export type Viewer = { id: string; role: 'member' | 'steward' } | null;
export type Audience = 'self' | 'member' | 'public';

export function audienceOf(viewer: Viewer, profileUserId: string): Audience {
  if (!viewer) return 'public';
  return viewer.id === profileUserId ? 'self' : 'member';
}

export function parseList(json: string | null | undefined): string[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** UK numbers may be typed nationally (07…); anything else needs its +country code. E.164 or null. */
export function normalisePhone(raw: string | undefined): { ok: true; value: string | null } | { ok: false } {
  const input = (raw ?? '').trim();
  if (!input) return { ok: true, value: null };
  const parsed = parsePhoneNumberFromString(input, 'GB');
  if (!parsed || !parsed.isValid()) return { ok: false };
  return { ok: true, value: parsed.number };
}

async function loadTagsAndThemes(userId: string) {
  const [tags, themes] = await Promise.all([
    db.selectFrom('member_tags').select(['kind', 'tag']).where('user_id', '=', userId).orderBy('tag').execute(),
    db.selectFrom('member_themes').select('theme').where('user_id', '=', userId).orderBy('theme').execute(),
  ]);
  return {
    offers: tags.filter((t) => t.kind === 'offer').map((t) => t.tag),
    needs: tags.filter((t) => t.kind === 'need').map((t) => t.tag),
    themes: themes.map((t) => t.theme),
  };
}

async function loadRow(userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('profiles as p', 'p.user_id', 'u.id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.city',
      'u.languages',
      'u.status',
      'u.is_mentor',
      'p.headline',
      'p.bio',
      'p.mentoring_open',
      'p.mentoring_at_capacity',
      'p.mentoring_areas',
      'p.matching_opt_out',
      'p.public_profile',
      'p.photo_path',
      'p.photo_updated_at',
      'p.email_visibility',
      'p.phone',
      'p.phone_visibility',
      'p.whatsapp',
      'p.whatsapp_visibility',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export interface ProfileView {
  id: string;
  name: string;
  headline: string;
  bio: string;
  city: string | null;
  languages: string[];
  offers: string[];
  needs: string[];
  themes: string[];
  isMentor: boolean;
  mentoring: { open: boolean; atCapacity: boolean; areas: string[] };
  photoUrl: string | null;
  contact: { email?: string; phone?: string; whatsapp?: string };
  orgs: { slug: string; name: string; role: 'lead' | 'member' }[];
  audience: Audience;
  publicProfile: boolean;
}

/** A profile as this viewer may see it, or null when they may not see it at all (→ 404). */
export async function getProfileView(viewer: Viewer, userId: string): Promise<ProfileView | null> {
  const row = await loadRow(userId);
  if (!row || row.status !== 'active') return null;
  const audience = audienceOf(viewer, userId);
  const isPublic = row.public_profile === 1;
  if (!can(viewer, 'profile.read', { id: userId, publicProfile: isPublic })) return null;
  const contact: ProfileView['contact'] = {};
  const field = (visibility: FieldVisibility | null) => can(viewer, 'profile.seeField', { ownerId: userId, visibility: visibility ?? 'me' });
  if (field(row.email_visibility)) contact.email = row.email;
  if (row.phone && field(row.phone_visibility)) contact.phone = row.phone;
  if (row.whatsapp && field(row.whatsapp_visibility)) contact.whatsapp = row.whatsapp;
  let orgQuery = db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['o.slug', 'o.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name');
  if (audience === 'public') orgQuery = orgQuery.where('o.public_listing', '=', 1);
  const [tt, orgs] = await Promise.all([loadTagsAndThemes(userId), orgQuery.execute()]);
  return {
    id: row.id,
    name: row.name,
    headline: row.headline ?? '',
    bio: row.bio ?? '',
    city: row.city,
    languages: parseList(row.languages),
    ...tt,
    isMentor: row.is_mentor === 1,
    mentoring: { open: row.mentoring_open === 1, atCapacity: row.mentoring_at_capacity === 1, areas: parseList(row.mentoring_areas) },
    photoUrl: row.photo_path ? `/members/${row.id}/photo?v=${row.photo_updated_at ?? 0}` : null,
    contact,
    orgs,
    audience,
    publicProfile: isPublic,
  };
}

/** Everything the member can edit, for their own form. */
export async function getOwnProfile(userId: string) {
  const row = await loadRow(userId);
  if (!row) return null;
  const tt = await loadTagsAndThemes(userId);
  return {
    headline: row.headline ?? '',
    bio: row.bio ?? '',
    city: row.city ?? '',
    languages: parseList(row.languages),
    ...tt,
    mentoringOpen: row.mentoring_open === 1,
    mentoringAtCapacity: row.mentoring_at_capacity === 1,
    mentoringAreas: parseList(row.mentoring_areas),
    emailVisibility: row.email_visibility ?? 'me',
    phone: row.phone ?? '',
    phoneVisibility: row.phone_visibility ?? 'me',
    whatsapp: row.whatsapp ?? '',
    whatsappVisibility: row.whatsapp_visibility ?? 'me',
    publicProfile: row.public_profile === 1,
    matchingOptOut: row.matching_opt_out === 1,
    hasPhoto: Boolean(row.photo_path),
    photoUrl: row.photo_path ? `/members/${row.id}/photo?v=${row.photo_updated_at ?? 0}` : null,
    isMentor: row.is_mentor === 1,
  };
}

export type ProfileProblem = { field: 'phone' | 'whatsapp'; key: string };

/** Saves the whole profile in one transaction. Returns field problems instead of writing anything. */
export async function saveProfile(userId: string, input: ProfileInput): Promise<{ ok: true } | { ok: false; problems: ProfileProblem[] }> {
  const phone = normalisePhone(input.phone);
  const whatsapp = normalisePhone(input.whatsapp);
  const problems: ProfileProblem[] = [];
  if (!phone.ok) problems.push({ field: 'phone', key: 'directory.profile.phoneInvalid' });
  if (!whatsapp.ok) problems.push({ field: 'whatsapp', key: 'directory.profile.phoneInvalid' });
  if (!phone.ok || !whatsapp.ok) return { ok: false, problems };
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const offers = [...(await resolveTagSlugs(input.offers, trx)), ...(await ensureTags(input.newOffers, userId, trx))];
    const needs = [...(await resolveTagSlugs(input.needs, trx)), ...(await ensureTags(input.newNeeds, userId, trx))];
    const areas = await resolveTagSlugs(input.mentoringAreas, trx);
    await trx
      .updateTable('users')
      .set({ city: input.city ?? null, languages: JSON.stringify(input.languages), updated_at: now })
      .where('id', '=', userId)
      .execute();
    const values = {
      headline: input.headline ?? '',
      bio: input.bio ?? '',
      mentoring_open: input.mentoringOpen ? 1 : 0,
      mentoring_at_capacity: input.mentoringOpen && input.mentoringAtCapacity ? 1 : 0,
      mentoring_areas: JSON.stringify(input.mentoringOpen ? areas : []),
      matching_opt_out: input.matchingOptOut ? 1 : 0,
      public_profile: input.publicProfile ? 1 : 0,
      email_visibility: input.emailVisibility,
      phone: phone.value,
      phone_visibility: input.phoneVisibility,
      whatsapp: whatsapp.value,
      whatsapp_visibility: input.whatsappVisibility,
      updated_at: now,
    };
    await trx
      .insertInto('profiles')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
    await trx.deleteFrom('member_tags').where('user_id', '=', userId).execute();
    const tagRows = [
      ...[...new Set(offers)].map((tag) => ({ user_id: userId, kind: 'offer' as const, tag })),
      ...[...new Set(needs)].map((tag) => ({ user_id: userId, kind: 'need' as const, tag })),
    ];
    if (tagRows.length) await trx.insertInto('member_tags').values(tagRows).execute();
    await trx.deleteFrom('member_themes').where('user_id', '=', userId).execute();
    if (input.themes.length) await trx.insertInto('member_themes').values(input.themes.map((theme) => ({ user_id: userId, theme }))).execute();
  });
  return { ok: true };
}

/** What matching and people's first look need, and what is missing. */
export const COMPLETENESS_ITEMS = ['headline', 'bio', 'city', 'languages', 'offers', 'needs', 'themes'] as const;

export function completeness(p: { headline: string; bio: string; city: string | null; languages: string[]; offers: string[]; needs: string[]; themes: string[] }) {
  const missing = COMPLETENESS_ITEMS.filter((k) => {
    const v = p[k];
    return Array.isArray(v) ? v.length === 0 : !v;
  });
  return { percent: Math.round(((COMPLETENESS_ITEMS.length - missing.length) / COMPLETENESS_ITEMS.length) * 100), missing };
}
