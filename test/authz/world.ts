/**
 * The world the authorization matrix runs in: the demo network (`db/seed/*`, the same data a newcomer sees
 * after `npm run seed:demo`) plus one unrelated member, and a **canary** planted in every kind of private
 * value. A canary is a unique string; each says who may ever read it. After every request the matrix
 * checks that no canary reached a body its reader may not see.
 */
import fs from 'node:fs';
import path from 'node:path';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';
import { createSessionCookie } from '~/modules/auth/session.server';
import { introduce } from '~/modules/directory/contact.server';
import { DAY } from '~/modules/governance/dates';
import { castVote } from '~/modules/governance/proposal-voting.server';
import { createProposal } from '~/modules/governance/proposal-lifecycle.server';
import { DEMO_PEOPLE, seedFoundation } from '~db/seed/foundation';
import { seedDirectory } from '~db/seed/directory';
import { seedMentoring } from '~db/seed/mentoring';
import { seedNotices } from '~db/seed/notices';
import { seedGovernance } from '~db/seed/governance';
import { seedBids } from '~db/seed/bids';
import { seedFunding } from '~db/seed/funding';
import { AUTUMN_ROUND } from '~db/seed/funding-autumn';
import { SPRING_ROUND } from '~db/seed/funding-spring';
import { WINTER_ROUND } from '~db/seed/funding-winter';
import { VOTE_OPEN_ROUND, seedMatrixFundRounds } from './fund-world';
import { makeMember } from '../factories';

/** Demo people by key (`steward`, `amina`, `tariq`…, see db/seed/foundation.ts) plus `outsider`. */
export type PersonKey = (typeof DEMO_PEOPLE)[number]['key'] | 'outsider';

export interface Canary {
  value: string;
  what: string;
  /** Person keys who may read it; everyone else (and visitors) must never receive it. */
  seenBy: PersonKey[];
}

export interface World {
  people: Record<PersonKey, string>;
  cookies: Record<PersonKey, string>;
  canaries: Canary[];
  ids: {
    bid: string; // "Safe homes": lead amina; partners bilal, ioana; reviewer tariq
    bidDocument: string;
    bidFile: string;
    mentorship: string; // tariq mentors amina
    mentoringSession: string;
    notice: string; // members-only, by kwame, with a file
    noticeFile: string;
    publicNotice: string;
    hiddenNotice: string; // amina's, hidden by the steward
    openProposal: string; // open, public ballot
    secretProposal: string; // open, secret ballot, results hidden until close
    closedProposal: string;
    proposalFile: string;
    group: string;
    org: string; // slug of an organisation amina leads
    orgId: string;
    conversation: string; // amina ↔ bilal
    application: string;
    fundRound: string; // open seed-fund round (spring 2027), panel mentor1–3
    fundApplication: string; // ioana's, submitted
    fundDraft: string; // mariam's draft
    fundReviewRound: string; // winter 2026 pitch day: in review, panel decides; panel mentor1–3
    fundReviewApplication: string; // piotr's: mentor1 scored it, mentor2 declared a conflict
    fundAwarded: string; // ioana's, funded in a decided round (panel mentor1), letter not accepted
    fundNotAwarded: string; // mariam's, not funded in that round
    fundVoteRound: string; // autumn 2026, decided by the members' vote (counted, confirmed)
    fundVoteOpenRound: string; // panel shortlisted; members' vote open; yonas applied (test/authz/fund-world.ts)
    fundVoteApplication: string; // yonas's, on that ballot
    fundGrant: string; // amina's grant (autumn 2026): paid to her host, end report in with a photo
    fundGrantPhoto: string;
    fundHostApplication: string; // layla's group, hosted by amina's organisation (not answered yet)
    fundSlot: string; // a conversation tariq (mentor1) offers in the open round, booked by yonas
    fundDecidedRound: string; // autumn 2026: decided, with awards and a round report
    fundVoteProposal: string; // fundgov: the governance proposal (kind fund_vote) of fundVoteOpenRound's vote
  };
}

