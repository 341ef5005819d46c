/** A bid's partners: members and organisations, invitations, roles, names shown on the funding call. (Split out of bids.server.ts, which re-exports every part.) */
import { sql } from 'kysely';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { notify, notifyMany } from '~/modules/notifications/notifications.server';
import { type BidRoleValue } from './constants';
import { authorizeBid, bidMemberIds, bidRole } from './access.server';
import { authorize, can, type Actor } from '~/policies';
import { accessChanged } from '~/modules/collab/revocation.server';
import { checkNewShare } from './budget.server';
import { BidInputError } from './details.server';

/** Leads and partners first; organisation invitations still open and declined ones last. */
export async function listPartners(bidId: string) {
  const rows = await db
    .selectFrom('bid_partners')
    .leftJoin('users', 'users.id', 'bid_partners.user_id')
    .leftJoin('organisations', 'organisations.id', 'bid_partners.org_id')
    .select([
      'bid_partners.id',
      'bid_partners.kind',
      'bid_partners.user_id',
      'bid_partners.role',
      'bid_partners.status',
      'bid_partners.budget_share',
      'bid_partners.delivers',
      'bid_partners.show_name',
      'bid_partners.org_id',
      'users.name as user_name',
      'organisations.name as org_name',
      'organisations.slug as org_slug',
    ])
    .where('bid_partners.bid_id', '=', bidId)
    .orderBy(sql`case bid_partners.status when 'accepted' then 0 when 'invited' then 1 else 2 end`)
    .orderBy(sql`case bid_partners.role when 'lead' then 0 when 'partner' then 1 else 2 end`)
    .orderBy('bid_partners.created_at')
    .execute();
  // An organisation partner whose organisation is gone has nobody behind it: not listed.
  return rows
    .filter((r) => (r.kind === 'org' ? r.org_name !== null : r.user_name !== null))
    .map((r) => ({ ...r, name: (r.kind === 'org' ? r.org_name : r.user_name) ?? '' }));
}

export type BidPartner = Awaited<ReturnType<typeof listPartners>>[number];

export async function addPartner(
  bidId: string,
  input: { userId: string; orgId?: string; role: BidRoleValue; budgetShare: number; delivers?: string },
  actor: Actor & { name: string },
): Promise<void> {
  await authorizeBid(actor, bidId, 'bid.addPartner');
  const user = await db.selectFrom('users').select(['id', 'status']).where('id', '=', input.userId).executeTakeFirst();
  if (!user || user.status !== 'active') throw new BidInputError('userId', 'bids.validation.choose');
  if (input.orgId) {
    const inOrg = await db.selectFrom('organisation_members').select('org_id').where('org_id', '=', input.orgId).where('user_id', '=', input.userId).executeTakeFirst();
    if (!inOrg) throw new BidInputError('orgId', 'bids.partners.notInOrg');
  }
  if (input.role === 'reviewer' && input.budgetShare > 0) throw new BidInputError('budgetShare', 'bids.budget.reviewerShare');
  await db.transaction().execute(async (trx) => {
    const already = await trx.selectFrom('bid_partners').select('id').where('bid_id', '=', bidId).where('kind', '=', 'member').where('user_id', '=', input.userId).executeTakeFirst();
    if (already) throw new BidInputError('userId', 'bids.partners.already');
    await checkNewShare(trx as unknown as typeof db, bidId, input.budgetShare);
    await trx
      .insertInto('bid_partners')
      .values({
        id: newId(),
        bid_id: bidId,
        kind: 'member',
        user_id: input.userId,
        org_id: input.orgId ?? null,
        role: input.role,
        status: 'accepted',
        budget_share: input.budgetShare,
        delivers: input.delivers ?? '',
        // Opt-in: a partner's name appears on the funding call only once they choose it.
        show_name: 0,
        added_by: actor.id,
        created_at: Date.now(),
      })
      .execute();
  });
  const bid = await db.selectFrom('bids').select('title').where('id', '=', bidId).executeTakeFirstOrThrow();
  await notify({ userId: input.userId, kind: 'bids.partner_added', params: { title: bid.title, name: actor.name }, link: `/bids/${bidId}` });
}

