import { sql } from 'kysely';
import { db } from '~db/connection';
import type { BidStatus } from '~db/schema.bids';
import { newId } from '~/modules/auth/tokens.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { notify, notifyMany } from '~/modules/notifications/notifications.server';
import { logger } from '~/modules/logging/logger.server';
import { findTemplate, sectionField, type BidRoleValue, type BidStatusValue, type CurrencyValue } from './constants';
import { bidMemberIds, bidRole, partnerRowsOf, strongestRole } from './access.server';
import { createBidDocument } from './document.server';
import { removeField } from '~/modules/collab/content.server';
import { accessChanged } from '~/modules/collab/revocation.server';
import { cancelDeadlineReminders, scheduleDeadlineReminders, scheduleTaskReminder, cancelTaskReminder } from './reminders.server';

/** A problem with a member's input, reported next to `field` (an i18n key as message). */
export class BidInputError extends Error {
  constructor(
    public field: string,
    message: string,
    public values: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export interface BidDetailsInput {
  title: string;
  funder: string;
  callName?: string;
  link?: string;
  deadline: number;
  amount: number;
  currency: CurrencyValue;
  themes: string[];
  skillsNeeded: string[];
  leadOrgId?: string;
  hostOrgId?: string;
  hostOrgName?: string;
}

/**
 * The host organisation must exist in the directory; the lead organisation must be one the bid's
 * leads belong to (for a new bid: the creator), or an organisation that is itself a lead partner.
 */
async function checkOrgs(input: Pick<BidDetailsInput, 'leadOrgId' | 'hostOrgId'>, leadUserIds: string[], leadOrgIds: string[] = []) {
  if (input.hostOrgId) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', input.hostOrgId).executeTakeFirst();
    if (!org) throw new BidInputError('hostOrgId', 'bids.validation.choose');
  }
  if (input.leadOrgId && !leadOrgIds.includes(input.leadOrgId)) {
    const member = leadUserIds.length
      ? await db
          .selectFrom('organisation_members')
          .select('org_id')
          .where('org_id', '=', input.leadOrgId)
          .where('user_id', 'in', leadUserIds)
          .executeTakeFirst()
      : undefined;
    if (!member) throw new BidInputError('leadOrgId', 'bids.validation.notLeadOrg');
  }
}

/** Organisations that are lead partners of the bid (accepted). */
async function leadOrgPartnerIds(bidId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bid_partners')
    .select('org_id')
    .where('bid_id', '=', bidId)
    .where('kind', '=', 'org')
    .where('status', '=', 'accepted')
    .where('role', '=', 'lead')
    .execute();
  return rows.flatMap((r) => (r.org_id ? [r.org_id] : []));
}

/** Organisations any of the bid's lead members belong to, and lead organisation partners: the choices for its lead organisation. */
export async function leadOrganisations(bidId: string) {
  const viaMembers = await db
    .selectFrom('organisations')
    .innerJoin('organisation_members', 'organisation_members.org_id', 'organisations.id')
    .innerJoin('bid_partners', 'bid_partners.user_id', 'organisation_members.user_id')
    .select(['organisations.id', 'organisations.name'])
    .distinct()
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.kind', '=', 'member')
    .where('bid_partners.role', '=', 'lead')
    .execute();
  const orgIds = await leadOrgPartnerIds(bidId);
  const direct = orgIds.length ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const byId = new Map([...viaMembers, ...direct].map((o) => [o.id, o]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function detailsRow(input: BidDetailsInput) {
  return {
    title: input.title,
    funder: input.funder,
    call_name: input.callName ?? '',
    link: input.link || null,
    deadline: input.deadline,
    amount: input.amount,
    currency: input.currency,
    themes: JSON.stringify([...new Set(input.themes)]),
    skills_needed: JSON.stringify([...new Set(input.skillsNeeded)]),
    lead_org_id: input.leadOrgId ?? null,
    host_org_id: input.hostOrgId ?? null,
    host_org_name: input.hostOrgId ? null : input.hostOrgName || null,
  };
}

/**
 * Creates a bid with its creator as lead, the template's sections (titles in the creator's language),
 * its first status, and its collaborative document; then queues its deadline reminders. If the
 * document cannot be created the bid is removed again, so nothing is left half-made.
 */
export async function createBid(
  input: BidDetailsInput & { template: string; noticeId?: string },
  creator: { id: string },
  locale: string,
): Promise<string> {
  await checkOrgs(input, [creator.id]);
  const template = findTemplate(input.template);
  if (!template) throw new BidInputError('template', 'bids.validation.choose');
  // The funding call it was started from: kept only when it is a funding notice that exists.
  const notice = input.noticeId
    ? await db.selectFrom('notices').select('id').where('id', '=', input.noticeId).where('type', '=', 'funding').executeTakeFirst()
    : undefined;
  const t = await fixedT(locale);
  const now = Date.now();
  const id = newId();
  const leadOrg = input.leadOrgId ?? null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('bids')
      .values({
        id,
        ...detailsRow(input),
        status: 'idea',
        template: template.id,
        notice_id: notice?.id ?? null,
        document_id: null,
        awarded_amount: null,
        outcome_on: null,
        outcome_feedback: null,
        created_by: creator.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('bid_status_changes').values({ bid_id: id, status: 'idea', changed_by: creator.id, changed_at: now }).execute();
    await trx
      .insertInto('bid_partners')
      .values({ id: newId(), bid_id: id, user_id: creator.id, org_id: leadOrg, role: 'lead', budget_share: 0, delivers: '', show_name: 0, added_by: creator.id, created_at: now })
      .execute();
    let position = 0;
    for (const s of template.sections) {
      position += 1;
      await trx
        .insertInto('bid_sections')
        .values({ id: newId(), bid_id: id, title: t(`bids.templates.${template.id}.sections.${s.key}`), word_limit: s.wordLimit, position, created_at: now })
        .execute();
    }
  });
  try {
    const documentId = await createBidDocument(id, input.title);
    await db.updateTable('bids').set({ document_id: documentId }).where('id', '=', id).execute();
  } catch (error) {
    await db.deleteFrom('bids').where('id', '=', id).execute();
    throw error;
  }
  await scheduleDeadlineReminders(id, input.deadline, now);
  return id;
}

export async function getBid(bidId: string) {
  const bid = await db
    .selectFrom('bids as b')
    .leftJoin('organisations as lead', 'lead.id', 'b.lead_org_id')
    .leftJoin('organisations as host', 'host.id', 'b.host_org_id')
    .selectAll('b')
    .select([
      'lead.name as lead_org_name',
      'lead.slug as lead_org_slug',
      'lead.legal_form as lead_org_legal_form',
      'host.name as host_org_dir_name',
      'host.slug as host_org_slug',
    ])
    .where('b.id', '=', bidId)
    .executeTakeFirst();
  if (!bid) return null;
  return { ...bid, themes: JSON.parse(bid.themes) as string[], skills_needed: JSON.parse(bid.skills_needed) as string[] };
}

export type Bid = NonNullable<Awaited<ReturnType<typeof getBid>>>;

/**
 * The bids a member is a partner of — directly or through an organisation partner that accepted —
 * soonest deadline first, finished ones last; with their strongest role.
 */
export async function listMyBids(userId: string) {
  const rows = await db
    .selectFrom('bid_partners as p')
    .innerJoin('bids as b', 'b.id', 'p.bid_id')
    .select(['b.id', 'b.title', 'b.funder', 'b.deadline', 'b.status', 'b.amount', 'b.currency', 'p.role'])
    .where(partnerRowsOf(userId))
    .orderBy(sql`case when b.status in ('idea','drafting','in_review') then 0 else 1 end`)
    .orderBy('b.deadline')
    .limit(400)
    .execute();
  const byId = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = byId.get(r.id);
    byId.set(r.id, prev ? { ...prev, role: strongestRole([prev.role, r.role])! } : r);
  }
  return [...byId.values()].slice(0, 200);
}

export async function updateBidDetails(bidId: string, input: BidDetailsInput, actorId: string): Promise<void> {
  const bid = await db.selectFrom('bids').select(['deadline']).where('id', '=', bidId).executeTakeFirst();
  if (!bid) throw new BidInputError('title', 'bids.validation.choose');
  if (input.deadline !== bid.deadline && input.deadline <= Date.now()) throw new BidInputError('deadline', 'bids.validation.deadlinePast');
  const leads = await db.selectFrom('bid_partners').select('user_id').where('bid_id', '=', bidId).where('kind', '=', 'member').where('role', '=', 'lead').execute();
  await checkOrgs(
    input,
    leads.flatMap((l) => (l.user_id ? [l.user_id] : [])),
    await leadOrgPartnerIds(bidId),
  );
  await db
    .updateTable('bids')
    .set({ ...detailsRow(input), updated_at: Date.now() })
    .where('id', '=', bidId)
    .execute();
  if (input.deadline !== bid.deadline) {
    await cancelDeadlineReminders(bidId, bid.deadline);
    await scheduleDeadlineReminders(bidId, input.deadline);
  }
  logger.debug({ bidId, actorId }, 'bid details updated');
}

/** Changes the status and records the change with its date. Returns false when nothing changed. */
export async function changeStatus(bidId: string, status: BidStatusValue, actorId: string, trx = db): Promise<boolean> {
  const now = Date.now();
  const r = await trx
    .updateTable('bids')
    .set({ status: status as BidStatus, updated_at: now })
    .where('id', '=', bidId)
    .where('status', '!=', status as BidStatus)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await trx.insertInto('bid_status_changes').values({ bid_id: bidId, status: status as BidStatus, changed_by: actorId, changed_at: now }).execute();
  return true;
}

export async function statusHistory(bidId: string) {
  return db
    .selectFrom('bid_status_changes')
    .leftJoin('users', 'users.id', 'bid_status_changes.changed_by')
    .select(['bid_status_changes.id', 'bid_status_changes.status', 'bid_status_changes.changed_at', 'users.name as changed_by_name'])
    .where('bid_id', '=', bidId)
    .orderBy('bid_status_changes.changed_at', 'desc')
    .orderBy('bid_status_changes.id', 'desc')
    .execute();
}

/**
 * Records the funder's decision: status, awarded amount, date and feedback, in one transaction. The
 * first time a bid is marked awarded, each partner organisation gets a track-record entry in the
 * directory (org_grants).
 */
export async function recordOutcome(
  bidId: string,
  input: { result: 'awarded' | 'not_awarded'; awardedAmount: number; decidedOn: number; feedback?: string },
  actorId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const bid = await trx.selectFrom('bids').select(['status', 'funder', 'title', 'currency', 'outcome_on']).where('id', '=', bidId).executeTakeFirstOrThrow();
    const firstAward = input.result === 'awarded' && bid.status !== 'awarded';
    await trx
      .updateTable('bids')
      .set({
        awarded_amount: input.result === 'awarded' ? input.awardedAmount : null,
        outcome_on: input.decidedOn,
        outcome_feedback: input.feedback || null,
        updated_at: Date.now(),
      })
      .where('id', '=', bidId)
      .execute();
    await changeStatus(bidId, input.result, actorId, trx as unknown as typeof db);
    if (firstAward) {
      const orgs = await trx
        .selectFrom('bid_partners')
        .select('org_id')
        .distinct()
        .where('bid_id', '=', bidId)
        .where('org_id', 'is not', null)
        .where('status', '=', 'accepted')
        .execute();
      const year = new Date(input.decidedOn).getUTCFullYear();
      for (const { org_id } of orgs) {
        await trx
          .insertInto('org_grants')
          .values({
            id: newId(),
            org_id: org_id!,
            funder: bid.funder.slice(0, 200),
            amount: bid.currency === 'GBP' ? Math.round(input.awardedAmount / 100) : null,
            year,
            purpose: bid.currency === 'GBP' ? `Joint bid: ${bid.title}`.slice(0, 500) : `Joint bid: ${bid.title} (€${Math.round(input.awardedAmount / 100)})`.slice(0, 500),
            created_at: Date.now(),
          })
          .execute();
      }
    }
  });
}

// ——— Partners and budget ———

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

/** Sum of the budget shares and what is left of the amount requested (negative = over). */
export function budgetSummary(amount: number, shares: number[]) {
  const allocated = shares.reduce((a, b) => a + b, 0);
  return { allocated, remainder: amount - allocated, balanced: allocated === amount };
}

async function checkNewShare(trx: typeof db, bidId: string, share: number) {
  const bid = await trx.selectFrom('bids').select(['amount']).where('id', '=', bidId).executeTakeFirstOrThrow();
  const existing = await trx.selectFrom('bid_partners').select('budget_share').where('bid_id', '=', bidId).execute();
  const { remainder } = budgetSummary(bid.amount, existing.map((p) => p.budget_share));
  if (share > remainder) throw new BidInputError('budgetShare', 'bids.budget.overAmount', { remainder: Math.max(remainder, 0) });
}

export async function addPartner(
  bidId: string,
  input: { userId: string; orgId?: string; role: BidRoleValue; budgetShare: number; delivers?: string },
  actor: { id: string; name: string },
): Promise<void> {
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
  actor: { id: string; name: string },
): Promise<string> {
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
export async function respondToOrgInvitation(partnerId: string, userId: string, accept: boolean): Promise<string | null> {
  const row = await db
    .selectFrom('bid_partners as p')
    .innerJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .innerJoin('bids as b', 'b.id', 'p.bid_id')
    .select(['p.id', 'p.bid_id', 'o.name as org_name', 'b.title'])
    .where('p.id', '=', partnerId.slice(0, 40))
    .where('p.kind', '=', 'org')
    .where('p.status', '=', 'invited')
    .executeTakeFirst();
  if (!row) return null;
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

export async function updatePartner(bidId: string, input: { partnerId: string; role: BidRoleValue; delivers?: string }): Promise<boolean> {
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
export async function updateOrgEntry(bidId: string, partnerId: string, delivers: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bid_partners as p')
    .innerJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .select('p.id')
    .where('p.id', '=', partnerId)
    .where('p.bid_id', '=', bidId)
    .where('p.kind', '=', 'org')
    .where('p.status', '=', 'accepted')
    .executeTakeFirst();
  if (!row) return false;
  await db.updateTable('bid_partners').set({ delivers }).where('id', '=', row.id).execute();
  return true;
}

/**
 * A partner's own choice to appear on the funding call (off until they opt in): a member for their
 * own entry, an organisation's lead for the organisation's. Nobody else (not even the bid's leads)
 * changes it.
 */
export async function setShowName(bidId: string, partnerId: string, show: boolean, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bid_partners as p')
    .leftJoin('organisation_members as om', (j) => j.onRef('om.org_id', '=', 'p.org_id').on('om.user_id', '=', userId).on('om.role', '=', 'lead'))
    .select(['p.id', 'p.kind', 'p.user_id', 'om.user_id as org_lead'])
    .where('p.id', '=', partnerId)
    .where('p.bid_id', '=', bidId)
    .executeTakeFirst();
  if (!row) return false;
  const mine = row.kind === 'member' ? row.user_id === userId : row.org_lead === userId;
  if (!mine) return false;
  await db.updateTable('bid_partners').set({ show_name: show ? 1 : 0 }).where('id', '=', row.id).execute();
  return true;
}

/**
 * Leads turn on or off "Show on the funding call that we are bidding" (off by default). Names stay
 * hidden until each partner opts in, so when it is turned on, the partners who have not (members,
 * and the leads of organisation partners) are told they can choose to show their name. The lead who
 * turned it on (`actorId`) is not told: the page they are on says it.
 */
export async function setShowOnNotice(bidId: string, show: boolean, actorId?: string): Promise<void> {
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
  if (actorId) ids.delete(actorId);
  if (ids.size) await notifyMany([...ids], { kind: 'bids.show_name_choice', params: { title: bid.title }, link: `/bids/${bidId}/partners#on-notice-h` });
}

export async function removePartner(bidId: string, partnerId: string): Promise<boolean> {
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

/**
 * Sets every partner's budget share at once (members and organisations alike). The shares must add
 * up exactly to the amount requested; reviewers and organisations that declined hold none;
 * otherwise nothing is saved.
 */
export async function setBudget(bidId: string, shares: Record<string, number>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const bid = await trx.selectFrom('bids').select('amount').where('id', '=', bidId).executeTakeFirstOrThrow();
    const partners = await trx.selectFrom('bid_partners').select(['id', 'role', 'status']).where('bid_id', '=', bidId).execute();
    for (const p of partners) {
      if (p.role === 'reviewer' && (shares[p.id] ?? 0) > 0) throw new BidInputError(`share-${p.id}`, 'bids.budget.reviewerShare');
      if (p.status === 'declined' && (shares[p.id] ?? 0) > 0) throw new BidInputError(`share-${p.id}`, 'bids.budget.declinedShare');
    }
    const values = partners.map((p) => shares[p.id] ?? 0);
    const { allocated, balanced, remainder } = budgetSummary(bid.amount, values);
    if (!balanced) throw new BidInputError('budget', remainder > 0 ? 'bids.budget.under' : 'bids.budget.over', { allocated, remainder: Math.abs(remainder) });
    for (const p of partners) {
      await trx.updateTable('bid_partners').set({ budget_share: shares[p.id] ?? 0 }).where('id', '=', p.id).execute();
    }
  });
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

// ——— Sections ———

export async function listSections(bidId: string) {
  return db.selectFrom('bid_sections').selectAll().where('bid_id', '=', bidId).orderBy('position').orderBy('created_at').execute();
}

export async function addSection(bidId: string, input: { title: string; wordLimit: number | null }): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const max = await trx.selectFrom('bid_sections').select((eb) => eb.fn.max('position').as('p')).where('bid_id', '=', bidId).executeTakeFirst();
    await trx
      .insertInto('bid_sections')
      .values({ id, bid_id: bidId, title: input.title, word_limit: input.wordLimit, position: Number(max?.p ?? 0) + 1, created_at: Date.now() })
      .execute();
  });
  return id;
}

export async function updateSection(bidId: string, sectionId: string, input: { title: string; wordLimit: number | null }): Promise<boolean> {
  const r = await db.updateTable('bid_sections').set({ title: input.title, word_limit: input.wordLimit }).where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a section one place up or down (renumbering all, so positions stay 1..n). */
export async function moveSection(bidId: string, sectionId: string, direction: 'up' | 'down'): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const sections = await trx.selectFrom('bid_sections').select('id').where('bid_id', '=', bidId).orderBy('position').orderBy('created_at').execute();
    const index = sections.findIndex((s) => s.id === sectionId);
    if (index < 0) return false;
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target >= 0 && target < sections.length) [sections[index], sections[target]] = [sections[target]!, sections[index]!];
    let position = 0;
    for (const s of sections) await trx.updateTable('bid_sections').set({ position: ++position }).where('id', '=', s.id).execute();
    return true;
  });
}

