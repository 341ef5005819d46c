/**
 * Applications to a fund round: start (after the eligibility questions), save a draft as you go,
 * submit, edit until the close, withdraw. Answers are written, or a voice/video recording checked
 * by the membership area's note rules (content-sniffed, size and length limits, executables refused).
 *
 * Access is decided by app/policies/funding.ts over `subjectFor()`: someone who may not see an
 * application gets the same 404 as for an application that does not exist.
 */
import { db } from '~db/connection';
import type { FundApplicantKind, FundApplicationsTable } from '~db/schema.funding';
import { authorize, type Actor } from '~/policies';
import type { FundApplicationSubject } from '~/policies/funding';
import { newId } from '~/modules/auth/tokens.server';
import { removeStored } from '~/modules/uploads/uploads.server';
import { checkMoney, screen, type BudgetLine, type MoneyError, type Screening } from './rules';
import { askForConsent, coApplicantAnswered } from './consent.server';
import { getRound, isAcceptingApplications, isOnPanel, isReviewOpen, type Round } from './rounds.server';
import { getVote } from './vote-proposal.server';

export const ANSWER_MAX_CHARS = 6000;
export const TITLE_MAX = 120;
export const SUMMARY_MAX = 600;

export interface Application {
  id: string;
  roundId: string;
  leadId: string;
  kind: FundApplicantKind;
  orgId: string | null;
  hostOrgId: string | null;
  hostStatus: FundApplicationsTable['host_status'];
  title: string;
  summary: string;
  amount: number | null;
  budgetLines: BudgetLine[];
  themes: string[];
  eligibilityAnswers: Record<string, boolean>;
  status: FundApplicationsTable['status'];
  submittedAt: number | null;
  updatedAt: number;
  answers: Record<string, { text: string; mediaPath: string | null; mediaMime: string | null }>;
  coApplicants: { userId: string; name: string; status: string }[];
}

async function loadRow(id: string) {
  const row = await db.selectFrom('fund_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [answers, co] = await Promise.all([
    db.selectFrom('fund_answers').selectAll().where('application_id', '=', id).execute(),
    db
      .selectFrom('fund_co_applicants')
      .innerJoin('users', 'users.id', 'fund_co_applicants.user_id')
      .select(['fund_co_applicants.user_id', 'fund_co_applicants.status', 'users.name'])
      .where('application_id', '=', id)
      .execute(),
  ]);
  const app: Application = {
    id: row.id,
    roundId: row.round_id,
    leadId: row.lead_id,
    kind: row.kind,
    orgId: row.org_id,
    hostOrgId: row.host_org_id,
    hostStatus: row.host_status,
    title: row.title,
    summary: row.summary,
    amount: row.amount,
    budgetLines: JSON.parse(row.budget_lines),
    themes: JSON.parse(row.themes),
    eligibilityAnswers: JSON.parse(row.eligibility_answers),
    status: row.status,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    answers: Object.fromEntries(answers.map((a) => [a.question_id, { text: a.text, mediaPath: a.media_path, mediaMime: a.media_mime }])),
    coApplicants: co.map((c) => ({ userId: c.user_id, name: c.name, status: c.status })),
  };
  return app;
}

export async function subjectFor(actor: Actor, app: Application, round: Round, now = Date.now()): Promise<FundApplicationSubject> {
  const conflict = await db
    .selectFrom('fund_conflicts')
    .select('decision')
    .where('application_id', '=', app.id)
    .where('reviewer_id', '=', actor.id)
    .executeTakeFirst();
  // The vote is a governance proposal (fundgov): its status comes from there.
  const vote = await getVote(round.id);
  return {
    status: app.status,
    isLead: app.leadId === actor.id,
    isCoApplicant: app.coApplicants.some((c) => c.userId === actor.id && c.status !== 'declined'),
    isPanel: await isOnPanel(round.id, actor.id),
    declaredConflict: conflict?.decision === 'declared',
    roundOpen: isAcceptingApplications(round, now),
    reviewOpen: isReviewOpen(round),
    counts: counts(app).counts,
    voteCounted: vote?.status === 'closed' || vote?.status === 'confirmed',
    voteOpened: !!vote,
  };
}

