import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Selectable, type Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import type { GovernanceProposalsTable } from '~db/schema.governance';
import { newId, sha256 } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit, getNetworkSettings } from '~/modules/network/settings.server';
import { notifyMany } from '~/modules/notifications/notifications.server';
import { cancel, schedule } from '~/modules/jobs/scheduler.server';
import { blockedFor, consume } from '~/modules/auth/rate-limit.server';
import { env } from '~/env.server';
import { can } from '~/policies';
import { dateOnlyToMs, msToDateOnly } from '~/utils/date-only';
import { allVoters, groupVoters } from './groups.server';
import { writtenLapseAt } from './dates';
import { GovernanceError } from './errors';
import { authorizeGovernance, lifecycleSubject } from './authorize.server';
import type { ProxyVoteSubject } from '~/policies/governance';
import { decoyTagHash, newProxyTag, openTag, proxyTagHash, sealTag } from './secret-proxy.server';
import { deleteBox, openReceipt, readBox, sealReceipt, shuffle, submissionTag, tokenTag, withBox, writeBox, type BoxEntry } from './ballot-box.server';
import {
  ADVICE_CHOICES,
  CONSENT_CHOICES,
  RESOLUTION_CHOICES,
  isBindingKind,
  tally,
  type BallotChoice,
  type DecisionKind,
  type PollOption,
  type TallyBallot,
  type TallyResult,
} from './tally';

export const HOUR = 60 * 60_000;
export const DAY = 24 * HOUR;
/** Most members one person may hold proxies for at the same time. */
export const PROXY_LIMIT = 3;
export { WRITTEN_LAPSE_DAYS } from './dates';

export type Proposal = Selectable<GovernanceProposalsTable>;

// Kept here as a re-export so existing imports keep working; the class lives in ./errors so that
// groups.server (which proposals.server needs) does not have to import proposals.server back.
export { GovernanceError } from './errors';

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

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

/** Who may act as facilitator (close early, extend, write the outcome): the proposer or a steward. */
export function isFacilitator(p: Proposal, user: Pick<SessionUser, 'id' | 'role'>): boolean {
  return can(user, 'proposal.facilitate', lifecycleSubject(p));
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

// ---------------------------------------------------------------------------------------------
// Creating, opening, amending
// ---------------------------------------------------------------------------------------------

export interface NewProposal {
  title: string;
  body: string;
  kind: DecisionKind;
  secret: boolean;
  hideResults: boolean;
  allowCloseEarly: boolean;
  quorumPercent: number;
  writtenMajority: 'ordinary' | 'special';
  pollMode: 'single' | 'multiple' | 'score';
  pollBinding: boolean;
  options: PollOption[];
  maxScore: number;
  seats: number;
  opensAt: number;
  closesAt: number;
  /** A named group as the electorate; null or absent = all voting members. */
  electorateGroupId?: string | null;
}

export async function createProposal(input: NewProposal, proposer: Pick<SessionUser, 'id' | 'role'>, now = Date.now()): Promise<string> {
  authorizeGovernance(proposer, 'proposal.create');
  const id = newId();
  const opensAt = Math.max(now, input.opensAt);
  // A proposal that sets no quorum of its own gets the network's default number of voters.
  const quorumMin = input.kind !== 'written' && input.quorumPercent === 0 ? (await getNetworkSettings()).governanceQuorumVoters : 0;
  // A written resolution lapses at the end of the 28-day period beginning with circulation (s297),
  // unless a shorter time is set.
  const closesAt = input.kind === 'written' ? Math.min(input.closesAt, writtenLapseAt(opensAt)) : input.closesAt;
  const groupId = input.electorateGroupId ?? null;
  // s291: a written resolution is sent to every eligible member; a named group cannot be its electorate.
  if (input.kind === 'written' && groupId) throw new GovernanceError('written_all_members', 400);
  await db.transaction().execute(async (trx) => {
    if (groupId && !(await trx.selectFrom('governance_groups').select('id').where('id', '=', groupId).executeTakeFirst())) throw new GovernanceError('invalid', 400);
    await trx
      .insertInto('governance_proposals')
      .values({
        id,
        title: input.title,
        body: input.body,
        kind: input.kind,
        status: 'scheduled',
        proposer_id: proposer.id,
        // Written resolutions are signed agreements: never secret. Elections are always secret.
        secret: input.kind === 'written' ? 0 : input.kind === 'election' ? 1 : input.secret ? 1 : 0,
        // Elections and secret ballots never show a count before close (issue 15.8).
        hide_results: input.hideResults || input.kind === 'election' || (input.secret && input.kind !== 'written') ? 1 : 0,
        allow_close_early: input.allowCloseEarly ? 1 : 0,
        quorum_percent: input.kind === 'written' ? 0 : input.quorumPercent,
        quorum_min: quorumMin,
        written_majority: input.writtenMajority,
        poll_mode: input.pollMode,
        poll_binding: input.pollBinding ? 1 : 0,
        options: JSON.stringify(input.options),
        max_score: input.maxScore,
        seats: input.seats,
        seed: randomBytes(8).toString('hex'),
        version: 1,
        opens_at: opensAt,
        closes_at: closesAt,
        electorate_size: 0,
        electorate_group_id: groupId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('governance_proposal_versions').values({ proposal_id: id, version: 1, title: input.title, body: input.body, note: '', created_at: now }).execute();
  });
  await audit({ actorId: proposer.id, action: `governance.proposal_created`, subjectType: 'governance_proposal', subjectId: id, details: { kind: input.kind } });
  if (opensAt <= now) await openProposal(id, proposer.id, now);
  else await schedule(`governance.open`, opensAt, { id }, `governance.open:${id}`);
  return id;
}

/** Opens a scheduled proposal: freezes the electorate, schedules the reminder and the close. */
export async function openProposal(id: string, actorId: string | null, now = Date.now()): Promise<boolean> {
  const opened = await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('governance_proposals').selectAll().where('id', '=', id).where('status', '=', 'scheduled').executeTakeFirst();
    if (!p) return null;
    // The electorate: all voting members, or the named group's voting members, as they are now.
    const members = p.electorate_group_id ? await groupVoters(trx, p.electorate_group_id, now) : await allVoters(trx, now);
    for (let i = 0; i < members.length; i += 200) {
      await trx.insertInto('governance_electorate').values(members.slice(i, i + 200).map((m) => ({ proposal_id: id, user_id: m }))).execute();
    }
    await trx.updateTable('governance_proposals').set({ status: 'open', opened_at: now, electorate_size: members.length, updated_at: now }).where('id', '=', id).execute();
    return { p, members };
  });
  if (!opened) return false;
  await audit({ actorId, action: `governance.proposal_opened`, subjectType: 'governance_proposal', subjectId: id, details: { electorate: opened.members.length, group: opened.p.electorate_group_id } });
  await scheduleTimers(id, opened.p.closes_at);
  // Telling a large electorate is done by the scheduler, not in the request that opened the vote.
  await schedule(`governance.notify`, now, { id, what: 'opened' }, `governance.notify:${id}:opened`);
  return true;
}

async function scheduleTimers(id: string, closesAt: number) {
  await schedule(`governance.close`, closesAt, { id, closesAt }, `governance.close:${id}:${closesAt}`);
  if (closesAt - DAY > Date.now()) await schedule(`governance.remind`, closesAt - DAY, { id, closesAt }, `governance.remind:${id}:${closesAt}`);
}

/** The proposer amends the text while voting is open; everyone who already voted is told. */
export async function amendProposal(id: string, user: Pick<SessionUser, 'id' | 'role'>, input: { title: string; body: string; note: string }, now = Date.now()): Promise<number> {
  const result = await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('governance_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!p) throw new GovernanceError('not_found', 404);
    // The state answers first, with its own 409 message (every member may see a proposal's state):
    // proposal.amend folds these states in for the UI, so asked first it would turn them into a bare 403.
    if (p.status === 'closed') throw new GovernanceError('not_open', 409);
    // A written resolution is agreed to as written: its text cannot change once circulated.
    if (p.kind === 'written' && p.status === 'open') throw new GovernanceError('final', 409);
    // Then who (~/policies/governance proposal.amend, the same rule the page shows the form from),
    // still before anything is written: the proposer only, not even a steward.
    authorizeGovernance(user, 'proposal.amend', lifecycleSubject(p, now));
    const version = p.version + 1;
    await trx.insertInto('governance_proposal_versions').values({ proposal_id: id, version, title: input.title, body: input.body, note: input.note, created_at: now }).execute();
    await trx.updateTable('governance_proposals').set({ title: input.title, body: input.body, version, updated_at: now }).where('id', '=', id).execute();
    return { version };
  });
  await audit({ actorId: user.id, action: `governance.proposal_amended`, subjectType: 'governance_proposal', subjectId: id, details: { version: result.version } });
  await schedule(`governance.notify`, now, { id, what: 'amended', version: result.version }, `governance.notify:${id}:amended:${result.version}`);
  return result.version;
}

