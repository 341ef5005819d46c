/**
 * Voting: turning a form into a ballot, casting and changing open and secret ballots (in person or
 * by proxy), receipt codes and checking them. Who may vote is the policy layer's answer
 * (~/policies/governance proposal.vote / proposal.voteFor); the proposal's state answers 409 first.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { newId, sha256 } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit } from '~/modules/network/settings.server';
import { blockedFor, consume } from '~/modules/auth/rate-limit.server';
import { env } from '~/env.server';
import { can } from '~/policies';
import type { ProxyVoteSubject } from '~/policies/governance';
import { GovernanceError } from './errors';
import { lifecycleSubject } from './authorize.server';
import { decoyTagHash, newProxyTag, openTag, proxyTagHash, sealTag } from './secret-proxy.server';
import { openReceipt, readBox, sealReceipt, submissionTag, tokenTag, withBox, writeBox, type BoxEntry } from './ballot-box.server';
import { parseOptions, type Proposal } from './proposal-read.server';
import { ballotsOf, configOf } from './proposal-count.server';
import { closeProposal } from './proposal-lifecycle.server';
import { ADVICE_CHOICES, CONSENT_CHOICES, RESOLUTION_CHOICES, tally, type BallotChoice } from './tally';

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
/**
 * A reason as typed: line breaks (CR LF made LF) and tabs kept, other control characters dropped. No
 * keyboard types them, and each JSON-escapes to six bytes, so a hand-made one made a secret ballot
 * larger than the box's room (./ballot-box.server.ts BOX_ENTRY_BYTES) and its size stood out.
 */
function cleanReason(raw: string | null | undefined): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const text = (raw ?? '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim();
  // 2,000 UTF-16 units (at most 6,000 bytes, which the room is sized for), never half an emoji.
  const cut = text.slice(0, 2000).replace(/[\ud800-\udbff]$/, '');
  return cut || null;
}

export function ballotFor(p: Proposal, input: VoteInput): { choice: BallotChoice; reason: string | null } {
  const reason = cleanReason(input.reason);
  const options = parseOptions(p);
  const ids = new Set(options.map((o) => o.id));
  switch (p.kind) {
    // Its ballot is the fund's approval ballot (/funds/:id/vote), with receipts of its own.
    case 'fund_vote':
      throw new GovernanceError('not_open', 409);
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

export interface VoteOutcome {
  /** Secret ballots only: the receipt code (the same one again when the same form is resent). */
  receipt: string | null;
  passedEarly: boolean;
}

/**
 * The checks every ballot passes, asked of the policy layer (~/policies/governance): the voter may
 * vote (`proposal.vote`: in the frozen electorate, while open) and, through a proxy, the actor may
 * vote for them (`proposal.voteFor`). The policy folds the state in, so a refusal is then told apart:
 * outside the electorate is 403 `not_eligible` (nothing about the proposal's state is revealed to
 * someone who never had a vote); a closed proposal is 409 `not_open` for those who had one.
 */
async function votable(trx: Transaction<Database>, proposalId: string, actor: Pick<SessionUser, 'id'> & Partial<Pick<SessionUser, 'role'>>, voterId: string, now: number): Promise<{ p: Proposal; proxyKey: string | null }> {
  const viaProxy = actor.id !== voterId;
  const p = await trx.selectFrom('governance_proposals').selectAll().where('id', '=', proposalId).executeTakeFirst();
  if (!p) throw new GovernanceError('not_found', 404);
  const eligible = await trx.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', voterId).executeTakeFirst();
  // Whose right to vote is used: the voter's own (a proxy votes with the member's vote, not its own).
  // The rule does not depend on the role; jobs and tests pass ids only.
  const voter = { id: voterId, role: (viaProxy ? undefined : actor.role) ?? 'member' };
  if (!can(voter, 'proposal.vote', { ...lifecycleSubject(p, now), inElectorate: !!eligible })) {
    const open = p.status === 'open' && now < p.closes_at;
    // A proxy may know the proposal exists (it holds a proxy for it): a closed one is a state conflict.
    if (!eligible && (open || !viaProxy)) throw new GovernanceError('not_eligible', 403);
    if (!open) throw new GovernanceError('not_open', 409);
    // The rule refused for a reason of its own: it has the last word.
    throw new GovernanceError('forbidden', 403);
  }
  if (!viaProxy) return { p, proxyKey: null };
  // s324: a proxy is appointed to attend and vote at a meeting; a written resolution is signed by
  // the member, so nobody may agree to it on their behalf.
  if (p.kind === 'written') throw new GovernanceError('written_proxy', 409);
  const proxies = await trx
    .selectFrom('governance_proxies')
    .select(['id', 'ballot_public_key', 'proposal_id'])
    .where('grantor_id', '=', voterId)
    .where('holder_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('proposal_id', '=', proposalId), eb('proposal_id', 'is', null)]))
    // The appointment for this vote before a standing one, the newest first: the member was last
    // given that appointment's code, so the proxy's ballot must be sealed to it.
    .orderBy(sql`proposal_id is null`)
    .orderBy('created_at', 'desc')
    .orderBy('id')
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
      const tag = tokenTag(proposalId, token);
      const again = box.find((e) => !e.replaced && e.tokenTag === tag);
      // The same form sent again after its answer was lost: the same receipt, nothing new. Only if the
      // ballot is this voter's (its owner tag, from the receipt the token opens): one page holds a
      // proxy's forms and the holder's own, all sent with the page's token.
      const receipt = again?.receiptSealed ? openReceipt(proposalId, token, again.receiptSealed) : null;
      if (again && receipt && again.ownerTag === ballotOwnerTag(proposalId, voterId, receipt)) {
        if (!viaProxy) await clearProxyMark(proposalId, voterId);
        return { receipt, passedEarly: false };
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
      // A ballot that will be refused must not mark the member as having voted, nor touch their row.
      ballotFor(p, input);
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
      // The submission tag only stands for a first ballot that has not reached the box: a change
      // (proven by its code) never makes a later code-less resend of any form count as a first ballot.
      if (!retry && row.submission_tag !== null) await trx.updateTable('governance_voters').set({ submission_tag: null }).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).execute();
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
    // The ballot is in the box: from now on a resend of this form is answered from the box entry, and
    // nothing may be added without a code.
    await db.updateTable('governance_voters').set({ submission_tag: null }).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).where('submission_tag', 'is not', null).execute();
    return { receipt, passedEarly: false };
  });
  if (viaProxy) await audit({ actorId: actor.id, action: `governance.proxy_vote`, subjectType: 'governance_proposal', subjectId: proposalId, details: { for: voterId } });
  return outcome;
}

/** The member's vote is their own again (they voted in person over their proxy's ballot). */
async function clearProxyMark(proposalId: string, voterId: string): Promise<void> {
  await db.updateTable('governance_voters').set({ proxy_sealed_tag: null }).where('proposal_id', '=', proposalId).where('user_id', '=', voterId).execute();
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
