import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { notify } from '~/modules/notifications/notifications.server';
import type { OrgInput } from './directory.schema';
import { parseList, type Viewer } from './profiles.server';
import { resolveTagSlugs } from './tags.server';
import { authorize, can, type Actor } from '~/policies';
import type { OrgSubject } from '~/policies/directory';

/**
 * Organisations and projects. Any member can create one (and becomes its lead); only leads change
 * it. Visitors see an organisation only when its leads listed it publicly, and then see only
 * members who made their own profile public.
 */
export class SlugTakenError extends Error {
  constructor() {
    super('slug taken');
  }
}

export async function orgRole(orgId: string, userId: string): Promise<'lead' | 'member' | null> {
  const row = await db.selectFrom('organisation_members').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role ?? null;
}

/** What `org.*` rules need about an organisation and this actor (app/policies/directory.ts). */
export async function orgSubject(orgId: string, actor: Actor | null): Promise<OrgSubject> {
  const org = await db.selectFrom('organisations').select('public_listing').where('id', '=', orgId).executeTakeFirst();
  return { publicListing: org?.public_listing === 1, role: actor ? await orgRole(orgId, actor.id) : null };
}

/** Refuses (403) unless the actor leads this organisation: every lead-only write starts here. */
async function authorizeLead(orgId: string, actor: Actor) {
  authorize(actor, 'org.manage', await orgSubject(orgId, actor));
}

export async function orgBySlug(slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A slug from a name: "Coventry Women's Voices" → "coventry-women-s-voices" (Latin only; may be empty). */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

async function validHost(hostOrgId: string | undefined, selfId: string | null): Promise<string | null> {
  if (!hostOrgId || hostOrgId === selfId) return null;
  const row = await db.selectFrom('organisations').select('id').where('id', '=', hostOrgId).executeTakeFirst();
  return row?.id ?? null;
}

function orgValues(input: OrgInput, hostOrgId: string | null) {
  const unincorporated = input.legalForm === 'unincorporated';
  return {
    name: input.name,
    description: input.description ?? '',
    city: input.city ?? null,
    legal_form: input.legalForm,
    registration_number: unincorporated ? null : input.registrationNumber || null,
    host_org_id: unincorporated ? hostOrgId : null,
    host_org_name: unincorporated && !hostOrgId ? input.hostOrgName || null : null,
    year_started: input.yearStarted ?? null,
    website: input.website || null,
    social_links: JSON.stringify(input.socialLinks),
    public_listing: input.publicListing ? 1 : 0,
  };
}

async function replaceTagsAndThemes(trx: typeof db, orgId: string, input: OrgInput) {
  const offers = await resolveTagSlugs(input.offers, trx);
  const needs = await resolveTagSlugs(input.needs, trx);
  await trx.deleteFrom('org_tags').where('org_id', '=', orgId).execute();
  const rows = [...offers.map((tag) => ({ org_id: orgId, kind: 'offer' as const, tag })), ...needs.map((tag) => ({ org_id: orgId, kind: 'need' as const, tag }))];
  if (rows.length) await trx.insertInto('org_tags').values(rows).execute();
  await trx.deleteFrom('org_themes').where('org_id', '=', orgId).execute();
  if (input.themes.length) await trx.insertInto('org_themes').values(input.themes.map((theme) => ({ org_id: orgId, theme }))).execute();
}

export async function createOrg(userId: string, input: OrgInput): Promise<string> {
  const hostOrgId = await validHost(input.hostOrgId, null);
  const now = Date.now();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('organisations').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (taken) throw new SlugTakenError();
    await trx
      .insertInto('organisations')
      .values({ id, slug: input.slug, ...orgValues(input, hostOrgId), created_by: userId, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto('organisation_members').values({ org_id: id, user_id: userId, role: 'lead', created_at: now }).execute();
    await replaceTagsAndThemes(trx, id, input);
  });
  return id;
}

/** Leads only: anyone else is refused with 403 before anything is written. */
export async function updateOrg(orgId: string, actor: Actor, input: OrgInput): Promise<'ok'> {
  await authorizeLead(orgId, actor);
  const hostOrgId = await validHost(input.hostOrgId, orgId);
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('organisations').select('id').where('slug', '=', input.slug).where('id', '!=', orgId).executeTakeFirst();
    if (taken) throw new SlugTakenError();
    await trx
      .updateTable('organisations')
      .set({ slug: input.slug, ...orgValues(input, hostOrgId), updated_at: Date.now() })
      .where('id', '=', orgId)
      .execute();
    await replaceTagsAndThemes(trx, orgId, input);
  });
  return 'ok';
}