async function orgLeadIds(orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_members as om')
    .innerJoin('users as u', 'u.id', 'om.user_id')
    .select('om.user_id')
    .where('om.org_id', '=', orgId)
    .where('om.role', '=', 'lead')
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Invites an organisation from the directory as a partner with a role. Its leads are told (in the
 * app and by email) and any of them accepts or declines for it; until then nobody of it sees the
 * bid. When the inviting lead is a lead of that organisation, the invitation counts as accepted.
 * Its budget share counts towards the amount requested like any other.
 */
export async function addOrgPartner(
  bidId: string,
  input: { orgId: string; role: BidRoleValue; budgetShare: number; delivers?: string },
  actor: Actor & { name: string },
): Promise<string> {
  await authorizeBid(actor, bidId, 'bid.addPartner');
  const org = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org) throw new BidInputError('orgId', 'bids.validation.choose');
  if (input.role === 'reviewer' && input.budgetShare > 0) throw new BidInputError('budgetShare', 'bids.budget.reviewerShare');
  const leads = await orgLeadIds(org.id);
  if (!leads.length) throw new BidInputError('orgId', 'bids.orgPartners.noLeads');
  const selfAccepted = leads.includes(actor.id);
  const id = newId();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const already = await trx.selectFrom('bid_partners').select('id').where('bid_id', '=', bidId).where('kind', '=', 'org').where('org_id', '=', org.id).executeTakeFirst();
    if (already) throw new BidInputError('orgId', 'bids.orgPartners.already');
    await checkNewShare(trx as unknown as typeof db, bidId, input.budgetShare);
    await trx
      .insertInto('bid_partners')
      .values({
        id,
        bid_id: bidId,
        kind: 'org',
        user_id: null,
        org_id: org.id,
        role: input.role,
        status: selfAccepted ? 'accepted' : 'invited',
        budget_share: input.budgetShare,
        delivers: input.delivers ?? '',
        // Opt-in: the organisation's name appears on the funding call only once one of its leads chooses it.
        show_name: 0,
        added_by: actor.id,
        responded_by: selfAccepted ? actor.id : null,
        responded_at: selfAccepted ? now : null,
        created_at: now,
      })
      .execute();
  });
  if (!selfAccepted) {
    const bid = await db.selectFrom('bids').select('title').where('id', '=', bidId).executeTakeFirstOrThrow();
    await notifyMany(leads, { kind: 'bids.org_invited', params: { title: bid.title, org: org.name, name: actor.name }, link: '/bids#invitations' });
  }
  return id;
}

/** Open invitations for organisations the member leads (shown on /bids). */
export async function orgInvitationsFor(userId: string) {
  return db
    .selectFrom('bid_partners as p')
    .innerJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .innerJoin('bids as b', 'b.id', 'p.bid_id')
    .leftJoin('users as inviter', 'inviter.id', 'p.added_by')
    .select(['p.id', 'p.role', 'p.budget_share', 'p.delivers', 'o.name as org_name', 'b.title', 'b.funder', 'b.deadline', 'b.currency', 'inviter.name as invited_by'])
    .where('p.kind', '=', 'org')
    .where('p.status', '=', 'invited')
    .orderBy('b.deadline')
    .limit(100)
    .execute();
}

/**
 * A lead of the invited organisation accepts or declines for it. Declining frees its budget share
 * (the bid's leads see the remainder again). The bid's lead members are told either way.
 * Returns the bid id, or null when the invitation is not theirs to answer (or already answered).
 */
export async function respondToOrgInvitation(actor: Actor, partnerId: string, accept: boolean): Promise<string | null> {
  const userId = actor.id;
  const row = await db
    .selectFrom('bid_partners as p')
    .leftJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .innerJoin('bids as b', 'b.id', 'p.bid_id')
    .select(['p.id', 'p.bid_id', 'o.name as org_name', 'b.title', 'om.user_id as org_lead'])
    .where('p.id', '=', partnerId.slice(0, 40))
    .where('p.kind', '=', 'org')
    .where('p.status', '=', 'invited')
    .executeTakeFirst();
  // ~/policies/bids 'bid.answerOrgInvitation': only a lead of the invited organisation.
  if (!row || !can(actor, 'bid.answerOrgInvitation', { leadsInvitedOrg: row.org_lead === userId })) return null;
  const r = await db
    .updateTable('bid_partners')
    .set(accept ? { status: 'accepted', responded_by: userId, responded_at: Date.now() } : { status: 'declined', budget_share: 0, responded_by: userId, responded_at: Date.now() })
    .where('id', '=', row.id)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return null;
  const leads = await db.selectFrom('bid_partners').select('user_id').where('bid_id', '=', row.bid_id).where('kind', '=', 'member').where('role', '=', 'lead').execute();
  const leadIds = leads.flatMap((l) => (l.user_id && l.user_id !== userId ? [l.user_id] : []));
  const params = { title: row.title, org: row.org_name };
  const link = `/bids/${row.bid_id}/partners`;
  if (accept) await notifyMany(leadIds, { kind: 'bids.org_accepted', params, link });
  else await notifyMany(leadIds, { kind: 'bids.org_declined', params, link });
  return row.bid_id;
}

