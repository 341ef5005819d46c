import type { ExpressionBuilder } from 'kysely';
import { db, type DB } from '~db/connection';
import type { Database } from '~db/schema';
import { authorize, type Ability, type Actor } from '~/policies';
import type { BidRoleValue } from './constants';

/**
 * Who may see and do what on a bid. Only the bid's partners see anything of it — nobody else, not
 * even stewards; everyone else gets a 404 so a bid's existence does not leak.
 *   lead     — everything: details, status, outcome, partners and budget, plus what partners do
 *   partner  — edit the draft, sections, tasks and attachments
 *   reviewer — read and comment only
 *
 * A member is a partner directly (a 'member' row), or through an organisation partner (an 'org'
 * row that one of the organisation's leads accepted): then every current member of that
 * organisation has the row's role. Membership is read at every check, so someone who leaves the
 * organisation loses access at once (the websocket re-checks through the same function). When a
 * member holds several roles (directly and through an organisation) the strongest one counts.
 */
/**
 * The partner rows (aliased `p`) that give `userId` a role: their own member row, or an accepted
 * organisation row of an organisation they belong to. The one rule every access query uses.
 */
export function partnerRowsOf(userId: string) {
  return (eb: ExpressionBuilder<Database & { p: Database['bid_partners'] }, 'p'>) =>
    eb.or([
      eb.and([eb('p.kind', '=', 'member'), eb('p.user_id', '=', userId)]),
      eb.and([
        eb('p.kind', '=', 'org'),
        eb('p.status', '=', 'accepted'),
        eb('p.org_id', 'in', eb.selectFrom('organisation_members as om').select('om.org_id').where('om.user_id', '=', userId)),
      ]),
    ]);
}

const RANK: Record<BidRoleValue, number> = { lead: 3, partner: 2, reviewer: 1 };

export function strongestRole(roles: Array<BidRoleValue | null | undefined>): BidRoleValue | null {
  let best: BidRoleValue | null = null;
  for (const r of roles) if (r && (!best || RANK[r] > RANK[best])) best = r;
  return best;
}

export async function bidRole(bidId: string, userId: string): Promise<BidRoleValue | null> {
  if (!bidId || bidId.length > 40 || !userId) return null;
  const active = await db.selectFrom('users').select('id').where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
  if (!active) return null;
  const rows = await db
    .selectFrom('bid_partners as p')
    .select('p.role')
    .where('p.bid_id', '=', bidId)
    .where(partnerRowsOf(userId))
    .execute();
  return strongestRole(rows.map((r) => r.role));
}

/**
 * What every bid write function starts with (the pattern of `removePartner`): the actor must be one
 * of the bid's partners (404 otherwise: a bid's existence is private) and hold `ability`
 * (~/policies/bids; 403 for a partner who may see the bid but not do this). Returns their role.
 * Called before any transaction is opened (it reads through `db`).
 */
export async function authorizeBid(actor: Actor, bidId: string, ability: BidRoleAbility): Promise<BidRoleValue> {
  const role = await bidRole(bidId, actor.id);
  authorize(actor, 'bid.read', { role });
  authorize(actor, ability, { role });
  return role!;
}

/** Bid abilities decided by the actor's role alone (the others also need to know whose entry or invitation it is). */
export type BidRoleAbility = Exclude<Extract<Ability, `bid.${string}`>, 'bid.showOwnName' | 'bid.editOwnEntry' | 'bid.answerOrgInvitation'>;

export const notFound = () => new Response('Not found', { status: 404 });
export const forbidden = () => new Response('Forbidden', { status: 403 });

/** The member's role on the bid, or a thrown 404 when they are not one of its partners. */
export async function requireBidRole(bidId: string | undefined, userId: string): Promise<BidRoleValue> {
  const role = await bidRole(bidId ?? '', userId);
  if (!role) throw notFound();
  return role;
}

/** Everyone with access and their (strongest) role: member partners and members of accepted organisation partners. */
export async function bidPeople(bidId: string, executor: DB = db): Promise<Array<{ id: string; name: string; role: BidRoleValue }>> {
  const direct = await executor
    .selectFrom('bid_partners as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.name', 'p.role'])
    .where('p.bid_id', '=', bidId)
    .where('p.kind', '=', 'member')
    .where('u.status', '=', 'active')
    .execute();
  const viaOrgs = await executor
    .selectFrom('bid_partners as p')
    .innerJoin('organisation_members as om', 'om.org_id', 'p.org_id')
    .innerJoin('users as u', 'u.id', 'om.user_id')
    .select(['u.id', 'u.name', 'p.role'])
    .where('p.bid_id', '=', bidId)
    .where('p.kind', '=', 'org')
    .where('p.status', '=', 'accepted')
    .where('u.status', '=', 'active')
    .execute();
  const byId = new Map<string, { id: string; name: string; role: BidRoleValue }>();
  for (const r of [...direct, ...viaOrgs]) {
    const prev = byId.get(r.id);
    byId.set(r.id, { id: r.id, name: r.name, role: strongestRole([prev?.role, r.role])! });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Ids of everyone with access to the bid (all roles), e.g. for reminders. */
export async function bidMemberIds(bidId: string, executor: DB = db): Promise<string[]> {
  return (await bidPeople(bidId, executor)).map((p) => p.id);
}

/** Organisations (partners of this bid) the member leads: they may manage those organisations' entries. */
export async function orgEntriesLedBy(bidId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bid_partners as p')
    .innerJoin('organisation_members as om', 'om.org_id', 'p.org_id')
    .select('p.id')
    .where('p.bid_id', '=', bidId)
    .where('p.kind', '=', 'org')
    .where('om.user_id', '=', userId)
    .where('om.role', '=', 'lead')
    .execute();
  return rows.map((r) => r.id);
}