export interface OrgView {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string | null;
  legalForm: string;
  registrationNumber: string | null;
  host: { slug: string; name: string } | { name: string } | null;
  yearStarted: number | null;
  website: string | null;
  socialLinks: string[];
  publicListing: boolean;
  themes: string[];
  offers: string[];
  needs: string[];
  grants: { id: string; funder: string; amount: number | null; year: number | null; purpose: string }[];
  members: { id: string; name: string; role: 'lead' | 'member' }[];
  viewerRole: 'lead' | 'member' | null;
  invited: boolean;
}

/** The organisation as this viewer may see it; null → 404. */
export async function getOrgView(viewer: Viewer, slug: string): Promise<OrgView | null> {
  const org = await orgBySlug(slug);
  if (!org) return null;
  if (!can(viewer, 'org.read', { publicListing: org.public_listing === 1, role: null })) return null;
  const [themes, tags, grants, members, host, invite] = await Promise.all([
    db.selectFrom('org_themes').select('theme').where('org_id', '=', org.id).orderBy('theme').execute(),
    db.selectFrom('org_tags').select(['kind', 'tag']).where('org_id', '=', org.id).orderBy('tag').execute(),
    db.selectFrom('org_grants').select(['id', 'funder', 'amount', 'year', 'purpose']).where('org_id', '=', org.id).orderBy('year', 'desc').orderBy('created_at', 'desc').execute(),
    db
      .selectFrom('organisation_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('profiles as p', 'p.user_id', 'u.id')
      .select(['u.id', 'u.name', 'm.role', 'p.public_profile'])
      .where('m.org_id', '=', org.id)
      .where('u.status', '=', 'active')
      .orderBy('m.role')
      .orderBy('u.name')
      .execute(),
    org.host_org_id ? db.selectFrom('organisations').select(['slug', 'name', 'public_listing']).where('id', '=', org.host_org_id).executeTakeFirst() : undefined,
    viewer ? db.selectFrom('org_invites').select('org_id').where('org_id', '=', org.id).where('user_id', '=', viewer.id).executeTakeFirst() : undefined,
  ]);
  const viewerRole = viewer ? (members.find((m) => m.id === viewer.id)?.role ?? null) : null;
  let hostView: OrgView['host'] = null;
  if (host && (viewer || host.public_listing === 1)) hostView = { slug: host.slug, name: host.name };
  else if (host) hostView = { name: host.name };
  else if (org.host_org_name) hostView = { name: org.host_org_name };
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    description: org.description,
    city: org.city,
    legalForm: org.legal_form,
    registrationNumber: org.registration_number,
    host: hostView,
    yearStarted: org.year_started,
    website: org.website,
    socialLinks: parseList(org.social_links),
    publicListing: org.public_listing === 1,
    themes: themes.map((t) => t.theme),
    offers: tags.filter((t) => t.kind === 'offer').map((t) => t.tag),
    needs: tags.filter((t) => t.kind === 'need').map((t) => t.tag),
    grants,
    members: members.filter((m) => viewer || m.public_profile === 1).map((m) => ({ id: m.id, name: m.name, role: m.role })),
    viewerRole,
    invited: Boolean(invite),
  };
}

/** Values for the edit form. */
export async function orgFormValues(orgId: string) {
  const org = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const [themes, tags] = await Promise.all([
    db.selectFrom('org_themes').select('theme').where('org_id', '=', orgId).execute(),
    db.selectFrom('org_tags').select(['kind', 'tag']).where('org_id', '=', orgId).execute(),
  ]);
  return {
    name: org.name,
    slug: org.slug,
    description: org.description,
    city: org.city ?? '',
    legalForm: org.legal_form,
    registrationNumber: org.registration_number ?? '',
    hostOrgId: org.host_org_id ?? '',
    hostOrgName: org.host_org_name ?? '',
    yearStarted: org.year_started ? String(org.year_started) : '',
    website: org.website ?? '',
    socialLinks: parseList(org.social_links).join('\n'),
    themes: themes.map((t) => t.theme),
    offers: tags.filter((t) => t.kind === 'offer').map((t) => t.tag),
    needs: tags.filter((t) => t.kind === 'need').map((t) => t.tag),
    publicListing: org.public_listing === 1 ? 'on' : undefined,
  };
}