/** The application with its round and the actor's subject, or a 404 for anyone not allowed to see it. */
export async function loadApplication(actor: Actor, id: string, now = Date.now()) {
  const app = await loadRow(id);
  const round = app ? await getRound(actor, app.roundId, now) : null;
  if (!app || !round) throw new Response('Not found', { status: 404 });
  const subject = await subjectFor(actor, app, round, now);
  authorize(actor, 'fundApplication.view', subject);
  return { app, round, subject };
}

export async function myApplication(actor: Actor, roundId: string) {
  const row = await db.selectFrom('fund_applications').select('id').where('round_id', '=', roundId).where('lead_id', '=', actor.id).executeTakeFirst();
  return row ? loadRow(row.id) : null;
}

/**
 * Starts (or finds) the actor's application after the eligibility questions. Someone who does not
 * qualify gets the round's kind explanation back and nothing is written.
 */
export async function startApplication(actor: Actor, roundId: string, eligibilityAnswers: Record<string, boolean>, now = Date.now()): Promise<{ id: string } | { screening: Screening }> {
  const round = await getRound(actor, roundId, now);
  if (!round) throw new Response('Not found', { status: 404 });
  authorize(actor, 'fundRound.apply', { status: round.status, opensAt: round.opensAt, closesAt: round.closesAt, now });
  const screening = screen(round.eligibility, eligibilityAnswers);
  if (screening.status !== 'eligible') return { screening };
  const existing = await myApplication(actor, roundId);
  if (existing) return { id: existing.id };
  const id = newId();
  // The unique (round, lead) index makes a double click or a second tab land on the same application.
  await db
    .insertInto('fund_applications')
    .values({ id, round_id: roundId, lead_id: actor.id, kind: 'member', title: '', summary: '', budget_lines: '[]', themes: '[]', eligibility_answers: JSON.stringify(eligibilityAnswers), status: 'draft', created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['round_id', 'lead_id']).doNothing())
    .execute();
  const row = await db.selectFrom('fund_applications').select('id').where('round_id', '=', roundId).where('lead_id', '=', actor.id).executeTakeFirstOrThrow();
  return { id: row.id };
}

export interface DraftInput {
  title: string;
  summary: string;
  amount: number | null;
  budgetLines: BudgetLine[];
  themes: string[];
  kind: FundApplicantKind;
  orgId: string | null;
  hostOrgId: string | null;
  coApplicantIds: string[];
  /** Written answers by question id. */
  answers: Record<string, string>;
  /** Newly recorded/uploaded answers (already checked and stored) by question id. */
  media: Record<string, { path: string; mime: string; size: number }>;
  /** Question ids whose recording the applicant removed. */
  removeMedia: string[];
}

export type FieldProblem = { field: string; error: MoneyError | 'required' | 'too-many-words' | 'answer-missing' | 'host-required' | 'org-required' | 'not-your-org' | 'not-a-member' };

function words(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/\s+/u).length;
}

/** Problems that stop a submission (a draft may have any of them). */
export function submissionProblems(round: Round, d: Omit<DraftInput, 'media' | 'removeMedia'> & { hasMedia: Record<string, boolean> }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!d.title.trim()) out.push({ field: 'title', error: 'required' });
  if (!d.summary.trim()) out.push({ field: 'summary', error: 'required' });
  if (d.amount === null) out.push({ field: 'amount', error: 'required' });
  else for (const p of checkMoney({ pot: round.pot, minGrant: round.minGrant, maxGrant: round.maxGrant }, d.amount, d.budgetLines)) out.push(p);
  if (d.kind === 'group' && !d.hostOrgId) out.push({ field: 'hostOrgId', error: 'host-required' });
  if (d.kind === 'organisation' && !d.orgId) out.push({ field: 'orgId', error: 'org-required' });
  for (const q of round.questions) {
    const text = d.answers[q.id] ?? '';
    if (!text.trim() && !d.hasMedia[q.id]) out.push({ field: `answer.${q.id}`, error: 'answer-missing' });
    if (words(text) > q.wordLimit) out.push({ field: `answer.${q.id}`, error: 'too-many-words' });
  }
  return out;
}

