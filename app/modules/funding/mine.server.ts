/**
 * "My applications and grants" on /funds: every application the member leads or is a co-applicant on
 * (not one they declined), newest round first, each with where it stands and what to do next
 * (./applicant-stage.ts). Only the member's own rows are read, and each is still asked of the policy
 * (`fundApplication.view`) before it is listed.
 */
import { db } from '~db/connection';
import { can, type Actor } from '~/policies';
import type { FundApplicationSubject } from '~/policies/funding';
import { isAcceptingApplications, isReviewOpen } from './rounds.server';
import { applicantStage, type NextStep, type Stage, type Waiting } from './applicant-stage';
import { getVote } from './vote-proposal.server';

export interface MyApplication {
  id: string;
  title: string;
  roundId: string;
  roundName: string;
  role: 'lead' | 'co-applicant';
  amount: number | null;
  awarded: number | null;
  stage: Stage;
  next: NextStep | null;
  waitingFor: Waiting[];
  /** Funded: both reports with their dates and whether they are in. */
  reports: { kind: 'mid' | 'end'; dueOn: string; status: 'due' | 'submitted' }[];
}

export async function myApplications(actor: Actor, now = Date.now()): Promise<MyApplication[]> {
  const rows = await db
    .selectFrom('fund_applications as a')
    .innerJoin('fund_rounds as r', 'r.id', 'a.round_id')
    .leftJoin('fund_co_applicants as me', (j) => j.onRef('me.application_id', '=', 'a.id').on('me.user_id', '=', actor.id))
    .select([
      'a.id',
      'a.title',
      'a.status',
      'a.kind',
      'a.host_status',
      'a.amount',
      'a.lead_id',
      'a.updated_at',
      'r.id as roundId',
      'r.name as roundName',
      'r.status as roundStatus',
      'r.opens_at as opensAt',
      'r.closes_at as closesAt',
      'r.review_opened_at as reviewOpenedAt',
      'me.status as myCoStatus',
    ])
    .where((eb) => eb.or([eb('a.lead_id', '=', actor.id), eb.and([eb('me.user_id', '=', actor.id), eb('me.status', '!=', 'declined')])]))
    .orderBy('r.closes_at', 'desc')
    .orderBy('a.updated_at', 'desc')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const roundIds = [...new Set(rows.map((r) => r.roundId))];
  const [co, votes, awards, reports] = await Promise.all([
    db.selectFrom('fund_co_applicants').select(['application_id', 'status']).where('application_id', 'in', ids).execute(),
    // A member's applications span a few rounds: one vote (a governance proposal, fundgov) per round.
    Promise.all(roundIds.map((id) => getVote(id))).then((found) => found.filter((v) => v !== undefined)),
    db.selectFrom('fund_awards').select(['application_id', 'amount', 'accepted_at']).where('application_id', 'in', ids).execute(),
    db.selectFrom('fund_reports').select(['application_id', 'kind', 'due_on', 'status', 'stopped_early']).where('application_id', 'in', ids).orderBy('due_on').execute(),
  ]);
  const out: MyApplication[] = [];
  for (const r of rows) {
    const isLead = r.lead_id === actor.id;
    const round = { status: r.roundStatus, opensAt: r.opensAt, closesAt: r.closesAt, reviewOpenedAt: r.reviewOpenedAt };
    const waitingFor: Waiting[] = [];
    if (r.kind === 'group' && r.host_status !== 'accepted') waitingFor.push('host');
    if (co.some((c) => c.application_id === r.id && c.status !== 'accepted')) waitingFor.push('co-applicants');
    const vote = votes.find((v) => v.round_id === r.roundId);
    const subject: FundApplicationSubject = {
      status: r.status,
      isLead,
      isCoApplicant: !isLead && r.myCoStatus !== null && r.myCoStatus !== 'declined',
      isPanel: false,
      declaredConflict: false,
      roundOpen: isAcceptingApplications(round, now),
      reviewOpen: isReviewOpen(round),
      counts: r.status === 'submitted' && waitingFor.length === 0,
      voteCounted: vote?.status === 'closed' || vote?.status === 'confirmed',
      voteOpened: !!vote,
    };
    if (!can(actor, 'fundApplication.view', subject)) continue;
    const award = awards.find((a) => a.application_id === r.id) ?? null;
    const mine = reports.filter((p) => p.application_id === r.id);
    const { stage, next } = applicantStage({
      status: r.status,
      counts: waitingFor.length === 0,
      waitingFor,
      round: { status: r.roundStatus, closesAt: r.closesAt, reviewOpen: isReviewOpen(round) },
      vote: vote ? { status: vote.status, closesAt: vote.closes_at, shortlisted: (JSON.parse(vote.shortlist) as string[]).includes(r.id) } : null,
      award: award ? { acceptedAt: award.accepted_at } : null,
      reports: mine.map((p) => ({ kind: p.kind, dueOn: p.due_on, status: p.status, stoppedEarly: p.stopped_early === 1 })),
      isLead,
      confirmed: isLead || r.myCoStatus === 'accepted',
      now,
    });
    out.push({
      id: r.id,
      title: r.title,
      roundId: r.roundId,
      roundName: r.roundName,
      role: isLead ? 'lead' : 'co-applicant',
      amount: r.amount,
      awarded: award?.amount ?? null,
      stage,
      next,
      waitingFor,
      reports: r.status === 'funded' ? mine.map((p) => ({ kind: p.kind, dueOn: p.due_on, status: p.status })) : [],
    });
  }
  return out;
}