export async function hostOptions(excludeId?: string) {
  let q = db.selectFrom('organisations').select(['id', 'name']).where('legal_form', '!=', 'unincorporated').orderBy('name').limit(500);
  if (excludeId) q = q.where('id', '!=', excludeId);
  return q.execute();
}

export async function myOrgs(userId: string) {
  return db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.slug', 'o.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
}

export async function myInvites(userId: string) {
  return db
    .selectFrom('org_invites as i')
    .innerJoin('organisations as o', 'o.id', 'i.org_id')
    .select(['o.id', 'o.slug', 'o.name'])
    .where('i.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
}

type LeadResult = 'ok' | 'notFound' | 'invalid';

/** A lead invites a member; they join when they accept on the organisation's page. */
export async function inviteToOrg(orgId: string, actor: Actor, inviteeId: string): Promise<LeadResult> {
  await authorizeLead(orgId, actor);
  const invitee = await db.selectFrom('users').select(['id', 'status']).where('id', '=', inviteeId).executeTakeFirst();
  if (!invitee || invitee.status !== 'active') return 'notFound';
  if (await orgRole(orgId, inviteeId)) return 'invalid';
  const org = await db.selectFrom('organisations').select(['name', 'slug']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const already = await db.selectFrom('org_invites').select('org_id').where('org_id', '=', orgId).where('user_id', '=', inviteeId).executeTakeFirst();
  if (!already) {
    await db.insertInto('org_invites').values({ org_id: orgId, user_id: inviteeId, invited_by: actor.id, created_at: Date.now() }).execute();
    await notify({ userId: inviteeId, kind: `directory.org_invite`, params: { org: org.name }, link: `/orgs/${org.slug}` });
  }
  return 'ok';
}

export async function respondToInvite(orgId: string, userId: string, accept: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('org_invites').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    if (accept) {
      await trx
        .insertInto('organisation_members')
        .values({ org_id: orgId, user_id: userId, role: 'member', created_at: Date.now() })
        .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
        .execute();
    }
    return true;
  });
}

async function leadCount(trx: typeof db, orgId: string): Promise<number> {
  const row = await trx.selectFrom('organisation_members').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).where('role', '=', 'lead').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Lead changes someone's role. An organisation always keeps at least one lead. */
export async function setMemberRole(orgId: string, actor: Actor, userId: string, role: 'lead' | 'member'): Promise<LeadResult> {
  await authorizeLead(orgId, actor);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('organisation_members').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
    if (!current) return 'notFound';
    if (current.role === 'lead' && role === 'member' && (await leadCount(trx, orgId)) <= 1) return 'invalid';
    await trx.updateTable('organisation_members').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
    return 'ok';
  });
}

/** A lead removes someone, or a member leaves (userId === actor.id). The last lead cannot go. */
export async function removeMember(orgId: string, actor: Actor, userId: string): Promise<LeadResult> {
  const subject = await orgSubject(orgId, actor);
  authorize(actor, actor.id === userId ? 'org.leave' : 'org.manage', subject);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('organisation_members').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
    if (!current) return 'notFound';
    if (current.role === 'lead' && (await leadCount(trx, orgId)) <= 1) return 'invalid';
    await trx.deleteFrom('organisation_members').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
    return 'ok';
  }).then(async (r) => (r === 'ok' && (await (await import('~/modules/collab/revocation.server')).accessChanged({ userId })), r)); // their bids through this organisation close now (issue 12.4)
}

export async function addGrant(orgId: string, actor: Actor, g: { funder: string; amount?: number; year?: number; purpose?: string }): Promise<LeadResult> {
  await authorizeLead(orgId, actor);
  await db
    .insertInto('org_grants')
    .values({ id: newId(), org_id: orgId, funder: g.funder, amount: g.amount ?? null, year: g.year ?? null, purpose: g.purpose ?? '', created_at: Date.now() })
    .execute();
  return 'ok';
}

export async function removeGrant(orgId: string, actor: Actor, grantId: string): Promise<LeadResult> {
  await authorizeLead(orgId, actor);
  const res = await db.deleteFrom('org_grants').where('id', '=', grantId).where('org_id', '=', orgId).executeTakeFirst();
  return Number(res.numDeletedRows) ? 'ok' : 'notFound';
}