async function checkPeople(actor: Actor, d: DraftInput): Promise<FieldProblem[]> {
  const out: FieldProblem[] = [];
  if (d.kind === 'organisation' && d.orgId) {
    const mine = await db.selectFrom('organisation_members').select('org_id').where('org_id', '=', d.orgId).where('user_id', '=', actor.id).executeTakeFirst();
    if (!mine) out.push({ field: 'orgId', error: 'not-your-org' });
  }
  if (d.hostOrgId) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', d.hostOrgId).executeTakeFirst();
    if (!org) out.push({ field: 'hostOrgId', error: 'host-required' });
  }
  if (d.coApplicantIds.length) {
    const found = await db.selectFrom('users').select('id').where('id', 'in', d.coApplicantIds).where('status', '=', 'active').execute();
    if (found.length !== new Set(d.coApplicantIds).size) out.push({ field: 'coApplicantIds', error: 'not-a-member' });
  }
  return out;
}

/**
 * Saves what the applicant has so far (a draft survives a reload), and submits it when asked and
 * nothing is missing. Either everything is written or nothing is: on any problem the new
 * recordings are removed again and the problems go back to the form.
 */
export async function saveApplication(actor: Actor, id: string, d: DraftInput, opts: { submit: boolean }, now = Date.now()): Promise<{ ok: true; status: string } | { ok: false; problems: FieldProblem[] }> {
  const newMedia = Object.values(d.media);
  try {
    const { app, round, subject } = await loadApplication(actor, id, now);
    authorize(actor, 'fundApplication.edit', subject);
    const problems = await checkPeople(actor, d);
    const hasMedia = Object.fromEntries(round.questions.map((q) => [q.id, !!d.media[q.id] || (!!app.answers[q.id]?.mediaPath && !d.removeMedia.includes(q.id))]));
    // A submitted application stays complete: edits after submitting are checked like a submission.
    if (opts.submit || app.status === 'submitted') problems.push(...submissionProblems(round, { ...d, hasMedia }));
    if (problems.length) {
      await removeStored(newMedia);
      return { ok: false, problems };
    }
    const oldMedia: { path: string }[] = [];
    const status = opts.submit || app.status === 'submitted' ? 'submitted' : 'draft';
    // The host accepted to hold this amount for this project (title, summary, amount are what it saw):
    // changing any of them asks it again (fund-audit: the amount could be tripled after it accepted).
    const sameHost = d.kind === 'group' && app.kind === 'group' && d.hostOrgId === app.hostOrgId;
    const hostAskedAgain = sameHost && app.hostStatus === 'accepted' && (d.amount !== app.amount || d.title !== app.title || d.summary !== app.summary);
    await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('fund_applications')
        .set({
          title: d.title,
          summary: d.summary,
          amount: d.amount,
          budget_lines: JSON.stringify(d.budgetLines),
          themes: JSON.stringify(d.themes),
          kind: d.kind,
          org_id: d.kind === 'organisation' ? d.orgId : null,
          host_org_id: d.kind === 'group' ? d.hostOrgId : null,
          // Changing host asks the new host again.
          host_status: d.kind !== 'group' ? null : sameHost && !hostAskedAgain ? (app.hostStatus ?? 'pending') : 'pending',
          status,
          submitted_at: status === 'submitted' ? (app.submittedAt ?? now) : null,
          updated_at: now,
        })
        .where('id', '=', id)
        // Only from the state it was loaded in: a withdrawal that landed meanwhile is not undone.
        .where('status', '=', app.status)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new Response('Conflict', { status: 409 });
      for (const q of round.questions) {
        const prev = app.answers[q.id];
        const media = d.media[q.id];
        const drop = d.removeMedia.includes(q.id) || !!media;
        if (prev?.mediaPath && drop) oldMedia.push({ path: prev.mediaPath });
        const values = {
          text: d.answers[q.id] ?? '',
          media_path: media ? media.path : drop ? null : (prev?.mediaPath ?? null),
          media_mime: media ? media.mime : drop ? null : (prev?.mediaMime ?? null),
          media_size: media ? media.size : null,
          updated_at: now,
        };
        await trx
          .insertInto('fund_answers')
          .values({ application_id: id, question_id: q.id, ...values })
          .onConflict((oc) => oc.columns(['application_id', 'question_id']).doUpdateSet(values))
          .execute();
      }
      const keep = new Set(d.coApplicantIds.filter((u) => u !== actor.id));
      const current = new Set(app.coApplicants.map((c) => c.userId));
      for (const u of current) if (!keep.has(u)) await trx.deleteFrom('fund_co_applicants').where('application_id', '=', id).where('user_id', '=', u).execute();
      for (const u of keep) if (!current.has(u)) await trx.insertInto('fund_co_applicants').values({ application_id: id, user_id: u, status: 'pending', responded_at: null }).execute();
    });
    await removeStored(oldMedia);
    await askForConsent(
      { status: app.status, hostOrgId: hostAskedAgain ? null : app.hostOrgId, coApplicantIds: app.coApplicants.map((c) => c.userId) },
      { id, roundName: round.name, status, kind: d.kind, hostOrgId: d.kind === 'group' ? d.hostOrgId : null, coApplicantIds: d.coApplicantIds.filter((u) => u !== actor.id) },
    );
    return { ok: true, status };
  } catch (error) {
    await removeStored(newMedia);
    throw error;
  }
}

