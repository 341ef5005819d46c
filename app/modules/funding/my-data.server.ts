import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { eraseGrantReports, grantsData } from './grants-data.server';
import { eraseQuestions, questionsAskedBy } from './qa.server';

/**
 * "Your data", seed fund part: the member's applications (answers in full; a recording by type and
 * size), the joint applications they are named on, the panels they sit on, and the scores and
 * conflict declarations they made as a reviewer. Never other reviewers' scores of their application.
 */
export async function fundingData(userId: string) {
  const [applications, coApplications, panels, scores, conflicts] = await Promise.all([
    db
      .selectFrom('fund_applications as a')
      .innerJoin('fund_rounds as r', 'r.id', 'a.round_id')
      .select(['a.id', 'r.name as round', 'a.kind', 'a.title', 'a.summary', 'a.amount', 'a.budget_lines', 'a.themes', 'a.status', 'a.submitted_at', 'a.created_at', 'a.updated_at'])
      .where('a.lead_id', '=', userId)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('fund_co_applicants as c')
      .innerJoin('fund_applications as a', 'a.id', 'c.application_id')
      .select(['a.title', 'c.status', 'c.responded_at'])
      .where('c.user_id', '=', userId)
      .execute(),
    db.selectFrom('fund_panel as p').innerJoin('fund_rounds as r', 'r.id', 'p.round_id').select(['r.name as round', 'p.added_at']).where('p.user_id', '=', userId).execute(),
    db.selectFrom('fund_scores').select(['application_id', 'criterion_id', 'score', 'comment', 'submitted_at']).where('reviewer_id', '=', userId).execute(),
    db.selectFrom('fund_conflicts').select(['application_id', 'decision', 'explanation', 'decided_at']).where('reviewer_id', '=', userId).execute(),
  ]);
  const answers = applications.length
    ? await db.selectFrom('fund_answers').select(['application_id', 'question_id', 'text', 'media_mime', 'media_size']).where('application_id', 'in', applications.map((a) => a.id)).execute()
    : [];
  // Award letters (funding2): the awards on the member's applications and when they accepted them.
  const awards = await db
    .selectFrom('fund_awards as w')
    .innerJoin('fund_applications as a', 'a.id', 'w.application_id')
    .select(['a.title', 'w.amount', 'w.partial', 'w.confirmed_at', 'w.accepted_at'])
    .where('a.lead_id', '=', userId)
    .execute();
  return {
    awards,
    applications: applications.map(({ budget_lines: lines, themes, ...a }) => ({
      ...a,
      budgetLines: JSON.parse(lines) as unknown,
      themes: JSON.parse(themes) as unknown,
      answers: answers
        .filter((x) => x.application_id === a.id)
        .map((x) => ({ question: x.question_id, text: x.text, recording: x.media_mime ? { type: x.media_mime, bytes: x.media_size } : null })),
    })),
    jointApplicationsNamedOn: coApplications,
    panels,
    scoresYouGave: scores,
    conflictsYouDeclared: conflicts,
    // Members' votes: that the member voted, never what (ballots are not linked to voters).
    membersVotesYouVotedIn: await db
      .selectFrom('governance_voters as g')
      .innerJoin('fund_votes as v', 'v.proposal_id', 'g.proposal_id')
      .innerJoin('fund_rounds as r', 'r.id', 'v.round_id')
      .select('r.name as round')
      .where('g.user_id', '=', userId)
      .execute(),
    grants: await grantsData(userId),
    // Round Q&A (fundevidence).
    roundQuestionsYouAsked: await questionsAskedBy(userId),
    // Conversations before applying and pitch day (fundslots; added by fund-audit).
    ...(await slotsAndPitchData(userId)),
  };
}