function storeFile(relative: string, body: string) {
  const full = path.join(env.uploadDir, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, body);
}

export async function buildWorld(): Promise<World> {
  const demo = await seedFoundation('demo-password-2026');
  await seedDirectory(demo);
  await seedMentoring(demo);
  await seedNotices(demo);
  await seedGovernance(demo);
  await seedBids(demo);
  await seedFunding(demo);
  await seedMatrixFundRounds(demo);
  const outsider = await makeMember({ name: 'Una Related', email: 'outsider@example.org' });
  const people = { ...demo, outsider: outsider.id } as Record<PersonKey, string>;
  const now = Date.now();
  const canaries: Canary[] = [];
  const plant = (value: string, what: string, seenBy: PersonKey[]) => {
    canaries.push({ value, what, seenBy });
    return value;
  };

  // Members-only canaries are readable by every member; only visitors are refused.
  const everyMember = Object.keys(people) as PersonKey[];

  // Directory: contact details by visibility. Amina's profile is public, so visitors get a page.
  await db
    .updateTable('profiles')
    .set({
      public_profile: 1,
      phone: plant('+44 7700 900111', "amina's phone (only me)", ['amina']),
      phone_visibility: 'me',
      whatsapp: plant('+44 7700 900222', "amina's WhatsApp (members)", everyMember),
      whatsapp_visibility: 'members',
      email_visibility: 'me',
    })
    .where('user_id', '=', people.amina)
    .execute();

  // A photo on a members-only profile: members may see it, visitors get a 404.
  storeFile('photos/bilal.webp', plant('CANARY-PHOTO-BYTES', "a members-only member's photo", everyMember));
  await db.updateTable('profiles').set({ photo_path: 'photos/bilal.webp', photo_updated_at: now, public_profile: 0 }).where('user_id', '=', people.bilal).execute();

  // Direct messages: only the two people in the conversation.
  await introduce({ id: people.amina, name: 'Amina Yusuf' }, people.bilal, plant('CANARY-DIRECT-MESSAGE amina to bilal', 'a direct message', ['amina', 'bilal']));
  const conversation = await db.selectFrom('directory_conversations').select('id').where((eb) => eb.or([eb('a_id', '=', people.amina), eb('b_id', '=', people.amina)])).executeTakeFirstOrThrow();

  // Mentoring: notes are the mentor's and mentee's only — not the steward's.
  const mentorship = await db.selectFrom('mentorships').select('id').where('mentor_id', '=', people.mentor1).where('mentee_id', '=', people.amina).executeTakeFirstOrThrow();
  const session = await db.selectFrom('mentoring_sessions').select('id').where('mentorship_id', '=', mentorship.id).executeTakeFirstOrThrow();
  await db.updateTable('mentoring_sessions').set({ notes: plant('CANARY-MENTORING-NOTE', 'a mentoring session note', ['mentor1', 'amina']) }).where('id', '=', session.id).execute();
  const goal = await db.selectFrom('mentoring_goals').select('id').where('mentorship_id', '=', mentorship.id).executeTakeFirstOrThrow();
  await db.insertInto('mentoring_goal_notes').values({ goal_id: goal.id, author_id: people.amina, status: 'in_progress', body: plant('CANARY-GOAL-NOTE', 'a mentoring goal note', ['mentor1', 'amina']), created_at: now }).execute();

  // Bids: only partners (lead amina, partners bilal/ioana, reviewer tariq) know this bid exists.
  const bid = await db.selectFrom('bids').select(['id', 'document_id']).where('title', '=', 'Safe homes, strong voices').executeTakeFirstOrThrow();
  const bidPartners: PersonKey[] = ['amina', 'bilal', 'ioana', 'mentor1'];
  await db.updateTable('bids').set({ funder: plant('CANARY-BID-FUNDER', 'a bid’s funder', bidPartners), outcome_feedback: null }).where('id', '=', bid.id).execute();
  const bidFile = newId();
  storeFile(`bids/${bidFile}.txt`, plant('CANARY-BID-FILE-BYTES', 'a bid attachment', bidPartners));
  await db.insertInto('bid_attachments').values({ id: bidFile, bid_id: bid.id, name: 'budget.txt', mime: 'text/plain', size: 21, path: `bids/${bidFile}.txt`, uploaded_by: people.amina, created_at: now }).execute();

  // Notices: a members-only notice with a file; amina's notice hidden by the steward with a note.
  const noticeFile = newId();
  storeFile(`notices/${noticeFile}.txt`, plant('CANARY-NOTICE-FILE-BYTES', 'a members-only notice file', everyMember));
  await db.insertInto('notice_files').values({ id: noticeFile, notice_id: 'demo-notice-01', path: `notices/${noticeFile}.txt`, name: 'sofas.txt', mime: 'text/plain', size: 24, alt: null, thumb_path: null, position: 0, created_at: now }).execute();
  await db.updateTable('notices').set({ title: plant('CANARY-MEMBERS-ONLY-NOTICE sofas', 'a members-only notice', everyMember) }).where('id', '=', 'demo-notice-01').execute();
  await db.updateTable('notices').set({ hidden: 1, hidden_note: plant('CANARY-HIDDEN-NOTE', "the steward's note on a hidden notice", ['amina', 'steward']), hidden_at: now }).where('id', '=', 'demo-notice-02').execute();

  // Governance: an open secret ballot whose results stay hidden until it closes.
  const secretProposal = await createProposal(
    { title: 'Choose the treasurer', body: 'Secret ballot.', kind: 'ordinary', secret: true, hideResults: true, allowCloseEarly: false, quorumPercent: 0, writtenMajority: 'ordinary', pollMode: 'single', pollBinding: false, options: [], maxScore: 5, seats: 1, opensAt: now, closesAt: now + 7 * DAY },
    { id: people.steward, role: 'steward' },
    now,
  );
  await castVote(secretProposal, { id: people.amina }, people.amina, { choice: 'against', reason: plant('CANARY-SECRET-BALLOT-REASON', 'a reason on a secret ballot', []) }, now + 1);
  const openProposal = await db.selectFrom('governance_proposals').select('id').where('status', '=', 'open').where('secret', '=', 0).where('kind', '!=', 'written').executeTakeFirstOrThrow();
  await castVote(openProposal.id, { id: people.bilal }, people.bilal, { choice: 'for', reason: null }, now + 1).catch(() => undefined);
  const closedProposal = await db.selectFrom('governance_proposals').select('id').where('status', '=', 'closed').where('kind', '=', 'ordinary').executeTakeFirstOrThrow();
  const proposalFile = newId();
  storeFile(`governance/${proposalFile}.txt`, plant('CANARY-PROPOSAL-FILE-BYTES', 'a proposal attachment (members only)', everyMember));
  await db.insertInto('governance_attachments').values({ id: proposalFile, proposal_id: openProposal.id, uploaded_by: people.steward, path: `governance/${proposalFile}.txt`, name: 'plan.txt', mime: 'text/plain', size: 26, created_at: now }).execute();
  for (const r of await db.selectFrom('governance_secret_ballots').select(['receipt_hash', 'owner_tag']).execute()) {
    plant(r.receipt_hash, 'a secret ballot receipt hash', []);
    if (r.owner_tag) plant(r.owner_tag, 'a secret ballot owner tag', []);
  }

  // Membership: an application with a voice note — the steward's eyes only.
  const application = newId();
  storeFile(`applications/${application}.webm`, plant('CANARY-VOICE-NOTE-BYTES', "an applicant's voice note", ['steward']));
  await db
    .insertInto('applications')
    .values({
      id: application,
      name: 'Canary Applicant',
      email: plant('canary-applicant@example.org', "an applicant's email", ['steward']),
      city: 'coventry',
      languages: '["ar"]',
      about: plant('CANARY-APPLICATION-ABOUT', "an applicant's story", ['steward']),
      locale: 'ar',
      note_path: `applications/${application}.webm`,
      note_mime: 'audio/webm',
      note_size: 23,
      note_duration: 5,
      status: 'pending',
      decision_message: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: now,
    })
    .execute();
  await db.insertInto('outbox').values({ to_address: 'someone@example.org', subject: 'Reset', text_body: plant('CANARY-OUTBOX-BODY', 'an email in the outbox', ['steward']), kind: 'auth.reset', status: 'logged', attempts: 0, error: null, created_at: now, sent_at: null, reply_to: null }).execute();

  // Secrets of the system itself: never in any body.
  for (const u of await db.selectFrom('users').select('password_hash').execute()) plant(u.password_hash, 'a password hash', []);

  const org = await db
    .selectFrom('organisations')
    .innerJoin('organisation_members', 'organisation_members.org_id', 'organisations.id')
    .select(['slug', 'organisations.id'])
    .where('organisation_members.user_id', '=', people.amina)
    .where('organisation_members.role', '=', 'lead')
    .executeTakeFirstOrThrow();
  const group = await db.selectFrom('governance_groups').select('id').where('id', '!=', 'directors').executeTakeFirstOrThrow();
  const publicNotice = await db.selectFrom('notices').select('id').where('is_public', '=', 1).where('hidden', '=', 0).executeTakeFirstOrThrow();

  // Seed fund: an application is seen only by its applicants, the round's panel and stewards; a draft
  // only by its applicant (issue 14, "Privacy and permissions").
  const fundRound = await db.selectFrom('fund_rounds').select('id').where('name', '=', SPRING_ROUND).executeTakeFirstOrThrow();
  const fundApplication = await db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.ioana).where('round_id', '=', fundRound.id).executeTakeFirstOrThrow();
  const fundDraft = await db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.mariam).where('round_id', '=', fundRound.id).executeTakeFirstOrThrow();
  await db.updateTable('fund_answers').set({ text: plant('CANARY-FUND-ANSWER', 'a seed-fund application answer', ['ioana', 'steward', 'mentor1', 'mentor2', 'mentor3']) }).where('application_id', '=', fundApplication.id).where('question_id', '=', 'q1').execute();
  await db.updateTable('fund_answers').set({ text: plant('CANARY-FUND-DRAFT', 'a seed-fund draft answer', ['mariam']) }).where('application_id', '=', fundDraft.id).where('question_id', '=', 'q1').execute();
  // Review: a reviewer's comment is seen by reviewers who have scored and by stewards — never by the
  // applicant before the decision, nor by a reviewer who has not scored or declared a conflict.
  const fundReviewRound = await db.selectFrom('fund_rounds').select('id').where('name', '=', WINTER_ROUND).executeTakeFirstOrThrow();
  const fundReviewApplication = await db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.piotr).where('round_id', '=', fundReviewRound.id).executeTakeFirstOrThrow();
  await db.updateTable('fund_scores').set({ comment: plant('CANARY-FUND-SCORE', "a reviewer's comment", ['mentor1', 'steward']) }).where('application_id', '=', fundReviewApplication.id).where('criterion_id', '=', 'c1').execute();
  // Award letters: a decided round where ioana's application is funded and mariam's is not. The title
  // is in the letter: its applicants, the panel that scored it and the stewards — nobody else.
  const { fundAwarded, fundNotAwarded } = await decidedRound(people);
  await db.updateTable('fund_applications').set({ title: plant('CANARY-FUND-AWARD-TITLE', 'a funded project in its award letter', ['ioana', 'steward', 'mentor1']) }).where('id', '=', fundAwarded).execute();
  // Members' vote: members see each project only by its public summary, never the answers.
  const fundVoteRound = await db.selectFrom('fund_rounds').select('id').where('name', '=', AUTUMN_ROUND).executeTakeFirstOrThrow();
  const fundVoteOpenRound = await db.selectFrom('fund_rounds').select('id').where('name', '=', VOTE_OPEN_ROUND).executeTakeFirstOrThrow();
  const fundVoteApplication = await db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.yonas).where('round_id', '=', fundVoteOpenRound.id).executeTakeFirstOrThrow();
  await db.updateTable('fund_answers').set({ text: plant('CANARY-FUND-VOTE-ANSWER', 'an answer of an application in a members’ vote', ['yonas', 'steward', 'mentor3']) }).where('application_id', '=', fundVoteApplication.id).execute();
  // Grants (fundmoney): payments and reports are the stewards' and the grantee's only — not the panel's.
  const grantRound = await db.selectFrom('fund_rounds').select('id').where('name', '=', AUTUMN_ROUND).executeTakeFirstOrThrow();
  const fundGrant = await db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.amina).where('round_id', '=', grantRound.id).where('status', '=', 'funded').executeTakeFirstOrThrow();
  const endReport = await db.selectFrom('fund_reports').select('id').where('application_id', '=', fundGrant.id).where('kind', '=', 'end').executeTakeFirstOrThrow();
  await db.updateTable('fund_reports').set({ did_not_work: plant('CANARY-FUND-REPORT', "a grant report's answer", ['amina', 'steward']) }).where('id', '=', endReport.id).execute();
  await db.updateTable('fund_payments').set({ reference: plant('CANARY-FUND-PAYMENT', "a grant payment's bank reference", ['amina', 'steward']) }).where('application_id', '=', fundGrant.id).execute();
  const fundGrantPhoto = await db.selectFrom('fund_report_files').select(['id', 'path']).where('report_id', '=', endReport.id).where('kind', '=', 'photo').executeTakeFirstOrThrow();
  storeFile(fundGrantPhoto.path, plant('CANARY-FUND-PHOTO-BYTES', "a grant report's photo", ['amina', 'steward']));
  // A group's answers never reach its host organisation (which sees only the public summary) (fundslots).
  await db.updateTable('fund_answers').set({ text: plant('CANARY-FUND-HOSTED-ANSWER', "a hosted group's answer", ['layla', 'chidi', 'steward', 'mentor1', 'mentor2', 'mentor3']) }).where('application_id', 'in', db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.layla).where('round_id', '=', fundRound.id)).where('question_id', '=', 'q1').execute();
  // What an applicant writes when booking a conversation: its host, the booker and stewards only (fundslots).
  await db.updateTable('fund_slots').set({ booker_note: plant('CANARY-FUND-SLOT-NOTE', "a conversation booker's note", ['yonas', 'mentor1', 'steward']) }).where('booked_by', '=', people.yonas).execute();
  // A panel member's comment on a pitch: for that member only (the steward's screen shows the spread) (fundslots).
  await db.updateTable('fund_pitch_scores').set({ comment: plant('CANARY-FUND-PITCH-COMMENT', "a panel member's pitch comment", ['mentor3']) }).where('reviewer_id', '=', people.mentor3).where('criterion_id', '=', 'c1').execute();
  // Seed fund evidence and Q&A (fundevidence): a question waiting for its answer is seen by its asker and
  // those who answer (stewards, the round's panel); the lessons in a round report by stewards only.
  await db.updateTable('fund_round_questions').set({ question: plant('CANARY-FUND-QUESTION', 'a round question waiting for an answer', ['layla', 'steward', 'mentor1', 'mentor2', 'mentor3']) }).where('answered_at', 'is', null).execute();
  const fundDecidedRound = await db.selectFrom('fund_rounds').select('id').where('name', '=', AUTUMN_ROUND).executeTakeFirstOrThrow();
  await db.updateTable('fund_round_evidence').set({ lessons: plant('CANARY-FUND-LESSONS', "the stewards' lessons in a round report", ['steward']) }).where('round_id', '=', fundDecidedRound.id).execute();
  const cookies = {} as Record<PersonKey, string>;
  for (const [key, id] of Object.entries(people)) cookies[key as PersonKey] = (await createSessionCookie(id)).split(';')[0]!;
  return {
    people,
    cookies,
    canaries,
    ids: {
      bid: bid.id,
      bidDocument: bid.document_id!,
      bidFile,
      mentorship: mentorship.id,
      mentoringSession: session.id,
      notice: 'demo-notice-01',
      noticeFile,
      publicNotice: publicNotice.id,
      hiddenNotice: 'demo-notice-02',
      openProposal: openProposal.id,
      secretProposal,
      closedProposal: closedProposal.id,
      proposalFile,
      group: group.id,
      org: org.slug,
      orgId: org.id,
      conversation: conversation.id,
      application,
      fundRound: fundRound.id,
      fundApplication: fundApplication.id,
      fundDraft: fundDraft.id,
      fundReviewRound: fundReviewRound.id,
      fundReviewApplication: fundReviewApplication.id,
      fundAwarded,
      fundNotAwarded,
      fundVoteRound: fundVoteRound.id,
      fundVoteOpenRound: fundVoteOpenRound.id,
      fundVoteApplication: fundVoteApplication.id,
      fundGrant: fundGrant.id,
      fundGrantPhoto: fundGrantPhoto.id,
      fundSlot: (await db.selectFrom('fund_slots').select('id').where('booked_by', '=', people.yonas).executeTakeFirstOrThrow()).id,
      fundHostApplication: (await db.selectFrom('fund_applications').select('id').where('lead_id', '=', people.layla).where('round_id', '=', fundRound.id).executeTakeFirstOrThrow()).id,
      fundDecidedRound: fundDecidedRound.id,
      fundVoteProposal: (await db.selectFrom('fund_votes').select('proposal_id').where('round_id', '=', fundVoteOpenRound.id).executeTakeFirstOrThrow()).proposal_id!,
    },
  };
}