export async function deleteSection(bidId: string, sectionId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('bid_sections').select(['title', 'word_limit']).where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
    if (!row) return false;
    const r = await trx.deleteFrom('bid_sections').where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    // Kept so the section can be brought back from a saved version (history page).
    await trx
      .insertInto('bid_deleted_sections')
      .values({ section_id: sectionId, bid_id: bidId, title: row.title, word_limit: row.word_limit, deleted_at: Date.now() })
      .onConflict((oc) => oc.column('section_id').doUpdateSet({ title: row.title, word_limit: row.word_limit, deleted_at: Date.now() }))
      .execute();
    return true;
  });
}

/**
 * Deletes a section and then its text. The row goes first: if that fails, the section and its text
 * are both still there. Only then does the text leave the shared document, after a named version
 * ("Before deleting the section …") is saved that keeps it in the history. Returns false when the
 * section is not this bid's (nothing is touched then).
 */
export async function deleteSectionWithText(
  bid: { id: string; document_id: string | null },
  sectionId: string,
  actor: { id: string; locale?: string | null },
): Promise<boolean> {
  const section = await db.selectFrom('bid_sections').select(['id', 'title']).where('id', '=', sectionId).where('bid_id', '=', bid.id).executeTakeFirst();
  if (!section) return false;
  if (!(await deleteSection(bid.id, section.id))) return false;
  if (bid.document_id) await removeField(bid.document_id, sectionField(section.id), { userId: actor.id, locale: actor.locale, label: section.title });
  return true;
}

