import { sql } from 'kysely';
import { db } from '~db/connection';
import type { BidStatus } from '~db/schema.bids';
import { newId } from '~/modules/auth/tokens.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { notify } from '~/modules/notifications/notifications.server';
import { logger } from '~/modules/logging/logger.server';
import { findTemplate, type BidRoleValue, type BidStatusValue, type CurrencyValue } from './constants';
import { createBidDocument } from './document.server';
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
 * leads belong to (for a new bid: the creator).
 */
async function checkOrgs(input: Pick<BidDetailsInput, 'leadOrgId' | 'hostOrgId'>, leadUserIds: string[]) {
  if (input.hostOrgId) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', input.hostOrgId).executeTakeFirst();
    if (!org) throw new BidInputError('hostOrgId', 'bids.validation.choose');
  }
  if (input.leadOrgId) {
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

/** Organisations any of the bid's leads belong to: the choices for its lead organisation. */
export async function leadOrganisations(bidId: string) {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_members', 'organisation_members.org_id', 'organisations.id')
    .innerJoin('bid_partners', 'bid_partners.user_id', 'organisation_members.user_id')
    .select(['organisations.id', 'organisations.name'])
    .distinct()
    .where('bid_partners.bid_id', '=', bidId)
    .where('bid_partners.role', '=', 'lead')
    .orderBy('organisations.name')
    .execute();
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
        notice_id: input.noticeId ?? null,
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
      .values({ id: newId(), bid_id: id, user_id: creator.id, org_id: leadOrg, role: 'lead', budget_share: 0, delivers: '', added_by: creator.id, created_at: now })
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

/** The bids a member is a partner of, soonest deadline first, finished ones last. */
export async function listMyBids(userId: string) {
  const rows = await db
    .selectFrom('bid_partners')
    .innerJoin('bids as b', 'b.id', 'bid_partners.bid_id')
    .select(['b.id', 'b.title', 'b.funder', 'b.deadline', 'b.status', 'b.amount', 'b.currency', 'bid_partners.role'])
    .where('bid_partners.user_id', '=', userId)
    .orderBy(sql`case when b.status in ('idea','drafting','in_review') then 0 else 1 end`)
    .orderBy('b.deadline')
    .limit(200)
    .execute();
  return rows;
}

export async function updateBidDetails(bidId: string, input: BidDetailsInput, actorId: string): Promise<void> {
  const bid = await db.selectFrom('bids').select(['deadline']).where('id', '=', bidId).executeTakeFirst();
  if (!bid) throw new BidInputError('title', 'bids.validation.choose');
  if (input.deadline !== bid.deadline && input.deadline <= Date.now()) throw new BidInputError('deadline', 'bids.validation.deadlinePast');
  const leads = await db.selectFrom('bid_partners').select('user_id').where('bid_id', '=', bidId).where('role', '=', 'lead').execute();
  await checkOrgs(input, leads.map((l) => l.user_id));
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
      const orgs = await trx.selectFrom('bid_partners').select('org_id').distinct().where('bid_id', '=', bidId).where('org_id', 'is not', null).execute();
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

export async function listPartners(bidId: string) {
  return db
    .selectFrom('bid_partners')
    .innerJoin('users', 'users.id', 'bid_partners.user_id')
    .leftJoin('organisations', 'organisations.id', 'bid_partners.org_id')
    .select([
      'bid_partners.id',
      'bid_partners.user_id',
      'bid_partners.role',
      'bid_partners.budget_share',
      'bid_partners.delivers',
      'bid_partners.org_id',
      'users.name',
      'organisations.name as org_name',
      'organisations.slug as org_slug',
    ])
    .where('bid_partners.bid_id', '=', bidId)
    .orderBy(sql`case bid_partners.role when 'lead' then 0 when 'partner' then 1 else 2 end`)
    .orderBy('bid_partners.created_at')
    .execute();
}

/** Sum of the budget shares and what is left of the amount requested (negative = over). */
export function budgetSummary(amount: number, shares: number[]) {
  const allocated = shares.reduce((a, b) => a + b, 0);
  return { allocated, remainder: amount - allocated, balanced: allocated === amount };
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
    const bid = await trx.selectFrom('bids').select(['amount', 'title']).where('id', '=', bidId).executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('bid_partners').select(['user_id', 'budget_share']).where('bid_id', '=', bidId).execute();
    if (existing.some((p) => p.user_id === input.userId)) throw new BidInputError('userId', 'bids.partners.already');
    const { remainder } = budgetSummary(bid.amount, existing.map((p) => p.budget_share));
    if (input.budgetShare > remainder) throw new BidInputError('budgetShare', 'bids.budget.overAmount', { remainder: Math.max(remainder, 0) });
    await trx
      .insertInto('bid_partners')
      .values({
        id: newId(),
        bid_id: bidId,
        user_id: input.userId,
        org_id: input.orgId ?? null,
        role: input.role,
        budget_share: input.budgetShare,
        delivers: input.delivers ?? '',
        added_by: actor.id,
        created_at: Date.now(),
      })
      .execute();
  });
  const bid = await db.selectFrom('bids').select('title').where('id', '=', bidId).executeTakeFirstOrThrow();
  await notify({ userId: input.userId, kind: 'bids.partner_added', params: { title: bid.title, name: actor.name }, link: `/bids/${bidId}` });
}

export async function updatePartner(bidId: string, input: { partnerId: string; role: BidRoleValue; delivers?: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const partners = await trx.selectFrom('bid_partners').select(['id', 'role', 'budget_share']).where('bid_id', '=', bidId).execute();
    const partner = partners.find((p) => p.id === input.partnerId);
    if (!partner) return false;
    if (partner.role === 'lead' && input.role !== 'lead' && partners.filter((p) => p.role === 'lead').length === 1) {
      throw new BidInputError('role', 'bids.partners.lastLead');
    }
    if (input.role === 'reviewer' && partner.budget_share > 0) throw new BidInputError('role', 'bids.budget.reviewerShare');
    await trx.updateTable('bid_partners').set({ role: input.role, delivers: input.delivers ?? '' }).where('id', '=', partner.id).execute();
    return true;
  });
}

