/**
 * Reading proposals: the row, its options, the electorate, versions, ballots a member may see and the
 * lists the pages show. No writes here; lifecycle, voting and counting live in their own modules
 * (proposal-lifecycle / proposal-voting / proposal-count .server.ts).
 */
import { sql, type Selectable } from 'kysely';
import { db } from '~db/connection';
import type { GovernanceProposalsTable } from '~db/schema.governance';
import type { BallotChoice, PollOption } from './tally';

export type Proposal = Selectable<GovernanceProposalsTable>;

export async function getProposal(id: string): Promise<Proposal | undefined> {
  return db.selectFrom('governance_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export function parseOptions(p: Pick<Proposal, 'options'>): PollOption[] {
  try {
    const v = JSON.parse(p.options) as PollOption[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export async function isInElectorate(proposalId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

export async function hasVoted(proposalId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

export async function listProposals() {
  return db
    .selectFrom('governance_proposals as p')
    .innerJoin('users as u', 'u.id', 'p.proposer_id')
    .select(['p.id', 'p.title', 'p.kind', 'p.status', 'p.opens_at', 'p.closes_at', 'p.closed_at', 'p.outcome', 'p.electorate_size', 'u.name as proposer_name'])
    .orderBy(sql`case p.status when 'open' then 0 when 'scheduled' then 1 else 2 end`)
    .orderBy('p.closes_at', 'desc')
    .limit(200)
    .execute();
}

/** Open proposals where this member is in the electorate and has not voted yet: "needs your vote". */
export async function needsVote(userId: string) {
  return db
    .selectFrom('governance_proposals as p')
    .innerJoin('governance_electorate as e', (j) => j.onRef('e.proposal_id', '=', 'p.id').on('e.user_id', '=', userId))
    .leftJoin('governance_voters as v', (j) => j.onRef('v.proposal_id', '=', 'p.id').on('v.user_id', '=', userId))
    .select(['p.id', 'p.title', 'p.kind', 'p.closes_at'])
    .where('p.status', '=', 'open')
    .where('v.user_id', 'is', null)
    .orderBy('p.closes_at')
    .execute();
}

export async function listVersions(id: string) {
  return db.selectFrom('governance_proposal_versions').selectAll().where('proposal_id', '=', id).orderBy('version', 'desc').execute();
}

/** Objections from earlier consent rounds: kept for the record, no longer counted. */
export async function earlierObjections(p: Proposal): Promise<Array<{ round: number; reason: string | null; name: string | null }>> {
  if (p.round <= 1) return [];
  const out: Array<{ round: number; reason: string | null; name: string | null }> = [];
  if (p.secret) {
    const rows = await db.selectFrom('governance_secret_ballots_past').select(['round', 'choice', 'reason']).where('proposal_id', '=', p.id).where('counted', '=', 1).where('round', '<', p.round).orderBy('round').orderBy('id').execute();
    for (const r of rows) {
      const c = JSON.parse(r.choice) as BallotChoice;
      if (c.kind === 'consent' && c.choice === 'object') out.push({ round: r.round, reason: r.reason, name: null });
    }
    return out;
  }
  // The ballot each voter had at the end of each round is their latest history row of that round.
  const rows = await db
    .selectFrom('governance_ballot_history as h')
    .innerJoin('users as u', 'u.id', 'h.voter_id')
    .select(['h.round', 'h.voter_id', 'h.choice', 'h.reason', 'h.id', 'u.name'])
    .where('h.proposal_id', '=', p.id)
    .where('h.round', '<', p.round)
    .orderBy('h.round')
    .orderBy('h.id')
    .execute();
  const last = new Map<string, (typeof rows)[number]>();
  for (const r of rows) last.set(`${r.round}:${r.voter_id}`, r);
  for (const r of last.values()) {
    const c = JSON.parse(r.choice) as BallotChoice;
    if (c.kind === 'consent' && c.choice === 'object') out.push({ round: r.round, reason: r.reason, name: r.name });
  }
  return out.sort((a, b) => a.round - b.round);
}

/** The member's own current ballot on an open-ballot proposal (secret ballots cannot be read back). */
export async function myBallot(proposalId: string, userId: string) {
  const b = await db.selectFrom('governance_ballots').select(['choice', 'reason', 'proxy_id', 'version', 'updated_at']).where('proposal_id', '=', proposalId).where('voter_id', '=', userId).executeTakeFirst();
  return b ? { choice: JSON.parse(b.choice) as BallotChoice, reason: b.reason, byProxy: b.proxy_id !== null, version: b.version, updatedAt: b.updated_at } : null;
}

/** After close, open ballots are visible to members: who voted what, marked when cast by a proxy. */
export async function openBallots(proposalId: string) {
  const rows = await db
    .selectFrom('governance_ballots as b')
    .innerJoin('users as u', 'u.id', 'b.voter_id')
    .leftJoin('users as x', 'x.id', 'b.proxy_id')
    .select(['b.choice', 'b.reason', 'b.version', 'u.name as voter_name', 'x.name as proxy_name'])
    .where('b.proposal_id', '=', proposalId)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ ...r, choice: JSON.parse(r.choice) as BallotChoice }));
}

/** Who has voted (names only), shown after close. */
export async function whoVoted(proposalId: string) {
  const rows = await db.selectFrom('governance_voters as v').innerJoin('users as u', 'u.id', 'v.user_id').select('u.name').where('v.proposal_id', '=', proposalId).orderBy('u.name').execute();
  return rows.map((r) => r.name);
}

/** Whether this member's current secret ballot was cast by their proxy (shown to the member only). */
export async function votedByProxy(proposalId: string, voterId: string): Promise<boolean> {
  const row = await db.selectFrom('governance_voters').select('proxy_sealed_tag').where('proposal_id', '=', proposalId).where('user_id', '=', voterId).executeTakeFirst();
  return !!row?.proxy_sealed_tag;
}

/** Active proxies this holder has for this proposal (specific or standing), by grantor. */
export async function proxiesHeld(holderId: string, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('governance_proxies')
    .select('grantor_id')
    .where('holder_id', '=', holderId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('proposal_id', '=', proposalId), eb('proposal_id', 'is', null)]))
    .execute();
  return [...new Set(rows.map((r) => r.grantor_id))];
}