// ——— Tasks ———

export async function listTasks(bidId: string) {
  return db
    .selectFrom('bid_tasks')
    .leftJoin('users', 'users.id', 'bid_tasks.assignee_id')
    .select(['bid_tasks.id', 'bid_tasks.title', 'bid_tasks.assignee_id', 'bid_tasks.due_on', 'bid_tasks.done_at', 'users.name as assignee_name'])
    .where('bid_tasks.bid_id', '=', bidId)
    .orderBy(sql`bid_tasks.done_at is not null`)
    .orderBy(sql`coalesce(bid_tasks.due_on, 9e15)`)
    .orderBy('bid_tasks.created_at')
    .execute();
}

export async function addTask(bidId: string, input: { title: string; assigneeId?: string; dueOn: number | null }, actor: { id: string; name: string }): Promise<string> {
  if (input.assigneeId && !(await bidRole(bidId, input.assigneeId))) throw new BidInputError('assigneeId', 'bids.validation.choose');
  const id = newId();
  await db
    .insertInto('bid_tasks')
    .values({ id, bid_id: bidId, title: input.title, assignee_id: input.assigneeId ?? null, due_on: input.dueOn, done_at: null, done_by: null, created_by: actor.id, created_at: Date.now() })
    .execute();
  if (input.dueOn) await scheduleTaskReminder(bidId, id, input.dueOn);
  if (input.assigneeId && input.assigneeId !== actor.id) {
    const bid = await db.selectFrom('bids').select('title').where('id', '=', bidId).executeTakeFirstOrThrow();
    await notify({ userId: input.assigneeId, kind: 'bids.task_assigned', params: { title: bid.title, task: input.title, name: actor.name }, link: `/bids/${bidId}/tasks` });
  }
  return id;
}