export async function removePartner(bidId: string, partnerId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const partners = await trx.selectFrom('bid_partners').select(['id', 'role', 'user_id']).where('bid_id', '=', bidId).execute();
    const partner = partners.find((p) => p.id === partnerId);
    if (!partner) return false;
    if (partner.role === 'lead' && partners.filter((p) => p.role === 'lead').length === 1) throw new BidInputError('partner', 'bids.partners.lastLead');
    await trx.deleteFrom('bid_partners').where('id', '=', partner.id).execute();
    await trx.updateTable('bid_tasks').set({ assignee_id: null }).where('bid_id', '=', bidId).where('assignee_id', '=', partner.user_id).execute();
    return true;
  });
}

/**
 * Sets every partner's budget share at once. The shares must add up exactly to the amount requested
 * and reviewers hold none; otherwise nothing is saved.
 */
export async function setBudget(bidId: string, shares: Record<string, number>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const bid = await trx.selectFrom('bids').select('amount').where('id', '=', bidId).executeTakeFirstOrThrow();
    const partners = await trx.selectFrom('bid_partners').select(['id', 'role']).where('bid_id', '=', bidId).execute();
    for (const p of partners) {
      if (p.role === 'reviewer' && (shares[p.id] ?? 0) > 0) throw new BidInputError(`share-${p.id}`, 'bids.budget.reviewerShare');
    }
    const values = partners.map((p) => shares[p.id] ?? 0);
    const { allocated, balanced, remainder } = budgetSummary(bid.amount, values);
    if (!balanced) throw new BidInputError('budget', remainder > 0 ? 'bids.budget.under' : 'bids.budget.over', { allocated, remainder: Math.abs(remainder) });
    for (const p of partners) {
      await trx.updateTable('bid_partners').set({ budget_share: shares[p.id] ?? 0 }).where('id', '=', p.id).execute();
    }
  });
}

/** Members who could be invited (active, not yet on the bid), by name. */
export async function invitableMembers(bidId: string) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.name'])
    .where('users.status', '=', 'active')
    .where('users.id', 'not in', db.selectFrom('bid_partners').select('user_id').where('bid_id', '=', bidId))
    .orderBy('users.name')
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
  const r = await db.deleteFrom('bid_sections').where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
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
  if (input.assigneeId) {
    const partner = await db.selectFrom('bid_partners').select('role').where('bid_id', '=', bidId).where('user_id', '=', input.assigneeId).executeTakeFirst();
    if (!partner) throw new BidInputError('assigneeId', 'bids.validation.choose');
  }
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
    .where('member_tags.kind', '=', 'offer')
    .where('member_tags.tag', 'in', needed)
    .execute();
  const have = new Set(offered.map((o) => o.tag));
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
    excludeUserIds: partners.map((p) => p.user_id),
    excludeOrgIds: partners.flatMap((p) => (p.org_id ? [p.org_id] : [])),
    limit: 6,
  });
  return { missing, suggestions };
}
