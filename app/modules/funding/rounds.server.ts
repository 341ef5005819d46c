/**
 * Fund rounds: stewards create them, members see the open ones, and opening a round posts its
 * "funding call" on the noticeboard in the same step (the notice links to the round, the round keeps
 * the notice's id). Every write takes the actor and asks the policy layer first.
 */
import { db } from '~db/connection';
import type { FundDecisionMethod, FundRoundsTable } from '~db/schema.funding';
import { authorize, can, type Actor } from '~/policies';
import { newId } from '~/modules/auth/tokens.server';
import { audit } from '~/modules/network/settings.server';
import { createNotice } from '~/modules/notices/notices.server';
import { env } from '~/env.server';
import { checkRoundMoney, type EligibilityQuestion } from './rules';

export interface Question {
  id: string;
  text: string;
  wordLimit: number;
}
export interface Criterion {
  id: string;
  label: string;
  weight: number;
}

export const MAX_QUESTIONS = 8;

export interface RoundInput {
  name: string;
  description: string;
  pot: number;
  minGrant: number;
  maxGrant: number;
  themes: string[];
  cities: string[];
  eligibility: Omit<EligibilityQuestion, 'id'>[];
  questions: Omit<Question, 'id'>[];
  criteria: Omit<Criterion, 'id'>[];
  decisionMethod: FundDecisionMethod;
  allowPartial: boolean;
  minLivedExperience: number;
  opensAt: number;
  closesAt: number;
  panel: string[];
}

export interface Round {
  id: string;
  name: string;
  description: string;
  pot: number;
  minGrant: number;
  maxGrant: number;
  themes: string[];
  cities: string[];
  eligibility: EligibilityQuestion[];
  questions: Question[];
  criteria: Criterion[];
  decisionMethod: FundDecisionMethod;
  allowPartial: boolean;
  minLivedExperience: number;
  opensAt: number;
  closesAt: number;
  status: FundRoundsTable['status'];
  noticeId: string | null;
  reviewOpenedAt: number | null;
  decidedAt: number | null;
}

export type RoundProblem = 'min-above-max' | 'max-above-pot' | 'not-whole' | 'closes-before-opens' | 'too-many-questions' | 'no-questions' | 'no-criteria';

export function checkRound(input: RoundInput): RoundProblem[] {
  const out: RoundProblem[] = [...checkRoundMoney({ pot: input.pot, minGrant: input.minGrant, maxGrant: input.maxGrant })];
  if (input.closesAt <= input.opensAt) out.push('closes-before-opens');
  if (input.questions.length > MAX_QUESTIONS) out.push('too-many-questions');
  if (input.questions.length === 0) out.push('no-questions');
  if (input.criteria.length === 0) out.push('no-criteria');
  return out;
}

const toRound = (r: FundRoundsTable): Round => ({
  id: r.id,
  name: r.name,
  description: r.description,
  pot: r.pot,
  minGrant: r.min_grant,
  maxGrant: r.max_grant,
  themes: JSON.parse(r.themes),
  cities: JSON.parse(r.cities),
  eligibility: JSON.parse(r.eligibility),
  questions: JSON.parse(r.questions),
  criteria: JSON.parse(r.criteria),
  decisionMethod: r.decision_method,
  allowPartial: r.allow_partial === 1,
  minLivedExperience: r.min_lived_experience,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  status: r.status,
  noticeId: r.notice_id,
  reviewOpenedAt: r.review_opened_at ?? null,
  decidedAt: r.decided_at ?? null,
});

/** Review is open from the steward's "open review" until the round is decided. */
export const isReviewOpen = (r: Pick<Round, 'status' | 'reviewOpenedAt'>) => r.reviewOpenedAt !== null && r.status === 'closed';

export const roundSubject = (r: Pick<Round, 'status' | 'opensAt' | 'closesAt'>, now = Date.now()) => ({ status: r.status, opensAt: r.opensAt, closesAt: r.closesAt, now });

export const isAcceptingApplications = (r: Pick<Round, 'status' | 'opensAt' | 'closesAt'>, now = Date.now()) => r.status === 'open' && now >= r.opensAt && now < r.closesAt;

export async function createRound(actor: Actor, input: RoundInput, now = Date.now()): Promise<{ id: string } | { problems: RoundProblem[] }> {
  authorize(actor, 'fundRound.create');
  const problems = checkRound(input);
  if (problems.length) return { problems };
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fund_rounds')
      .values({
        id,
        name: input.name,
        description: input.description,
        pot: input.pot,
        min_grant: input.minGrant,
        max_grant: input.maxGrant,
        themes: JSON.stringify(input.themes),
        cities: JSON.stringify(input.cities),
        eligibility: JSON.stringify(input.eligibility.map((e, i) => ({ id: `e${i + 1}`, ...e }))),
        questions: JSON.stringify(input.questions.map((q, i) => ({ id: `q${i + 1}`, ...q }))),
        criteria: JSON.stringify(input.criteria.map((c, i) => ({ id: `c${i + 1}`, ...c }))),
        decision_method: input.decisionMethod,
        allow_partial: input.allowPartial ? 1 : 0,
        min_lived_experience: input.minLivedExperience,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        status: 'draft',
        notice_id: null,
        review_opened_at: null,
        decided_at: null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const userId of new Set(input.panel)) {
      await trx.insertInto('fund_panel').values({ round_id: id, user_id: userId, added_at: now }).execute();
    }
  });
  await audit({ actorId: actor.id, action: 'fund_round.created', subjectType: 'fund_round', subjectId: id });
  return { id };
}