export async function setTaskDone(bidId: string, taskId: string, done: boolean, actorId: string): Promise<boolean> {
  const r = await db
    .updateTable('bid_tasks')
    .set(done ? { done_at: Date.now(), done_by: actorId } : { done_at: null, done_by: null })
    .where('id', '=', taskId)
    .where('bid_id', '=', bidId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTask(bidId: string, taskId: string): Promise<boolean> {
  const task = await db.selectFrom('bid_tasks').select('due_on').where('id', '=', taskId).where('bid_id', '=', bidId).executeTakeFirst();
  if (!task) return false;
  await db.deleteFrom('bid_tasks').where('id', '=', taskId).execute();
  if (task.due_on) await cancelTaskReminder(taskId, task.due_on);
  return true;
}

// ——— Partner suggestions ———

/** Skills the bid needs that none of its current partners offers. */
export async function missingSkills(bidId: string, needed: string[]): Promise<string[]> {
  if (!needed.length) return [];
  const offered = await db
    .selectFrom('member_tags')
    .innerJoin('bid_partners', 'bid_partners.user_id', 'member_tags.user_id')
    .select('member_tags.tag')
    .distinct()
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.kind', '=', 'member')
    .where('member_tags.kind', '=', 'offer')
    .where('member_tags.tag', 'in', needed)
    .execute();
  // What partner organisations offer counts too (unless they declined).
  const orgOffered = await db
    .selectFrom('org_tags')
    .innerJoin('bid_partners', 'bid_partners.org_id', 'org_tags.org_id')
    .select('org_tags.tag')
    .distinct()
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.kind', '=', 'org')
    .where('bid_partners.status', '!=', 'declined')
    .where('org_tags.kind', '=', 'offer')
    .where('org_tags.tag', 'in', needed)
    .execute();
  const have = new Set([...offered, ...orgOffered].map((o) => o.tag));
  return needed.filter((s) => !have.has(s));
}

/** Members and organisations the directory's matching suggests for this bid (themes + missing skills). */
export async function bidSuggestions(bid: Bid, viewerId: string) {
  const partners = await db.selectFrom('bid_partners').select(['user_id', 'org_id']).where('bid_id', '=', bid.id).execute();
  const missing = await missingSkills(bid.id, bid.skills_needed);
  if (!missing.length && !bid.themes.length) return { missing, suggestions: [] };
  const { suggestPartners } = await import('~/modules/directory/matching.server');
  const suggestions = await suggestPartners({
    forUserId: viewerId,
    needs: missing,
    themes: bid.themes,
    excludeUserIds: partners.flatMap((p) => (p.user_id ? [p.user_id] : [])),
    excludeOrgIds: partners.flatMap((p) => (p.org_id ? [p.org_id] : [])),
    limit: 6,
  });
  return { missing, suggestions };
}
