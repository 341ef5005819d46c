import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit } from '~/modules/network/settings.server';
import { notifyMany } from '~/modules/notifications/notifications.server';
import { schedule } from '~/modules/jobs/scheduler.server';
import { GovernanceError } from './errors';
import { authorizeGovernance } from './authorize.server';
import { DAY } from './dates';
import { can } from '~/policies';

/** The steps to incorporate as a CIC, in order. Titles and explanations are i18n keys by step. */
export const CIC_STEPS = [
  'agree_to_incorporate',
  'choose_model',
  'community_interest_statement',
  'draft_articles',
  'elect_directors',
  'adopt_articles',
  'record_registration',
  'first_year_reporting',
] as const;
export type CicStepKey = (typeof CIC_STEPS)[number];
export const CIC_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type CicStatus = (typeof CIC_STATUSES)[number];

/** Reminder this many days before a director's term ends. */
export const DIRECTOR_REMINDER_DAYS = 30;

export async function ensureCicSteps(now = Date.now()) {
  await db
    .insertInto('governance_cic_steps')
    .values(CIC_STEPS.map((key, i) => ({ key, position: i + 1, status: 'todo' as const, owner_id: null, notes: '', proposal_id: null, link: null, updated_at: now })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function cicRoadmap() {
  await ensureCicSteps();
  const steps = await db
    .selectFrom('governance_cic_steps as s')
    .leftJoin('users as u', 'u.id', 's.owner_id')
    .leftJoin('governance_proposals as p', 'p.id', 's.proposal_id')
    .select(['s.key', 's.position', 's.status', 's.owner_id', 's.notes', 's.proposal_id', 's.link', 's.updated_at', 'u.name as owner_name', 'p.title as proposal_title', 'p.status as proposal_status', 'p.outcome as proposal_outcome'])
    .orderBy('s.position')
    .execute();
  const done = steps.filter((s) => s.status === 'done').length;
  // The next step is the first not done; it is blocked by any earlier step that is not done, or by
  // its linked proposal still being open or not passed.
  const next = steps.find((s) => s.status !== 'done') ?? null;
  let blocking: { reason: 'no_owner' | 'proposal_open' | 'proposal_not_passed' | 'no_proposal'; key: string } | null = null;
  if (next) {
    if (next.proposal_id && next.proposal_status !== 'closed') blocking = { reason: 'proposal_open', key: next.key };
    else if (next.proposal_id && next.proposal_outcome !== 'passed' && next.proposal_outcome !== 'elected') blocking = { reason: 'proposal_not_passed', key: next.key };
    else if (!next.owner_id) blocking = { reason: 'no_owner', key: next.key };
    else if (['agree_to_incorporate', 'elect_directors', 'adopt_articles'].includes(next.key) && !next.proposal_id) blocking = { reason: 'no_proposal', key: next.key };
  }
  return { steps, done, total: steps.length, next: next?.key ?? null, blocking };
}

export async function isDirector(userId: string, now = Date.now()): Promise<boolean> {
  const row = await db.selectFrom('governance_directors').select('id').where('user_id', '=', userId).where('ceased_at', 'is', null).where('term_start', '<=', now).where('term_end', '>', now).executeTakeFirst();
  return !!row;
}

/** Stewards and serving directors keep the roadmap; a step's owner may update their own step (policy `cicStep.edit`). */
export function stepEditable(user: Pick<SessionUser, 'id' | 'role'>, ownerId: string | null, actorIsDirector: boolean): boolean {
  return can(user, 'cicStep.edit', { ownerId, actorIsDirector });
}

export async function updateCicStep(
  user: Pick<SessionUser, 'id' | 'role'>,
  key: string,
  input: { status: CicStatus; ownerId: string | null; notes: string; proposalId: string | null; link: string | null },
  now = Date.now(),
): Promise<void> {
  const step = await db.selectFrom('governance_cic_steps').selectAll().where('key', '=', key).executeTakeFirst();
  if (!step) throw new GovernanceError('not_found', 404);
  authorizeGovernance(user, 'cicStep.edit', { ownerId: step.owner_id, actorIsDirector: await isDirector(user.id) });
  if (input.ownerId) {
    const owner = await db.selectFrom('users').select('id').where('id', '=', input.ownerId).where('status', '=', 'active').executeTakeFirst();
    if (!owner) throw new GovernanceError('invalid', 400);
  }
  if (input.proposalId) {
    const p = await db.selectFrom('governance_proposals').select('id').where('id', '=', input.proposalId).executeTakeFirst();
    if (!p) throw new GovernanceError('invalid', 400);
  }
  await db
    .updateTable('governance_cic_steps')
    .set({ status: input.status, owner_id: input.ownerId, notes: input.notes, proposal_id: input.proposalId, link: input.link, updated_at: now })
    .where('key', '=', key)
    .execute();
  await audit({ actorId: user.id, action: `governance.cic_step_updated`, subjectType: 'governance_cic_step', subjectId: key, details: { status: input.status } });
}

// ---------------------------------------------------------------------------------------------
// Directors
// ---------------------------------------------------------------------------------------------

export async function listDirectors() {
  return db
    .selectFrom('governance_directors as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .leftJoin('governance_proposals as p', 'p.id', 'd.proposal_id')
    .select(['d.id', 'd.user_id', 'd.term_start', 'd.term_end', 'd.ceased_at', 'd.proposal_id', 'u.name', 'p.title as proposal_title'])
    .orderBy('d.term_start', 'desc')
    .execute();
}

export async function addDirector(user: Pick<SessionUser, 'id' | 'role'>, input: { userId: string; termStart: number; termEnd: number; proposalId: string | null }, now = Date.now()): Promise<string> {
  authorizeGovernance(user, 'director.manage');
  if (input.termEnd <= input.termStart) throw new GovernanceError('invalid', 400);
  const member = await db.selectFrom('users').select('id').where('id', '=', input.userId).where('status', '=', 'active').executeTakeFirst();
  if (!member) throw new GovernanceError('invalid', 400);
  if (input.proposalId) {
    const p = await db.selectFrom('governance_proposals').select(['id', 'kind', 'status']).where('id', '=', input.proposalId).executeTakeFirst();
    if (!p || p.kind !== 'election' || p.status !== 'closed') throw new GovernanceError('invalid', 400);
  }
  const id = newId();
  await db.insertInto('governance_directors').values({ id, user_id: input.userId, proposal_id: input.proposalId, term_start: input.termStart, term_end: input.termEnd, ceased_at: null, created_at: now }).execute();
  const remindAt = Math.max(now, input.termEnd - DIRECTOR_REMINDER_DAYS * DAY);
  await schedule(`governance.director_term`, remindAt, { id }, `governance.director_term:${id}:${input.termEnd}`);
  await audit({ actorId: user.id, action: `governance.director_added`, subjectType: 'governance_director', subjectId: id, details: { userId: input.userId } });
  return id;
}

export async function endDirectorship(user: Pick<SessionUser, 'id' | 'role'>, id: string, now = Date.now()): Promise<void> {
  authorizeGovernance(user, 'director.manage');
  const r = await db.updateTable('governance_directors').set({ ceased_at: now }).where('id', '=', id).where('ceased_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new GovernanceError('not_found', 404);
  await audit({ actorId: user.id, action: `governance.director_ceased`, subjectType: 'governance_director', subjectId: id });
}

export async function runDirectorTermJob(payload: Record<string, unknown>) {
  const d = await db.selectFrom('governance_directors').selectAll().where('id', '=', String(payload.id)).executeTakeFirst();
  if (!d || d.ceased_at !== null) return;
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  await notifyMany([d.user_id, ...stewards.map((s) => s.id)], { kind: 'governance.director_term_ending', params: { date: new Date(d.term_end).toISOString().slice(0, 10) }, link: '/governance/cic' });
}