/** A round the actor may see, or null (the caller answers 404). */
export async function getRound(actor: Actor, id: string, now = Date.now()): Promise<Round | null> {
  const row = await db.selectFrom('fund_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const round = toRound(row);
  return can(actor, 'fundRound.view', roundSubject(round, now)) ? round : null;
}

export async function listRounds(actor: Actor, now = Date.now()): Promise<Round[]> {
  const rows = await db.selectFrom('fund_rounds').selectAll().orderBy('closes_at', 'desc').execute();
  return rows.map(toRound).filter((r) => can(actor, 'fundRound.view', roundSubject(r, now)));
}

export async function panelOf(roundId: string) {
  return db
    .selectFrom('fund_panel')
    .innerJoin('users', 'users.id', 'fund_panel.user_id')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'profiles.lived_experience'])
    .where('fund_panel.round_id', '=', roundId)
    .orderBy('users.name')
    .execute();
}

export async function isOnPanel(roundId: string, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('fund_panel').select('user_id').where('round_id', '=', roundId).where('user_id', '=', userId).executeTakeFirst());
}

/** How many panel members have lived experience of migration, against the round's minimum. */
export async function livedExperience(round: Pick<Round, 'id' | 'minLivedExperience'>) {
  const panel = await panelOf(round.id);
  const count = panel.filter((p) => p.lived_experience === 1).length;
  return { count, panelSize: panel.length, minimum: round.minLivedExperience, met: count >= round.minLivedExperience };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Opens a draft round: posts the funding call on the noticeboard (with a link back to the round)
 * and records the notice on the round, so each points to the other.
 */
export async function openRound(actor: Actor, id: string, now = Date.now()): Promise<'ok' | 'not-draft' | 'closed-already'> {
  const round = await getRound(actor, id, now);
  if (!round) throw new Response('Not found', { status: 404 });
  authorize(actor, 'fundRound.manage', roundSubject(round, now));
  if (round.status !== 'draft') return 'not-draft';
  if (round.closesAt <= now) return 'closed-already';
  const city = round.cities.length === 1 ? round.cities[0] : 'online';
  const noticeId = await createNotice(
    actor.id,
    {
      type: 'funding',
      title: round.name.slice(0, 120),
      description: round.description.slice(0, 5000),
      city: city as never,
      themes: round.themes as never,
      isPublic: false,
      funder: 'NOMI seed fund',
      amountMin: String(round.minGrant),
      amountMax: String(round.maxGrant),
      deadline: day(round.closesAt),
      link: `${env.publicUrl}/funds/${round.id}`,
      removeFiles: [],
    },
    null,
    now,
  );
  await db.updateTable('fund_rounds').set({ status: 'open', notice_id: noticeId, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').execute();
  await audit({ actorId: actor.id, action: 'fund_round.opened', subjectType: 'fund_round', subjectId: id, details: { noticeId } });
  return 'ok';
}

/** The member's own "lived experience of migration" flag (profile), counted for panels. */
export async function setLivedExperience(actor: Actor, value: boolean): Promise<void> {
  const now = Date.now();
  const res = await db.updateTable('profiles').set({ lived_experience: value ? 1 : 0 }).where('user_id', '=', actor.id).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    await db
      .insertInto('profiles')
      .values({ user_id: actor.id, headline: '', bio: '', mentoring_open: 0, mentoring_at_capacity: 0, mentoring_areas: '[]', matching_opt_out: 0, updated_at: now, lived_experience: value ? 1 : 0 })
      .execute();
  }
}

export async function myLivedExperience(userId: string): Promise<boolean> {
  const row = await db.selectFrom('profiles').select('lived_experience').where('user_id', '=', userId).executeTakeFirst();
  return row?.lived_experience === 1;
}

/** Active members, for choosing a panel or co-applicants. */
export async function activeMembers(exceptId?: string) {
  let q = db.selectFrom('users').select(['id', 'name']).where('status', '=', 'active');
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.orderBy('name').execute();
}

/** Organisations in the directory, and the ones this member belongs to. */
export async function organisationsFor(userId: string) {
  const [orgs, mine] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('organisation_members').select('org_id').where('user_id', '=', userId).execute(),
  ]);
  return { orgs, myOrgIds: mine.map((m) => m.org_id) };
}
