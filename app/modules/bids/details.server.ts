/** A bid's details: creating it, reading it, its status, its outcome. (Split out of bids.server.ts, which re-exports every part.) */
import { sql } from 'kysely';
import { db } from '~db/connection';
import type { BidStatus } from '~db/schema.bids';
import { newId } from '~/modules/auth/tokens.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { logger } from '~/modules/logging/logger.server';
import { findTemplate, type BidStatusValue, type CurrencyValue } from './constants';
import type { Actor } from '~/policies';
import { authorizeBid, partnerRowsOf, strongestRole } from './access.server';
import { createBidDocument } from './document.server';
import { cancelDeadlineReminders, scheduleDeadlineReminders } from './reminders.server';

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

export async function updateBidDetails(actor: Actor, bidId: string, input: BidDetailsInput): Promise<void> {
  await authorizeBid(actor, bidId, 'bid.editDetails');
  const actorId = actor.id;
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

/** A lead changes the status; the change is recorded with its date. Returns false when nothing changed. */
export async function changeStatus(actor: Actor, bidId: string, status: BidStatusValue): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.changeStatus');
  return applyStatus(bidId, status, actor.id);
}

// Unchecked: callers authorize first (changeStatus, recordOutcome inside its transaction).
async function applyStatus(bidId: string, status: BidStatusValue, actorId: string, trx = db): Promise<boolean> {
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
  actor: Actor,
  bidId: string,
  input: { result: 'awarded' | 'not_awarded'; awardedAmount: number; decidedOn: number; feedback?: string },
): Promise<void> {
  await authorizeBid(actor, bidId, 'bid.recordOutcome');
  const actorId = actor.id;
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
    await applyStatus(bidId, input.result, actorId, trx as unknown as typeof db);
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