/** The bid must always keep at least one member as lead (an organisation's membership can change). */
function leadMemberCount(partners: Array<{ kind: string; role: string }>) {
  return partners.filter((p) => p.kind === 'member' && p.role === 'lead').length;
}

export async function updatePartner(actor: Actor, bidId: string, input: { partnerId: string; role: BidRoleValue; delivers?: string }): Promise<boolean> {
  const role = await bidRole(bidId, actor.id);
  authorize(actor, 'bid.read', { role }); // non-partners: 404, the bid's existence is private
  authorize(actor, 'bid.updatePartner', { role });
  const updated = await db.transaction().execute(async (trx) => {
    const partners = await trx.selectFrom('bid_partners').select(['id', 'kind', 'role', 'budget_share']).where('bid_id', '=', bidId).execute();
    const partner = partners.find((p) => p.id === input.partnerId);
    if (!partner) return false;
    if (partner.kind === 'member' && partner.role === 'lead' && input.role !== 'lead' && leadMemberCount(partners) === 1) {
      throw new BidInputError('role', 'bids.partners.lastLead');
    }
    if (input.role === 'reviewer' && partner.budget_share > 0) throw new BidInputError('role', 'bids.budget.reviewerShare');
    await trx.updateTable('bid_partners').set({ role: input.role, delivers: input.delivers ?? '' }).where('id', '=', partner.id).execute();
    return true;
  });
  // A partner made reviewer stops writing at once.
  if (updated) await accessChanged({ kind: 'bid', subjectId: bidId });
  return updated;
}

/** A lead of an organisation partner updates what the organisation will deliver (its own entry only). */
export async function updateOrgEntry(actor: Actor, bidId: string, partnerId: string, delivers: string): Promise<boolean> {
  const userId = actor.id;
  const role = await bidRole(bidId, userId);
  authorize(actor, 'bid.read', { role }); // non-partners: 404, the bid's existence is private
  const row = await db
    .selectFrom('bid_partners as p')
    .leftJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .select(['p.id', 'om.user_id as org_lead'])
    .where('p.id', '=', partnerId)
    .where('p.bid_id', '=', bidId)
    .where('p.kind', '=', 'org')
    .where('p.status', '=', 'accepted')
    .executeTakeFirst();
  if (!row || !can(actor, 'bid.editOwnEntry', { role, own: row.org_lead === userId })) return false;
  await db.updateTable('bid_partners').set({ delivers }).where('id', '=', row.id).execute();
  return true;
}

/**
 * A partner's own choice to appear on the funding call (off until they opt in): a member for their
 * own entry, an organisation's lead for the organisation's. Nobody else (not even the bid's leads)
 * changes it.
 */
export async function setShowName(actor: Actor, bidId: string, partnerId: string, show: boolean): Promise<boolean> {
  const userId = actor.id;
  const role = await bidRole(bidId, userId);
  authorize(actor, 'bid.read', { role }); // non-partners: 404, the bid's existence is private
  const row = await db
    .selectFrom('bid_partners as p')
    .leftJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .select(['p.id', 'p.kind', 'p.user_id', 'om.user_id as org_lead'])
    .where('p.id', '=', partnerId)
    .where('p.bid_id', '=', bidId)
    .executeTakeFirst();
  if (!row) return false;
  const own = row.kind === 'member' ? row.user_id === userId : row.org_lead === userId;
  if (!can(actor, 'bid.showOwnName', { role, own })) return false;
  await db.updateTable('bid_partners').set({ show_name: show ? 1 : 0 }).where('id', '=', row.id).execute();
  return true;
}

/**
 * Leads turn on or off "Show on the funding call that we are bidding" (off by default). Names stay
 * hidden until each partner opts in, so when it is turned on, the partners who have not (members,
 * and the leads of organisation partners) are told they can choose to show their name. The lead who
 * turned it on (the actor) is not told: the page they are on says it. Leads only ('bid.linkNotice').
 */