async function slotsAndPitchData(userId: string) {
  const slot = (col: 'booked_by' | 'host_id') =>
    db
      .selectFrom('fund_slots as s')
      .innerJoin('fund_rounds as r', 'r.id', 's.round_id')
      .select(['r.name as round', 's.starts_at', 's.minutes', 's.mode', 's.details', 's.booked_at', 's.booker_note'])
      .where(`s.${col}`, '=', userId)
      .orderBy('s.starts_at')
      .execute();
  const [booked, offered, pitchScores] = await Promise.all([
    slot('booked_by'),
    slot('host_id'),
    db.selectFrom('fund_pitch_scores').select(['application_id', 'criterion_id', 'score', 'comment', 'submitted_at']).where('reviewer_id', '=', userId).execute(),
  ]);
  return {
    conversationsYouBooked: booked.map((b) => ({ round: b.round, startsAt: b.starts_at, minutes: b.minutes, mode: b.mode, details: b.details, bookedAt: b.booked_at, yourNote: b.booker_note })),
    // Who booked the member's slots is the bookers' own data: only that a slot was taken.
    conversationsYouOffered: offered.map((o) => ({ round: o.round, startsAt: o.starts_at, minutes: o.minutes, mode: o.mode, details: o.details, booked: o.booked_at !== null })),
    pitchScoresYouGave: pitchScores,
  };
}

/**
 * On deletion: drafts and withdrawn applications go entirely; submitted and decided ones keep only
 * what the round's record needs (title, amount, status — shown as by a former member) and lose every
 * answer and recording. Joint-application and panel places go. Returns the recordings to remove
 * from disk once the transaction has committed.
 */
export async function eraseFundingData(trx: Transaction<Database>, userId: string): Promise<{ path: string; thumbPath?: string | null }[]> {
  const reportFiles = await eraseGrantReports(trx, userId);
  const apps = await trx.selectFrom('fund_applications').select(['id', 'status']).where('lead_id', '=', userId).execute();
  const ids = apps.map((a) => a.id);
  const media = ids.length
    ? (await trx.selectFrom('fund_answers').select('media_path').where('application_id', 'in', ids).where('media_path', 'is not', null).execute()).map((m) => ({ path: m.media_path! }))
    : [];
  if (ids.length) await trx.deleteFrom('fund_answers').where('application_id', 'in', ids).execute();
  const gone = apps.filter((a) => a.status === 'draft' || a.status === 'withdrawn').map((a) => a.id);
  if (gone.length) await trx.deleteFrom('fund_applications').where('id', 'in', gone).execute();
  const kept = ids.filter((id) => !gone.includes(id));
  if (kept.length) await trx.updateTable('fund_applications').set({ summary: '', eligibility_answers: '{}' }).where('id', 'in', kept).execute();
  await trx.deleteFrom('fund_co_applicants').where('user_id', '=', userId).execute();
  await trx.deleteFrom('fund_panel').where('user_id', '=', userId).execute();
  // Members' votes already counted no longer need to know who could vote or who voted (the counts are
  // stored on the vote); an open vote keeps them so a ballot cannot be cast twice.
  // (Since fundgov the vote is a governance proposal of kind 'fund_vote': those rows are governance's.)
  const counted = trx.selectFrom('governance_proposals').select('id').where('kind', '=', 'fund_vote').where('status', '!=', 'open');
  await trx.deleteFrom('governance_voters').where('user_id', '=', userId).where('proposal_id', 'in', counted).execute();
  await trx.deleteFrom('governance_electorate').where('user_id', '=', userId).where('proposal_id', 'in', counted).execute();
  await eraseQuestions(trx, userId);
  // Conversations: what they wrote when booking goes; a future booking is freed for someone else;
  // slots they offered and nobody booked go (a booked one stays for its booker, by a former member).
  const now = Date.now();
  await trx.updateTable('fund_slots').set({ booker_note: '' }).where('booked_by', '=', userId).execute();
  await trx.updateTable('fund_slots').set({ booked_by: null, booked_at: null }).where('booked_by', '=', userId).where('starts_at', '>', now).execute();
  await trx.deleteFrom('fund_slots').where('host_id', '=', userId).where('booked_by', 'is', null).execute();
  return [...media, ...reportFiles];
}
