/**
 * A proposal's life: created, opened (electorate frozen), amended, re-opened after an objection,
 * closed (counted, written to the register), extended, its outcome recorded; and the timed jobs that
 * open, close, remind and notify. Voting is ./proposal-voting.server.ts, counting ./proposal-count.server.ts.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { newId } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit, getNetworkSettings } from '~/modules/network/settings.server';
import { notifyMany } from '~/modules/notifications/notifications.server';
import { cancel, schedule } from '~/modules/jobs/scheduler.server';
import { can } from '~/policies';
import { dateOnlyToMs, msToDateOnly } from '~/utils/date-only';
import { allVoters, groupVoters } from './groups.server';
import { DAY, HOUR, writtenLapseAt } from './dates';
import { GovernanceError } from './errors';
import { authorizeGovernance, lifecycleSubject } from './authorize.server';
import { deleteBox, readBox, shuffle, withBox } from './ballot-box.server';
import { getProposal, type Proposal } from './proposal-read.server';
import { ballotsOf, configOf, currentObjections, registerOutcome } from './proposal-count.server';
import { tally, type DecisionKind, type PollOption } from './tally';

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

/** The close at closesAt and, if a day is left, the reminder (also for seed-fund votes, ~/modules/funding/vote.server). */
export async function scheduleTimers(id: string, closesAt: number, now = Date.now()) {
  await schedule(`governance.close`, closesAt, { id, closesAt }, `governance.close:${id}:${closesAt}`);
  if (closesAt - DAY > now) await schedule(`governance.remind`, closesAt - DAY, { id, closesAt }, `governance.remind:${id}:${closesAt}`);
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
  if (p.kind === 'fund_vote') {
    // A seed-fund vote is counted by the fund (Method of Equal Shares). Imported here, not at the top:
    // the fund's vote module builds on this one.
    const { closeFundVoteOnSchedule } = await import('~/modules/funding/vote.server');
    await closeFundVoteOnSchedule(p.id, now);
    return;
  }
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