export async function withdrawApplication(actor: Actor, id: string, now = Date.now()): Promise<void> {
  const { subject } = await loadApplication(actor, id, now);
  authorize(actor, 'fundApplication.withdraw', subject);
  await db.updateTable('fund_applications').set({ status: 'withdrawn', withdrawn_at: now, updated_at: now }).where('id', '=', id).where('status', 'in', ['draft', 'submitted']).execute();
}

/** A co-applicant confirms (or declines) being part of the joint application. */
export async function respondAsCoApplicant(actor: Actor, id: string, accept: boolean, now = Date.now()): Promise<void> {
  const { app, subject } = await loadApplication(actor, id, now);
  authorize(actor, 'fundApplication.respond', subject);
  await db
    .updateTable('fund_co_applicants')
    .set({ status: accept ? 'accepted' : 'declined', responded_at: now })
    .where('application_id', '=', id)
    .where('user_id', '=', actor.id)
    .execute();
  const mine = app.coApplicants.find((c) => c.userId === actor.id);
  if (mine && mine.status !== (accept ? 'accepted' : 'declined')) await coApplicantAnswered(id, app.leadId, mine.name, accept);
}

// The host organisation's answer lives with the rest of the consent rules (fundslots).
export { respondAsHost } from './consent.server';

/**
 * Whether a submitted application counts for review and decision: a group's host must have
 * accepted, and every co-applicant must have confirmed.
 */
export function counts(app: Pick<Application, 'status' | 'kind' | 'hostStatus' | 'coApplicants'>): { counts: boolean; waitingFor: ('host' | 'co-applicants')[] } {
  const waitingFor: ('host' | 'co-applicants')[] = [];
  if (app.kind === 'group' && app.hostStatus !== 'accepted') waitingFor.push('host');
  if (app.coApplicants.some((c) => c.status !== 'accepted')) waitingFor.push('co-applicants');
  return { counts: app.status === 'submitted' && waitingFor.length === 0, waitingFor };
}

