import { db } from '~db/connection';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit } from '~/modules/network/settings.server';
import { GovernanceError } from './errors';
import { authorizeGovernance } from './authorize.server';
import { asRegisterEntry, type RegisterTally } from './register-entry';

// ---------------------------------------------------------------------------------------------
// Decision register: append-only (the database refuses UPDATE and DELETE).
// ---------------------------------------------------------------------------------------------

/**
 * Entries with the facilitator's outcome statement (kept on the proposal, written after close), each
 * read as what it was (./register-entry.ts): a seed-fund vote's awards say so even where an entry was
 * stored as a poll before 2026-12-03, with the round whose result and ballots it records.
 */
export async function listDecisions() {
  const rows = await db
    .selectFrom('governance_decisions as d')
    .leftJoin('governance_proposals as p', 'p.id', 'd.proposal_id')
    .leftJoin('fund_votes as fv', 'fv.decision_number', 'd.number')
    .selectAll('d')
    .select(['p.outcome_statement', 'p.review_at', 'fv.round_id as fund_round_id'])
    .orderBy('d.number', 'asc')
    .execute();
  // The proposal's statement and review date belong to its latest round, not to an entry a later
  // round superseded.
  const superseded = new Set(rows.map((r) => r.supersedes).filter((n): n is number => n !== null));
  // A correction repeats the entry it corrects, so it is a seed-fund vote when that entry is one
  // (entries are in number order and a correction always comes after what it corrects).
  const fundRound = new Map<number, string>();
  return rows.map((r) => {
    const round = r.fund_round_id ?? (r.corrects !== null ? fundRound.get(r.corrects) : undefined) ?? null;
    if (round) fundRound.set(r.number, round);
    const seen = asRegisterEntry(r.kind, JSON.parse(r.tally) as RegisterTally, round !== null || r.kind === 'fund_vote');
    const entry = { ...r, ...seen, fund_round_id: round };
    return superseded.has(r.number) ? { ...entry, outcome_statement: null, review_at: null } : entry;
  });
}

export async function getDecision(number: number) {
  return db.selectFrom('governance_decisions').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Whether an entry records a seed-fund vote's awards: its kind says so, the fund names it, or it corrects one that does. */
async function isFundVoteEntry(entry: { number: number; kind: string; corrects: number | null }): Promise<boolean> {
  if (entry.kind === 'fund_vote') return true;
  if (await db.selectFrom('fund_votes').select('round_id').where('decision_number', '=', entry.number).executeTakeFirst()) return true;
  const corrected = entry.corrects !== null ? await getDecision(entry.corrects) : undefined;
  return corrected ? isFundVoteEntry(corrected) : false;
}

/** A correction is a new entry that refers to the one it corrects; the original stays as it was. */
export async function addCorrection(number: number, user: Pick<SessionUser, 'id' | 'role'>, statement: string, now = Date.now()): Promise<number> {
  authorizeGovernance(user, 'decision.correct');
  const original = await getDecision(number);
  if (!original) throw new GovernanceError('not_found', 404);
  // A correction of a seed-fund vote stored as a poll (before 2026-12-03) is written as what it was.
  const stored = JSON.parse(original.tally) as RegisterTally;
  const { kind, tally } = asRegisterEntry(original.kind, stored, await isFundVoteEntry(original));
  const r = await db
    .insertInto('governance_decisions')
    .values({
      proposal_id: original.proposal_id,
      decided_at: original.decided_at,
      kind,
      title: original.title,
      text: original.text,
      electorate: original.electorate,
      turnout: original.turnout,
      tally: tally === stored ? original.tally : JSON.stringify(tally),
      quorate: original.quorate,
      outcome: original.outcome,
      statement,
      corrects: number,
      recorded_by: user.id,
      created_at: now,
    })
    .executeTakeFirstOrThrow();
  const n = Number(r.insertId);
  await audit({ actorId: user.id, action: `governance.decision_corrected`, subjectType: 'governance_decision', subjectId: String(n), details: { corrects: number } });
  return n;
}

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  // Neutralise spreadsheet formulas in member-typed text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Register of members: voting members with joined and ceased dates. Changes are audited.
// ---------------------------------------------------------------------------------------------

export async function memberRegister() {
  return db.selectFrom('users').select(['id', 'name', 'joined_at', 'ceased_at', 'status']).orderBy('joined_at').orderBy('name').execute();
}

export async function setMembershipDates(user: Pick<SessionUser, 'id' | 'role'>, memberId: string, joinedAt: number, ceasedAt: number | null): Promise<void> {
  authorizeGovernance(user, 'memberRegister.edit');
  const before = await db.selectFrom('users').select(['joined_at', 'ceased_at']).where('id', '=', memberId).executeTakeFirst();
  if (!before) throw new GovernanceError('not_found', 404);
  if (ceasedAt !== null && ceasedAt < joinedAt) throw new GovernanceError('invalid', 400);
  await db.updateTable('users').set({ joined_at: joinedAt, ceased_at: ceasedAt, updated_at: Date.now() }).where('id', '=', memberId).execute();
  await audit({
    actorId: user.id,
    action: `governance.register_changed`,
    subjectType: 'user',
    subjectId: memberId,
    details: { joinedFrom: before.joined_at, joinedTo: joinedAt, ceasedFrom: before.ceased_at, ceasedTo: ceasedAt },
  });
}

// ---------------------------------------------------------------------------------------------
// Audit log of governance actions, visible to members. Details are not shown (they may name
// proxies' grantors); who did what, when, to which proposal, is.
// ---------------------------------------------------------------------------------------------

export async function governanceAuditLog(limit = 200) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.action', 'a.subject_type', 'a.subject_id', 'a.created_at', 'u.name as actor_name'])
    .where((eb) => eb.or([eb('a.action', 'like', 'governance.%'), eb('a.action', '=', 'member.role')]))
    .where('a.action', 'not in', [`governance.proxy_appointed`, `governance.proxy_revoked`, `governance.proxy_vote`])
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Small lookups the pages need (kept here so routes hold no SQL).
// ---------------------------------------------------------------------------------------------

/** Active, not ceased members: for choosing candidates, proxies, owners and directors. */
export async function activeMembers(exceptId?: string) {
  let q = db.selectFrom('users').select(['id', 'name']).where('status', '=', 'active').where('ceased_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.orderBy('name').execute();
}

/** Open or scheduled proposals a proxy may vote on, for per-proposal proxies (never written resolutions, s324). */
export async function proxyableProposals() {
  // Nor seed-fund votes: no proxy votes in them (participation.server appointProxy).
  return db.selectFrom('governance_proposals').select(['id', 'title']).where('status', 'in', ['open', 'scheduled']).where('kind', 'not in', ['written', 'fund_vote']).orderBy('closes_at').execute();
}

export async function recentProposals() {
  return db.selectFrom('governance_proposals').select(['id', 'title', 'kind', 'status']).orderBy('created_at', 'desc').limit(100).execute();
}

/** Candidate and option names for the proposals behind register entries. */
export async function optionNames(proposalIds: string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  if (proposalIds.length === 0) return names;
  const rows = await db.selectFrom('governance_proposals').select(['id', 'options']).where('id', 'in', proposalIds).execute();
  for (const r of rows) for (const x of JSON.parse(r.options) as Array<{ id: string; label: string }>) names[x.id] = x.label;
  return names;
}