export async function setShowOnNotice(actor: Actor, bidId: string, show: boolean): Promise<void> {
  await authorizeBid(actor, bidId, 'bid.linkNotice');
  const bid = await db.selectFrom('bids').select(['title', 'show_on_notice']).where('id', '=', bidId).executeTakeFirst();
  if (!bid) return;
  await db.updateTable('bids').set({ show_on_notice: show ? 1 : 0, updated_at: Date.now() }).where('id', '=', bidId).execute();
  if (!show || bid.show_on_notice === 1) return;
  const hidden = await db
    .selectFrom('bid_partners as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.kind', 'p.user_id', 'p.org_id', 'u.status as user_status'])
    .where('p.bid_id', '=', bidId)
    .where('p.status', '=', 'accepted')
    .where('p.show_name', '=', 0)
    .execute();
  const ids = new Set<string>();
  for (const p of hidden) {
    if (p.kind === 'member' && p.user_id && p.user_status === 'active') ids.add(p.user_id);
    if (p.kind === 'org' && p.org_id) for (const id of await orgLeadIds(p.org_id)) ids.add(id);
  }
  ids.delete(actor.id);
  if (ids.size) await notifyMany([...ids], { kind: 'bids.show_name_choice', params: { title: bid.title }, link: `/bids/${bidId}/partners#on-notice-h` });
}

/** A lead removes a partner (never the last lead). Authorizes the actor first (~/policies/bids). */
export async function removePartner(actor: Actor, bidId: string, partnerId: string): Promise<boolean> {
  const role = await bidRole(bidId, actor.id);
  authorize(actor, 'bid.read', { role }); // non-partners: 404, the bid's existence is private
  authorize(actor, 'bid.removePartner', { role });
  const removed = await db.transaction().execute(async (trx) => {
    const partners = await trx.selectFrom('bid_partners').select(['id', 'kind', 'role', 'user_id']).where('bid_id', '=', bidId).execute();
    const partner = partners.find((p) => p.id === partnerId);
    if (!partner) return false;
    if (partner.kind === 'member' && partner.role === 'lead' && leadMemberCount(partners) === 1) throw new BidInputError('partner', 'bids.partners.lastLead');
    await trx.deleteFrom('bid_partners').where('id', '=', partner.id).execute();
    // Tasks of people who no longer have any access to the bid go back to "anyone" (in the same
    // transaction: a partner is never removed while still holding tasks).
    const still = await bidMemberIds(bidId, trx);
    let q = trx.updateTable('bid_tasks').set({ assignee_id: null }).where('bid_id', '=', bidId).where('assignee_id', 'is not', null);
    if (still.length) q = q.where('assignee_id', 'not in', still);
    await q.execute();
    return true;
  });
  // Their open editor (and any listen-only connection) is closed now, not at the next periodic check.
  if (removed) await accessChanged({ kind: 'bid', subjectId: bidId });
  return removed;
}

/** Members who could be invited (active, not yet on the bid in person), by name. */
export async function invitableMembers(bidId: string) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.name'])
    .where('users.status', '=', 'active')
    .where('users.id', 'not in', db.selectFrom('bid_partners').select('user_id').where('bid_id', '=', bidId).where('kind', '=', 'member').where('user_id', 'is not', null))
    .orderBy('users.name')
    .limit(1000)
    .execute();
}

/** Organisations of the directory that could be invited (not yet on the bid as an organisation). */
export async function invitableOrgs(bidId: string) {
  return db
    .selectFrom('organisations')
    .select(['organisations.id', 'organisations.name'])
    .where('organisations.id', 'not in', db.selectFrom('bid_partners').select('org_id').where('bid_id', '=', bidId).where('kind', '=', 'org').where('org_id', 'is not', null))
    .orderBy('organisations.name')
    .limit(1000)
    .execute();
}

/** Organisations the member belongs to (a bid's lead organisation is one of the lead's own). */
export async function myOrganisations(userId: string) {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_members', 'organisation_members.org_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name'])
    .where('organisation_members.user_id', '=', userId)
    .orderBy('organisations.name')
    .execute();
}

export async function organisationOptions() {
  return db.selectFrom('organisations').select(['id', 'name', 'legal_form', 'host_org_id']).orderBy('name').limit(1000).execute();
}