export async function listVersions(id: string) {
  return db.selectFrom('governance_proposal_versions').selectAll().where('proposal_id', '=', id).orderBy('version', 'desc').execute();
}

/** Objections in the current round of a consent proposal (they block it). */
async function currentObjections(reader: Reader, p: Proposal): Promise<number> {
  const ballots = await ballotsOf(reader, p);
  return ballots.filter((b) => b.choice.kind === 'consent' && b.choice.choice === 'object').length;
}

/** May this member amend and re-open this consent proposal now? */
export async function canReopen(p: Proposal, user: Pick<SessionUser, 'id' | 'role'>): Promise<boolean> {
  if (!can(user, 'proposal.reopen', lifecycleSubject(p))) return false;
  if (p.status === 'closed' && p.outcome === 'passed') return false;
  // With results hidden until close, whether anyone objected must not show before close.
  if (p.status === 'open' && p.hide_results) return false;
  return (await currentObjections(db, p)) > 0;
}

/**
 * Consent: after an objection the proposer amends the text and re-opens the proposal for a new
 * round. Ballots of the round that ends stay in history (with their round) and no longer count;
 * the electorate stays as frozen at the first opening; members are told.
 */
export async function reopenConsent(
  id: string,
  user: Pick<SessionUser, 'id' | 'role'>,
  input: { title: string; body: string; note: string; days: number },
  now = Date.now(),
): Promise<{ round: number; version: number }> {
  const done = await withBox(id, () => db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('governance_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!p) throw new GovernanceError('not_found', 404);
    // The state answers first with its own 409 (as amendProposal), then who: policy proposal.reopen.
    if (p.kind !== 'consent' || p.status === 'scheduled' || (p.status === 'closed' && p.outcome === 'passed')) throw new GovernanceError('not_reopenable', 409);
    authorizeGovernance(user, 'proposal.reopen', lifecycleSubject(p, now));
    // With results hidden until close, re-opening waits for the close (it would reveal an objection).
    if (p.status === 'open' && p.hide_results) throw new GovernanceError('not_reopenable', 409);
    if ((await currentObjections(trx, p)) === 0) throw new GovernanceError('not_reopenable', 409);
    const round = p.round + 1;
    const version = p.version + 1;
    const closesAt = now + input.days * DAY;
    // Open ballots: into history with the round they belonged to.
    const ballots = await trx.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute();
    if (ballots.length > 0) {
      await trx
        .insertInto('governance_ballot_history')
        .values(ballots.map((b) => ({ proposal_id: id, voter_id: b.voter_id, proxy_id: b.proxy_id, choice: b.choice, reason: b.reason, version: b.version, cast_at: b.updated_at, replaced_at: now, round: p.round })))
        .execute();
      await trx.deleteFrom('governance_ballots').where('proposal_id', '=', id).execute();
    }
    // Secret ballots: kept without receipt (so old codes no longer change or verify anything), the
    // ballot box emptied first, in a random order.
    if (p.secret && p.status === 'open') await emptyBox(trx, p);
    const secret = shuffle(await trx.selectFrom('governance_secret_ballots').selectAll().where('proposal_id', '=', id).execute());
    if (secret.length > 0) {
      await trx
        .insertInto('governance_secret_ballots_past')
        .values(secret.map((b) => ({ id: newId(), proposal_id: id, round: p.round, choice: b.choice, reason: b.reason, counted: 1 })))
        .execute();
      await trx.deleteFrom('governance_secret_ballots').where('proposal_id', '=', id).execute();
    }
    await trx.deleteFrom('governance_voters').where('proposal_id', '=', id).execute();
    await trx.insertInto('governance_proposal_versions').values({ proposal_id: id, version, title: input.title, body: input.body, note: input.note, created_at: now }).execute();
    await trx
      .updateTable('governance_proposals')
      .set({ title: input.title, body: input.body, version, round, status: 'open', closes_at: closesAt, closed_at: null, result: null, outcome: null, outcome_statement: null, review_at: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    return { p, round, version, closesAt };
  }));
  if (done.p.secret) await sealAfterClose(id);
  await cancel(`governance.close:${id}:${done.p.closes_at}`);
  await cancel(`governance.remind:${id}:${done.p.closes_at}`);
  // The review date belonged to the round that ended (it is cleared above).
  if (done.p.review_at) await cancel(`governance.review:${id}:${done.p.review_at}`);
  await scheduleTimers(id, done.closesAt);
  await audit({ actorId: user.id, action: `governance.proposal_reopened`, subjectType: 'governance_proposal', subjectId: id, details: { round: done.round, version: done.version } });
  await schedule(`governance.notify`, now, { id, what: 'reopened' }, `governance.notify:${id}:reopened:${done.round}`);
  return { round: done.round, version: done.version };
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

// ---------------------------------------------------------------------------------------------
// Voting
// ---------------------------------------------------------------------------------------------

export interface VoteInput {
  choice: string;
  options?: string[];
  scores?: Record<string, number>;
  ranking?: string[];
  reason?: string | null;
  /** Secret ballots: the receipt code of the ballot being replaced. */
  changeCode?: string;
  /** The one-time token of the vote form (the same form sent again is answered the same way). */
  formToken?: string;
}

/** Turns form input into a ballot for this proposal's kind, or refuses it. */
export function ballotFor(p: Proposal, input: VoteInput): { choice: BallotChoice; reason: string | null } {
  const reason = input.reason?.trim() ? input.reason.trim().slice(0, 2000) : null;
  const options = parseOptions(p);
  const ids = new Set(options.map((o) => o.id));
  switch (p.kind) {
    case 'ordinary':
    case 'special':
    case 'written':
      if (!(RESOLUTION_CHOICES as readonly string[]).includes(input.choice)) throw new GovernanceError('invalid', 400);
      return { choice: { kind: 'resolution', choice: input.choice as (typeof RESOLUTION_CHOICES)[number] }, reason };
    case 'consent':
      if (!(CONSENT_CHOICES as readonly string[]).includes(input.choice)) throw new GovernanceError('invalid', 400);
      if (input.choice === 'object' && !reason) throw new GovernanceError('reason_required', 400);
      return { choice: { kind: 'consent', choice: input.choice as (typeof CONSENT_CHOICES)[number] }, reason };
    case 'advice':
      if (!(ADVICE_CHOICES as readonly string[]).includes(input.choice)) throw new GovernanceError('invalid', 400);
      if (input.choice === 'block' && !reason) throw new GovernanceError('reason_required', 400);
      return { choice: { kind: 'advice', choice: input.choice as (typeof ADVICE_CHOICES)[number] }, reason };
    case 'poll': {
      if (p.poll_mode === 'score') {
        const scores: Record<string, number> = {};
        for (const [k, v] of Object.entries(input.scores ?? {})) {
          if (!ids.has(k) || !Number.isInteger(v) || v < 0 || v > p.max_score) throw new GovernanceError('invalid', 400);
          scores[k] = v;
        }
        if (Object.keys(scores).length === 0) throw new GovernanceError('invalid', 400);
        return { choice: { kind: 'score', scores }, reason };
      }
      const picked = [...new Set(input.options ?? [])];
      if (picked.length === 0 || picked.some((o) => !ids.has(o)) || (p.poll_mode === 'single' && picked.length !== 1)) throw new GovernanceError('invalid', 400);
      return { choice: { kind: 'poll', options: picked }, reason };
    }
    case 'election': {
      const ranking = input.ranking ?? [];
      if (ranking.length === 0 || new Set(ranking).size !== ranking.length || ranking.some((c) => !ids.has(c))) throw new GovernanceError('invalid', 400);
      return { choice: { kind: 'ranking', ranking }, reason: null };
    }
  }
}

/** Receipt codes: 20 characters from a 32-letter alphabet = 100 random bits (issue 15.9: ≥ 80). */
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECEIPT_LENGTH = 20;

/**
 * A receipt code, shown in groups of four ("7KQ2-…") so it is easy to copy by hand. 256 is a multiple
 * of 32, so `byte % 32` is unbiased. With 100 bits, holding the data folder (the receipt hashes) does
 * not make guessing a code offline feasible.
 */
export function newReceipt(): string {
  const chars = Array.from(randomBytes(RECEIPT_LENGTH), (b) => RECEIPT_ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** What the member typed, as stored: capitals and digits only (spaces and dashes are for reading). */
export function normalizeReceipt(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function receiptHash(proposalId: string, code: string): string {
  return sha256(`${proposalId}:${normalizeReceipt(code)}`);
}

/**
 * Stored next to a secret ballot: proves, when the ballot is changed, that the member asking is the
 * one who cast it. Keyed with a server secret that is never in the database, so someone reading the
 * database cannot test "is this member's tag?" and the tag links no ballot to a voter.
 */
export function ballotOwnerTag(proposalId: string, voterId: string, code: string): string {
  return createHmac('sha256', env.governanceBallotSecret).update(`${proposalId}:${voterId}:${normalizeReceipt(code)}`).digest('hex');
}

/** Rate-limit key for wrong receipt codes: per member and proposal. */
/** Wrong codes are counted per person typing them: a proxy's guesses never lock out the member. */
function codeLimitKey(proposalId: string, voterId: string, actorId = voterId): string {
  return actorId === voterId ? `${voterId}:${proposalId}` : `${actorId}>${voterId}:${proposalId}`;
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

export interface VoteOutcome {
  /** Secret ballots only: the receipt code (the same one again when the same form is resent). */
  receipt: string | null;
  passedEarly: boolean;
}

/** The checks every ballot passes: the proposal is open, the voter is in its electorate, the proxy holds. */
async function votable(trx: Transaction<Database>, proposalId: string, actor: Pick<SessionUser, 'id'> & Partial<Pick<SessionUser, 'role'>>, voterId: string, now: number): Promise<{ p: Proposal; proxyKey: string | null }> {
  const viaProxy = actor.id !== voterId;
  const p = await trx.selectFrom('governance_proposals').selectAll().where('id', '=', proposalId).executeTakeFirst();
  if (!p) throw new GovernanceError('not_found', 404);
  const eligible = await trx.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', voterId).executeTakeFirst();
  if (p.status !== 'open' || now >= p.closes_at) {
    // Do not reveal anything about a proposal to someone outside its electorate.
    if (!eligible && !viaProxy) throw new GovernanceError('not_eligible', 403);
    throw new GovernanceError('not_open', 409);
  }
  if (!eligible) throw new GovernanceError('not_eligible', 403);
  if (!viaProxy) return { p, proxyKey: null };
  // s324: a proxy is appointed to attend and vote at a meeting; a written resolution is signed by
  // the member, so nobody may agree to it on their behalf.
  if (p.kind === 'written') throw new GovernanceError('written_proxy', 409);
  const proxies = await trx
    .selectFrom('governance_proxies')
    .select(['id', 'ballot_public_key'])
    .where('grantor_id', '=', voterId)
    .where('holder_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('proposal_id', '=', proposalId), eb('proposal_id', 'is', null)]))
    .execute();
  const proxy = proxies.find((x) => x.ballot_public_key) ?? proxies[0];
  const subject: ProxyVoteSubject = {
    kind: p.kind,
    status: p.status,
    closesAt: p.closes_at,
    now,
    memberInElectorate: true,
    holdsProxy: !!proxy,
    // An appointment made before proxies could vote in secret ballots has no key, so the member could
    // never replace its ballot: the member must appoint the proxy again.
    appointmentKeyed: !!proxy?.ballot_public_key,
    secret: p.secret === 1,
  };
  // The rule does not depend on the role (any member may hold a proxy); jobs and tests pass ids only.
  if (!can({ id: actor.id, role: actor.role ?? 'member' }, 'proposal.voteFor', subject)) throw proxy ? new GovernanceError('secret_proxy', 409) : new GovernanceError('no_proxy', 403);
  return { p, proxyKey: proxy!.ballot_public_key };
}

/**
 * Casts (or changes) a ballot. `actor` is the member pressing the button; `voterId` is whose vote it
 * is (the actor, or a member who appointed the actor as proxy). `input.formToken` is the one-time
 * token of the form that was sent: sending the same form again (its answer was lost to a dropped
 * connection or a killed server) returns the same outcome and receipt instead of "already voted".
 */
export async function castVote(proposalId: string, actor: Pick<SessionUser, 'id'> & Partial<Pick<SessionUser, 'role'>>, voterId: string, input: VoteInput, now = Date.now()): Promise<VoteOutcome> {
  if (input.changeCode?.trim() && (await blockedFor('ballotCode', codeLimitKey(proposalId, voterId, actor.id))) > 0) throw new GovernanceError('code_blocked', 429);
  const secret = await db.selectFrom('governance_proposals').select('secret').where('id', '=', proposalId).executeTakeFirst();
  const cast = secret?.secret ? castSecret(proposalId, actor, voterId, input, now) : castOpen(proposalId, actor, voterId, input, now);
  return cast.catch(async (e: unknown) => {
    // Counted after the rollback, so the count is kept. Too many wrong codes: wait before trying again.
    if (e instanceof GovernanceError && e.code === 'code_unknown' && (await consume('ballotCode', codeLimitKey(proposalId, voterId, actor.id))) > 0) throw new GovernanceError('code_blocked', 429);
    throw e;
  });
}

async function castOpen(proposalId: string, actor: Pick<SessionUser, 'id'> & Partial<Pick<SessionUser, 'role'>>, voterId: string, input: VoteInput, now: number): Promise<VoteOutcome> {
  const viaProxy = actor.id !== voterId;
  const subTag = input.formToken ? submissionTag(proposalId, voterId, input.formToken) : null;
  const result = await db.transaction().execute(async (trx) => {
    if (subTag) {
      // The same form again: its ballot is stored; answer as the first time, even after an early pass.
      const again = await trx.selectFrom('governance_ballots').select('id').where('proposal_id', '=', proposalId).where('voter_id', '=', voterId).where('submission_tag', '=', subTag).executeTakeFirst();
      if (again) {
        const p = await trx.selectFrom('governance_proposals').select(['kind', 'outcome']).where('id', '=', proposalId).executeTakeFirstOrThrow();
        return { replay: true, passedEarly: p.kind === 'written' && p.outcome === 'passed' };
      }
    }
    const { p } = await votable(trx, proposalId, actor, voterId, now);
    const { choice, reason } = ballotFor(p, input);
    const choiceJson = JSON.stringify(choice);
    // Open ballots name their voter anyway; the receipt hash only fills the column older rows need.
    const hash = receiptHash(proposalId, newReceipt());
    const existing = await trx.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', proposalId).where('voter_id', '=', voterId).executeTakeFirst();
    if (existing) {
      // s296(3): an agreement to a written resolution cannot be revoked; nothing makes "against" or
      // "abstain" final, so a member who said no may still agree until the lapse.
      const was = JSON.parse(existing.choice) as BallotChoice;
      if (p.kind === 'written' && was.kind === 'resolution' && was.choice === 'for') throw new GovernanceError('final', 409);
      // A proxy cannot override the member's own vote; the member's own vote replaces a proxy vote.
      if (viaProxy && existing.proxy_id === null) throw new GovernanceError('final', 409);
      await trx
        .insertInto('governance_ballot_history')
        .values({ proposal_id: proposalId, voter_id: voterId, proxy_id: existing.proxy_id, choice: existing.choice, reason: existing.reason, version: existing.version, cast_at: existing.updated_at, replaced_at: now, round: p.round })
        .execute();
      await trx
        .updateTable('governance_ballots')
        .set({ choice: choiceJson, reason, proxy_id: viaProxy ? actor.id : null, receipt_hash: hash, version: p.version, updated_at: now, submission_tag: subTag })
        .where('id', '=', existing.id)
        .execute();
    } else {
      // The UNIQUE (proposal_id, voter_id) constraint makes a racing second insert fail.
      const inserted = await trx
        .insertInto('governance_ballots')
        .values({ id: newId(), proposal_id: proposalId, voter_id: voterId, proxy_id: viaProxy ? actor.id : null, choice: choiceJson, reason, receipt_hash: hash, version: p.version, created_at: now, updated_at: now, submission_tag: subTag })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new GovernanceError('final', 409);
      await trx.insertInto('governance_voters').values({ proposal_id: proposalId, user_id: voterId }).onConflict((oc) => oc.doNothing()).execute();
    }
    // A written resolution passes as soon as enough of all eligible members agree.
    if (p.kind === 'written') {
      const r = tally(configOf(p, false), await ballotsOf(trx, p));
      if (r.outcome === 'passed') return { replay: false, passedEarly: true };
    }
    return { replay: false, passedEarly: false };
  });
  if (result.replay) return { receipt: null, passedEarly: result.passedEarly };
  if (viaProxy) await audit({ actorId: actor.id, action: `governance.proxy_vote`, subjectType: 'governance_proposal', subjectId: proposalId, details: { for: voterId } });
  if (result.passedEarly) await closeProposal(proposalId, null, now);
  return { receipt: null, passedEarly: result.passedEarly };
}

/** Test hook: simulates the server dying after "has voted" is stored and before the ballot is. */
export const faults = { dieBeforeBallotStored: false };

/**
 * A secret ballot. The database gets only the "has voted" row (and the form's submission tag); the
 * ballot goes into the encrypted ballot box outside the database (ballot-box.server.ts), so nothing
 * in the database file or its WAL pairs a ballot with its voter.
 * Order: "has voted" is committed first, then the box is rewritten durably, then we answer. If the
 * server dies in between, the same form sent again finds its submission tag and finishes the vote.
 *
 * Proxies (secret-proxy.server.ts): a proxy's ballot carries a tag only the member's proxy code can
 * find; the "has voted" row holds it sealed while the member's vote is the proxy's. The proxy changes
 * its ballot with its receipt, like anyone; the member votes in person over it with the proxy code;
 * once the member has voted in person, the proxy is refused.
 */
async function castSecret(proposalId: string, actor: Pick<SessionUser, 'id'> & Partial<Pick<SessionUser, 'role'>>, voterId: string, input: VoteInput, now: number): Promise<VoteOutcome> {
  const token = input.formToken ?? null;
  const viaProxy = actor.id !== voterId;
  const outcome = await withBox(proposalId, async () => {
    const box = readBox(proposalId);
    if (token) {
      const again = box.find((e) => e.tokenTag === tokenTag(proposalId, token));
      // A retry only if this voter's "has voted" row was written by the same form: one page can hold
      // a proxy's forms and the holder's own, all sent with the page's token.
      if (again?.receiptSealed && (await sameSubmission(proposalId, voterId, token))) {
        if (!viaProxy) await clearProxyMark(proposalId, voterId);
        return { receipt: openReceipt(proposalId, token, again.receiptSealed), passedEarly: false };
      }
    }
    const receipt = newReceipt();
    let replaced: BoxEntry | null = null;
    let newlyMarked = false;
    let overProxy = false;
    // What the new ballot carries in `proxyTag`: a random filler unless a proxy casts it.
    let proxyTag = decoyTagHash();
    const p = await db.transaction().execute(async (trx) => {
      const { p, proxyKey } = await votable(trx, proposalId, actor, voterId, now);
      const subTag = token ? submissionTag(proposalId, voterId, token) : null;
      /** A proxy's first ballot for this member: a fresh tag, sealed to the member's proxy key. */
      const freshProxyTag = () => {
        const tag = newProxyTag();
        proxyTag = proxyTagHash(proposalId, tag);
        return sealTag(proxyKey!, tag);
      };
      // "Has voted" first: the primary key refuses a second ballot from the same member.
      const inserted = await trx
        .insertInto('governance_voters')
        .values({ proposal_id: proposalId, user_id: voterId, submission_tag: subTag, proxy_sealed_tag: viaProxy ? freshProxyTag() : null })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        newlyMarked = true;
        return p;
      }
      proxyTag = decoyTagHash();
      const row = await trx.selectFrom('governance_voters').select(['submission_tag', 'proxy_sealed_tag']).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).executeTakeFirstOrThrow();
      // The same form, whose ballot never reached the box (the server died in between): finish it.
      const retry = !!subTag && row.submission_tag === subTag;
      // A written resolution's ballot is final, secret or not.
      if (!retry && p.kind === 'written') throw new GovernanceError('final', 409);
      // The member has voted in person: their proxy can no longer vote for them.
      if (viaProxy && row.proxy_sealed_tag === null) throw new GovernanceError('final', 409);
      const code = input.changeCode?.trim();
      if (!code) {
        if (!retry) throw new GovernanceError('code_required', 409);
        if (viaProxy) await trx.updateTable('governance_voters').set({ proxy_sealed_tag: freshProxyTag() }).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).execute();
        return p;
      }
      if (!viaProxy && row.proxy_sealed_tag) {
        // The member votes in person over their proxy's ballot: the proxy code opens its tag.
        const appointments = await trx.selectFrom('governance_proxies').select(['ballot_public_key', 'ballot_key_sealed']).where('grantor_id', '=', voterId).where('ballot_public_key', 'is not', null).execute();
        for (const a of appointments) {
          const tag = openTag(code, { ballot_public_key: a.ballot_public_key!, ballot_key_sealed: a.ballot_key_sealed ?? '' }, row.proxy_sealed_tag);
          if (!tag) continue;
          const hash = proxyTagHash(proposalId, tag);
          // None when the proxy's ballot never reached the box: there is nothing to replace.
          replaced = box.find((e) => !e.replaced && e.proxyTag === hash) ?? null;
          overProxy = true;
          break;
        }
      }
      if (!overProxy) {
        // Changing a secret ballot: the ballot must be the one cast for THIS member: its owner tag must
        // be reproduced from the member's id and the code, so another member's receipt does not match.
        const hash = receiptHash(proposalId, code);
        const owner = ballotOwnerTag(proposalId, voterId, code);
        replaced = box.find((e) => !e.replaced && e.receiptHash === hash && e.ownerTag === owner) ?? null;
        if (!replaced) {
          // Ballots cast before the ballot box existed are still rows in the database.
          const old = await trx.selectFrom('governance_secret_ballots').select('id').where('proposal_id', '=', proposalId).where('receipt_hash', '=', hash).where('owner_tag', '=', owner).executeTakeFirst();
          if (!old) throw new GovernanceError('code_unknown', 400);
          await trx.deleteFrom('governance_secret_ballots').where('id', '=', old.id).execute();
        }
        // A proxy changing its ballot keeps the tag the member can find it by.
        if (viaProxy) proxyTag = replaced?.proxyTag ?? proxyTag;
        // The member, with the receipt the proxy gave them: their ballot is theirs from now on.
        else if (row.proxy_sealed_tag) overProxy = true;
      }
      if (!retry) await trx.updateTable('governance_voters').set({ submission_tag: subTag }).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).execute();
      return p;
    });
    const { choice, reason } = ballotFor(p, input);
    if (faults.dieBeforeBallotStored) throw new Error('simulated crash before the ballot was stored');
    const entry: BoxEntry = {
      choice: JSON.stringify(choice),
      reason,
      receiptHash: receiptHash(proposalId, receipt),
      ownerTag: ballotOwnerTag(proposalId, voterId, receipt),
      tokenTag: token ? tokenTag(proposalId, token) : null,
      receiptSealed: token ? sealReceipt(proposalId, token, receipt) : null,
      proxyTag,
    };
    const old = replaced as BoxEntry | null;
    // A replaced ballot stays (for the history kept at close) without anything that finds it again.
    const next = [...box.filter((e) => e !== old), ...(old ? [{ ...old, replaced: true, receiptHash: '', ownerTag: '', tokenTag: null, receiptSealed: null, proxyTag: decoyTagHash() }] : []), entry];
    try {
      writeBox(proposalId, next);
    } catch (e) {
      if (newlyMarked) await db.deleteFrom('governance_voters').where('proposal_id', '=', proposalId).where('user_id', '=', voterId).execute();
      throw e;
    }
    // Only now that the member's ballot is in the box: until then a resent form must still find the
    // proxy's ballot through the sealed tag.
    if (overProxy) await clearProxyMark(proposalId, voterId);
    return { receipt, passedEarly: false };
  });
  if (viaProxy) await audit({ actorId: actor.id, action: `governance.proxy_vote`, subjectType: 'governance_proposal', subjectId: proposalId, details: { for: voterId } });
  return outcome;
}

async function sameSubmission(proposalId: string, voterId: string, token: string): Promise<boolean> {
  const row = await db.selectFrom('governance_voters').select('submission_tag').where('proposal_id', '=', proposalId).where('user_id', '=', voterId).executeTakeFirst();
  return row?.submission_tag === submissionTag(proposalId, voterId, token);
}

/** The member's vote is their own again (they voted in person over their proxy's ballot). */
async function clearProxyMark(proposalId: string, voterId: string): Promise<void> {
  await db.updateTable('governance_voters').set({ proxy_sealed_tag: null }).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).execute();
}

/** Whether this member's current secret ballot was cast by their proxy (shown to the member only). */
export async function votedByProxy(proposalId: string, voterId: string): Promise<boolean> {
  const row = await db.selectFrom('governance_voters').select('proxy_sealed_tag').where('proposal_id', '=', proposalId).where('user_id', '=', voterId).executeTakeFirst();
  return !!row?.proxy_sealed_tag;
}

/** Has this receipt's ballot been counted? (While open: is it in the ballot box.) */
export async function checkReceipt(proposalId: string, code: string): Promise<boolean> {
  const hash = receiptHash(proposalId, code);
  if (readBox(proposalId).some((e) => !e.replaced && e.receiptHash === hash)) return true;
  const open = await db.selectFrom('governance_ballots').select('id').where('proposal_id', '=', proposalId).where('receipt_hash', '=', hash).executeTakeFirst();
  if (open) return true;
  const secret = await db.selectFrom('governance_secret_ballots').select('id').where('proposal_id', '=', proposalId).where('receipt_hash', '=', hash).executeTakeFirst();
  return !!secret;
}

// ---------------------------------------------------------------------------------------------
// Counting and closing
// ---------------------------------------------------------------------------------------------

type Reader = Transaction<Database> | typeof db;

async function ballotsOf(reader: Reader, p: Proposal): Promise<TallyBallot[]> {
  const open = await reader.selectFrom('governance_ballots').select(['choice', 'reason']).where('proposal_id', '=', p.id).execute();
  const secret = await reader.selectFrom('governance_secret_ballots').select(['choice', 'reason']).where('proposal_id', '=', p.id).orderBy('id').execute();
  // While a secret ballot is open its ballots wait in the ballot box, outside the database.
  const boxed = p.secret && p.status !== 'closed' ? readBox(p.id).filter((e) => !e.replaced) : [];
  return [...open, ...secret, ...boxed].map((b) => ({ choice: JSON.parse(b.choice) as BallotChoice, reason: b.reason }));
}

/**
 * Close of a secret ballot: the box's ballots go into the database in one batch, in a fresh random
 * order and under random ids, so their place in the file says nothing about who cast them.
 */
async function emptyBox(trx: Transaction<Database>, p: Proposal): Promise<void> {
  const box = shuffle(readBox(p.id));
  const counted = box.filter((e) => !e.replaced);
  const replaced = box.filter((e) => e.replaced);
  for (let i = 0; i < counted.length; i += 200) {
    await trx
      .insertInto('governance_secret_ballots')
      .values(counted.slice(i, i + 200).map((e) => ({ id: newId(), proposal_id: p.id, choice: e.choice, reason: e.reason, receipt_hash: e.receiptHash, owner_tag: null })))
      .execute();
  }
  for (let i = 0; i < replaced.length; i += 200) {
    await trx
      .insertInto('governance_secret_ballots_past')
      .values(replaced.slice(i, i + 200).map((e) => ({ id: newId(), proposal_id: p.id, round: p.round, choice: e.choice, reason: e.reason, counted: 0 })))
      .execute();
  }
}

/** After a secret ballot leaves the box: delete the box and empty the WAL into the file, truncated. */
async function sealAfterClose(id: string): Promise<void> {
  deleteBox(id);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}

function configOf(p: Proposal, lapsed: boolean) {
  const options = parseOptions(p);
  return {
    kind: p.kind,
    electorate: p.electorate_size,
    quorumPercent: p.quorum_percent,
    quorumMin: p.quorum_min,
    writtenMajority: p.written_majority,
    lapsed,
    pollMode: p.poll_mode,
    options,
    maxScore: p.max_score,
    seats: p.seats,
    candidates: options.map((o) => o.id),
    seed: p.seed,
  };
}

/** Computes the tally from the stored ballots, as it stands now. */
export async function currentTally(p: Proposal): Promise<TallyResult> {
  return tally(configOf(p, p.status === 'closed'), await ballotsOf(db, p));
}

/** "Verify count": recompute from the ballots and compare with the published result. */
export async function verifyCount(p: Proposal): Promise<{ matches: boolean; recomputed: TallyResult }> {
  const recomputed = tally(configOf(p, true), await ballotsOf(db, p));
  const stored = p.result ? (JSON.parse(p.result) as TallyResult) : null;
  const recomputedForCompare = p.kind === 'written' && stored?.outcome === 'passed' ? { ...recomputed, outcome: 'passed' } : recomputed;
  return { matches: !!stored && JSON.stringify(stored) === JSON.stringify(recomputedForCompare), recomputed };
}

export function registerOutcome(p: Pick<Proposal, 'kind' | 'poll_binding'>): boolean {
  return isBindingKind(p.kind) || (p.kind === 'poll' && p.poll_binding === 1);
}

/** Closes voting, computes the tally and, for binding decisions, writes the register entry. */
export async function closeProposal(id: string, actorId: string | null, now = Date.now()): Promise<boolean> {
  // With the box to ourselves, so no vote lands in it between emptying it and closing.
  const closed = await withBox(id, () => closeInTransaction(id, actorId, now));
  if (!closed) return false;
  if (closed.p.secret) await sealAfterClose(id);
  await cancel(`governance.close:${id}:${closed.p.closes_at}`);
  await cancel(`governance.remind:${id}:${closed.p.closes_at}`);
  await audit({ actorId, action: `governance.proposal_closed`, subjectType: 'governance_proposal', subjectId: id, details: { outcome: closed.result.outcome } });
  const round = closed.p.round > 1 ? `:${closed.p.round}` : '';
  await schedule(`governance.notify`, now, { id, what: 'outcome' }, `governance.notify:${id}:outcome${round}`);
  return true;
}

function closeInTransaction(id: string, actorId: string | null, now: number) {
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('governance_proposals').selectAll().where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (!open) return null;
    if (open.secret) {
      await emptyBox(trx, open);
      // The ballots have left the box: the sealed proxy tags no longer find anything.
      await trx.updateTable('governance_voters').set({ proxy_sealed_tag: null }).where('proposal_id', '=', id).execute();
    }
    const p = { ...open, status: 'closed' as const };
    const ballots = await ballotsOf(trx, p);
    const result = tally(configOf(p, true), ballots);
    await trx
      .updateTable('governance_proposals')
      .set({ status: 'closed', closed_at: now, result: JSON.stringify(result), outcome: result.outcome, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (registerOutcome(p)) {
      // A re-opened consent proposal: the register is never changed, so the earlier round's entry
      // stays and this one says it supersedes it.
      const earlier =
        p.round > 1
          ? await trx.selectFrom('governance_decisions').select('number').where('proposal_id', '=', id).where('corrects', 'is', null).orderBy('number', 'desc').executeTakeFirst()
          : undefined;
      await trx
        .insertInto('governance_decisions')
        .values({
          proposal_id: id,
          decided_at: now,
          kind: p.kind,
          title: p.title,
          text: p.body,
          electorate: p.electorate_size,
          turnout: ballots.length,
          tally: JSON.stringify(result),
          quorate: result.quorum.quorate ? 1 : 0,
          outcome: result.outcome,
          statement: '',
          corrects: null,
          supersedes: earlier?.number ?? null,
          recorded_by: actorId,
          created_at: now,
        })
        .execute();
    }
    return { p, result };
  });
}

export async function closeEarly(id: string, user: Pick<SessionUser, 'id' | 'role'>, now = Date.now()): Promise<void> {
  const p = await getProposal(id);
  if (!p) throw new GovernanceError('not_found', 404);
  authorizeGovernance(user, 'proposal.facilitate', lifecycleSubject(p));
  if (p.status !== 'open') throw new GovernanceError('not_open', 409);
  if (!p.allow_close_early) throw new GovernanceError('forbidden', 403);
  await closeProposal(id, user.id, now);
}

export async function extendProposal(id: string, user: Pick<SessionUser, 'id' | 'role'>, closesAt: number, now = Date.now()): Promise<void> {
  const p = await getProposal(id);
  if (!p) throw new GovernanceError('not_found', 404);
  authorizeGovernance(user, 'proposal.facilitate', lifecycleSubject(p));
  if (p.status === 'closed' || now >= p.closes_at) throw new GovernanceError('not_open', 409);
  if (closesAt <= p.closes_at) throw new GovernanceError('invalid', 400);
  // A written resolution still lapses 28 days after it was circulated.
  if (p.kind === 'written' && closesAt > writtenLapseAt(p.opened_at ?? p.opens_at)) throw new GovernanceError('invalid', 400);
  await db.updateTable('governance_proposals').set({ closes_at: closesAt, updated_at: now }).where('id', '=', id).execute();
  await cancel(`governance.close:${id}:${p.closes_at}`);
  await cancel(`governance.remind:${id}:${p.closes_at}`);
  if (p.status === 'open') await scheduleTimers(id, closesAt);
  await audit({ actorId: user.id, action: `governance.proposal_extended`, subjectType: 'governance_proposal', subjectId: id, details: { from: p.closes_at, to: closesAt } });
}

/** The facilitator's outcome statement and optional review date (a reminder is sent when due). */
export async function recordOutcome(id: string, user: Pick<SessionUser, 'id' | 'role'>, statement: string, reviewAt: number | null): Promise<void> {
  const p = await getProposal(id);
  if (!p) throw new GovernanceError('not_found', 404);
  authorizeGovernance(user, 'proposal.facilitate', lifecycleSubject(p));
  if (p.status !== 'closed') throw new GovernanceError('not_open', 409);
  await db.updateTable('governance_proposals').set({ outcome_statement: statement, review_at: reviewAt, updated_at: Date.now() }).where('id', '=', id).execute();
  // A changed or removed review date: the reminder for the old date must not fire.
  if (p.review_at && p.review_at !== reviewAt) await cancel(`governance.review:${id}:${p.review_at}`);
  // The review date is a calendar day (~/utils/date-only); the reminder goes out at noon UTC that day.
  if (reviewAt) await schedule(`governance.review`, dateOnlyToMs(msToDateOnly(reviewAt)) + 12 * HOUR, { id }, `governance.review:${id}:${reviewAt}`);
  await audit({ actorId: user.id, action: `governance.outcome_recorded`, subjectType: 'governance_proposal', subjectId: id, details: {} });
}

// ---------------------------------------------------------------------------------------------
// Timed jobs
// ---------------------------------------------------------------------------------------------

export async function runCloseJob(payload: Record<string, unknown>, now = Date.now()) {
  const p = await getProposal(String(payload.id));
  if (!p || p.status !== 'open' || p.closes_at > now) return;
  await closeProposal(p.id, null, now);
}

export async function runOpenJob(payload: Record<string, unknown>, now = Date.now()) {
  const p = await getProposal(String(payload.id));
  if (!p || p.status !== 'scheduled' || p.opens_at > now) return;
  await openProposal(p.id, null, now);
}

/** 24 hours before close: remind members in the electorate who have not voted. */
export async function runReminderJob(payload: Record<string, unknown>) {
  const p = await getProposal(String(payload.id));
  if (!p || p.status !== 'open' || p.closes_at !== Number(payload.closesAt)) return;
  const rows = await db
    .selectFrom('governance_electorate as e')
    .leftJoin('governance_voters as v', (j) => j.onRef('v.proposal_id', '=', 'e.proposal_id').onRef('v.user_id', '=', 'e.user_id'))
    .select('e.user_id')
    .where('e.proposal_id', '=', p.id)
    .where('v.user_id', 'is', null)
    .execute();
  await notifyMany(rows.map((r) => r.user_id), { kind: 'governance.closing_soon', params: { title: p.title }, link: `/governance/proposals/${p.id}` });
}

/** Opening, outcome and amendment notices, sent by the scheduler (idempotent per proposal and event). */
export async function runNotifyJob(payload: Record<string, unknown>) {
  const p = await getProposal(String(payload.id));
  if (!p) return;
  const link = `/governance/proposals/${p.id}`;
  if (payload.what === 'opened' || payload.what === 'outcome' || payload.what === 'reopened') {
    const rows = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', p.id).execute();
    const kind = payload.what === 'opened' ? `governance.opened` : payload.what === 'reopened' ? `governance.reopened` : `governance.outcome`;
    await notifyMany(rows.map((r) => r.user_id), { kind, params: { title: p.title }, link });
  } else if (payload.what === 'amended') {
    // Everyone who has voted; for open ballots only those who voted on an earlier version.
    const rows = p.secret
      ? await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', p.id).execute()
      : await db.selectFrom('governance_ballots').select('voter_id as user_id').where('proposal_id', '=', p.id).where('version', '<', Number(payload.version)).execute();
    await notifyMany(rows.map((r) => r.user_id), { kind: 'governance.amended', params: { title: p.title }, link });
  }
}

export async function runReviewJob(payload: Record<string, unknown>) {
  const p = await getProposal(String(payload.id));
  if (!p || p.status !== 'closed' || !p.review_at) return;
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  await notifyMany([p.proposer_id, ...stewards.map((s) => s.id)], { kind: 'governance.review_due', params: { title: p.title }, link: `/governance/proposals/${p.id}` });
}

// ---------------------------------------------------------------------------------------------
// What a member may see
// ---------------------------------------------------------------------------------------------

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