/** A panel-decided round, made through the seed fund's own functions: ioana funded, mariam not. */
async function decidedRound(people: Record<PersonKey, string>) {
  const { createRound, openRound } = await import('~/modules/funding/rounds.server');
  const { saveApplication, startApplication } = await import('~/modules/funding/applications.server');
  const { confirmAwards, openReview } = await import('~/modules/funding/panel.server');
  const { submitScores } = await import('~/modules/funding/reviews.server');
  const steward = { id: people.steward, role: 'steward' as const };
  const member = (key: PersonKey) => ({ id: people[key], role: 'member' as const });
  const now = Date.now();
  const past = now - 30 * DAY;
  const r = await createRound(
    steward,
    { name: 'Matrix: a decided round', description: 'd', pot: 1000, minGrant: 100, maxGrant: 1000, themes: [], cities: [], eligibility: [], questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false, minLivedExperience: 0, opensAt: past, closesAt: now - DAY, panel: [people.mentor1], conditions: 'Spend it by the end of the year.' },
    past,
  );
  if (!('id' in r)) throw new Error('matrix round refused');
  await openRound(steward, r.id, past);
  const ids: string[] = [];
  for (const key of ['ioana', 'mariam'] as const) {
    const s = await startApplication(member(key), r.id, {}, past);
    if (!('id' in s)) throw new Error('matrix application refused');
    ids.push(s.id);
    await saveApplication(member(key), s.id, { title: `Project of ${key}`, summary: 'S', amount: 1000, budgetLines: [{ label: 'All', amount: 1000 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Do it.' }, media: {}, removeMedia: [] }, { submit: true }, past);
  }
  await openReview(steward, r.id, now);
  await submitScores(member('mentor1'), ids[0]!, { c1: { score: 5, comment: 'Strong.' } }, now);
  await submitScores(member('mentor1'), ids[1]!, { c1: { score: 2, comment: 'Weaker.' } }, now);
  await confirmAwards(steward, r.id, now);
  return { fundAwarded: ids[0]!, fundNotAwarded: ids[1]! };
}
