/**
 * Who may do what in the seed fund. Pure predicates over loaded data; see ./core.ts and ./index.ts.
 *
 * Privacy (issue 14): an application is seen only by its applicants, the round's panel and stewards —
 * and a draft only by its applicants. Reviewers' names never reach applicants ('fundApplication.seeReviews'
 * is false for every applicant, even one who is also a steward or sits on the panel).
 */
import { isSteward, member, type NoSubject, type Rule } from './core';
import type { FundApplicationStatus, FundRoundStatus } from '~db/schema.funding';

export interface FundRoundSubject {
  status: FundRoundStatus;
  opensAt: number;
  closesAt: number;
  now: number;
}

export interface FundApplicationSubject {
  status: FundApplicationStatus;
  /** The lead applicant. */
  isLead: boolean;
  /** Named as a co-applicant (and has not declined). */
  isCoApplicant: boolean;
  /** On the round's panel. */
  isPanel: boolean;
  /** This reviewer declared a conflict of interest on this application. */
  declaredConflict: boolean;
  /** The round is open and before its closing time. */
  roundOpen: boolean;
  /** A steward opened review for the round and it has not been decided yet. */
  reviewOpen: boolean;
  /** Submitted and counting: a group's host accepted and every co-applicant confirmed (fund-audit). */
  counts: boolean;
  /** The round's members' vote has been counted (closed or confirmed): the shortlist is settled (fund-audit). */
  voteCounted: boolean;
  /** The round's members' vote has opened (whatever its state now): who applies is frozen with it (fund-audit). */
  voteOpened: boolean;
}

/** A round seen from the review side: the panel's list, moderation and the decision. */
export interface FundReviewSubject {
  status: FundRoundStatus;
  isPanel: boolean;
  reviewOpen: boolean;
  /** How the round decides: only 'panel' is decided by the stewards confirming the panel's ranking. */
  method: 'panel' | 'members' | 'panel-then-members';
  /** The actor is the lead or a co-applicant of an application in this round (fund-audit). */
  appliesInRound: boolean;
}

/** A decided application seen from its award letter (funding2: award letters). */
export interface FundAwardSubject {
  /** The stewards confirmed an award for this application. */
  hasAward: boolean;
  isLead: boolean;
  isCoApplicant: boolean;
  /** The award letter was accepted already. */
  accepted: boolean;
}

/** A round decided by the members' vote (members decide, or panel shortlists then members decide). */
export interface FundVoteSubject {
  method: 'panel' | 'members' | 'panel-then-members';
  roundStatus: FundRoundStatus;
  reviewOpen: boolean;
  /** The round's closing time has passed: no more applications or edits. */
  applicationsClosed: boolean;
  vote: 'none' | 'open' | 'closed' | 'confirmed';
  /** The vote is open and before its closing time. */
  votingOpen: boolean;
  /** In the electorate frozen when the vote opened. */
  inElectorate: boolean;
  /** The actor leads or co-applies for an application in this round: another steward opens and confirms. */
  appliedInRound: boolean;
}

/** A grant (an award) seen by someone: the grantee is the lead or a co-applicant who has not declined. */
export interface FundGrantSubject {
  isGrantee: boolean;
  /** The end report is in (completed, or stopped early): nothing more is due. */
  closed: boolean;
}

export interface FundReportSubject extends FundGrantSubject {
  kind: 'mid' | 'end';
  submitted: boolean;
}

const isApplicant = (s: FundApplicationSubject) => s.isLead || s.isCoApplicant;
const beyondDraft = (s: FundApplicationSubject) => s.status !== 'draft';

export const fundingPolicy = {
  'fundRound.create': member<NoSubject>('forbidden', (a) => isSteward(a)),
  /** Drafts of rounds are the stewards' working copies. */
  'fundRound.view': member<FundRoundSubject>('not-found', (a, r) => isSteward(a) || r.status !== 'draft'),
  'fundRound.manage': member<FundRoundSubject>('forbidden', (a) => isSteward(a)),
  'fundRound.apply': member<FundRoundSubject>('forbidden', (_a, r) => r.status === 'open' && r.now >= r.opensAt && r.now < r.closesAt),
  /** The panel reads applications once applications have closed — a panel member may apply in the same
   *  round and could otherwise rewrite theirs after reading the others — and a withdrawn one leaves its
   *  sight; stewards keep every one for the record (fund-audit). */
  'fundApplication.view': member<FundApplicationSubject>(
    'not-found',
    (a, s) => isApplicant(s) || (beyondDraft(s) && ((s.isPanel && !s.roundOpen && s.status !== 'withdrawn') || isSteward(a))),
  ),
  'fundApplication.edit': member<FundApplicationSubject>('forbidden', (_a, s) => s.isLead && s.roundOpen && (s.status === 'draft' || s.status === 'submitted')),
  /** Until the members' vote is counted: a withdrawal after the count would leave an award with no project. */
  'fundApplication.withdraw': member<FundApplicationSubject>('forbidden', (_a, s) => s.isLead && (s.status === 'draft' || s.status === 'submitted') && !s.voteCounted),
  /** While it is a draft or in, until a members' vote opens: stepping out later would let them approve it. */
  'fundApplication.respond': member<FundApplicationSubject>('forbidden', (_a, s) => s.isCoApplicant && !s.isLead && (s.status === 'draft' || s.status === 'submitted') && !s.voteOpened),
  /** Scoring: panel members who are not applicants and have not declared a conflict, once it is in and
   *  counts (one still waiting for its host or a co-applicant is not in front of the panel yet). */
  'fundApplication.score': member<FundApplicationSubject>(
    'forbidden',
    (_a, s) => s.isPanel && !isApplicant(s) && !s.declaredConflict && s.status === 'submitted' && s.counts && !s.roundOpen && s.reviewOpen,
  ),
  'fundApplication.declareConflict': member<FundApplicationSubject>('forbidden', (_a, s) => s.isPanel && !isApplicant(s) && beyondDraft(s)),
  /** Reviews with reviewers' names: the panel and stewards, never an applicant. */
  'fundApplication.seeReviews': member<FundApplicationSubject>('forbidden', (a, s) => !isApplicant(s) && (s.isPanel || isSteward(a))),
  /** Review opens (stewards only); the module also refuses it below the lived-experience minimum. */
  'fundRound.openReview': member<FundReviewSubject>('forbidden', (a, r) => isSteward(a) && r.status === 'open' && !r.reviewOpen),
  /** The panel's list of applications and the moderation view: the panel and stewards, once review is open. */
  'fundRound.review': member<FundReviewSubject>('forbidden', (a, r) => (r.isPanel || isSteward(a)) && (r.reviewOpen || r.status === 'decided')),
  /** Stewards confirm the panel's ranking as awards (panel-decided rounds only) — not one who applied in
   *  it: the ranking shows their own score, and they would be deciding their own grant. */
  'fundRound.decide': member<FundReviewSubject>('forbidden', (a, r) => isSteward(a) && r.reviewOpen && r.method === 'panel' && !r.appliesInRound),
  // Award letters (funding2, issue 14 item 7).
  /** The letter exists only for a funded application, and only for its applicants and the stewards. */
  'fundAward.readLetter': member<FundAwardSubject>('not-found', (a, s) => s.hasAward && (s.isLead || s.isCoApplicant || isSteward(a))),
  /** The lead applicant accepts it, once; co-applicants and stewards cannot accept for them. */
  'fundAward.accept': member<FundAwardSubject>('forbidden', (_a, s) => s.hasAward && s.isLead && !s.accepted),
  /** Who has accepted their award letter: the stewards, once the round is decided. */
  'fundRound.seeAcceptances': member<FundReviewSubject>('forbidden', (a, r) => isSteward(a) && r.status === 'decided'),
  // Members' vote (fundvote): the shortlist goes to an approval vote of the members, counted by MES.
  /** Stewards open it once applications have closed (after the panel's review for "panel shortlists"). */
  'fundVote.open': member<FundVoteSubject>(
    'forbidden',
    (a, v) =>
      isSteward(a) &&
      !v.appliedInRound &&
      v.method !== 'panel' &&
      v.vote === 'none' &&
      v.applicationsClosed &&
      (v.method === 'members' ? v.roundStatus === 'open' || v.reviewOpen : v.reviewOpen),
  ),
  /** Members in the frozen electorate, while it is open (own projects are refused by the module). */
  'fundVote.vote': member<FundVoteSubject>('forbidden', (_a, v) => v.vote === 'open' && v.votingOpen && v.inElectorate),
  /** Stewards close and count it once its closing time has passed. */
  'fundVote.close': member<FundVoteSubject>('forbidden', (a, v) => isSteward(a) && v.vote === 'open' && !v.votingOpen),
  /** The result, its explanations and the anonymous ballots are for every member once counted. */
  'fundVote.seeResult': member<FundVoteSubject>('forbidden', (_a, v) => v.vote === 'closed' || v.vote === 'confirmed'),
  /** Stewards confirm the count as awards (once). */
  'fundVote.confirm': member<FundVoteSubject>('forbidden', (a, v) => isSteward(a) && !v.appliedInRound && v.vote === 'closed'),
  // Money and reports (issue 14 items 8 and 9, fundmoney): an award's payments and its reports are seen
  // by stewards and the grantee (lead and co-applicants) only; to anyone else — the panel included —
  // they do not exist (404). Stewards record payments and set due dates; the grantee writes reports.
  'fundAward.view': member<FundGrantSubject>('not-found', (a, s) => s.isGrantee || isSteward(a)),
  'fundAward.recordPayment': member<FundGrantSubject>('forbidden', (a) => isSteward(a)),
  'fundAward.setDueDates': member<FundGrantSubject>('forbidden', (a, s) => isSteward(a) && !s.closed),
  'fundReport.view': member<FundReportSubject>('not-found', (a, s) => s.isGrantee || isSteward(a)),
  /** The grantee writes a report until it is submitted; a grant closed early takes no mid-point report. */
  'fundReport.write': member<FundReportSubject>('forbidden', (_a, s) => s.isGrantee && !s.submitted && !(s.closed && s.kind === 'mid')),
  // Host organisations (fundslots, issue 14.3): a member of the host organisation an unincorporated
  // group named sees what it is asked to hold money for (title, summary, amount, who applies — not the
  // answers) and accepts or declines while the application is in. Anyone else: 404, as if it did not exist.
  // An applicant who is also a member of the host answers nothing for it: another member does.
  'fundHost.view': member<FundHostSubject>('not-found', (_a, s) => s.isHostMember && s.kind === 'group' && s.status !== 'draft'),
  /** …until a members' vote opens: the shortlist is frozen then, and a late "no" would leave a project
   *  on it with nobody to hold its award (fund-audit). */
  'fundHost.respond': member<FundHostSubject>('forbidden', (_a, s) => s.isHostMember && !s.isApplicant && s.kind === 'group' && s.status === 'submitted' && !s.voteOpened && !s.roundDecided),
  // Conversations before applying (fundslots, issue 14.2): panel members and stewards offer slots while
  // the round takes applications; any member who is not on the panel books one. A booked slot's details,
  // note and people are seen by its host, its booker and stewards only.
  'fundSlots.offer': member<FundSlotsSubject>('forbidden', (a, s) => (s.isPanel || isSteward(a)) && s.roundOpen),
  'fundSlots.book': member<FundSlotsSubject>('forbidden', (_a, s) => !s.isPanel && s.roundOpen),
  'fundSlot.seeBooking': member<FundSlotSubject>('not-found', (a, s) => s.isHost || s.isBooker || isSteward(a)),
  'fundSlot.cancelBooking': member<FundSlotSubject>('forbidden', (a, s) => (s.isHost || s.isBooker || isSteward(a)) && s.booked && !s.past),
  'fundSlot.remove': member<FundSlotSubject>('forbidden', (a, s) => (s.isHost || isSteward(a)) && !s.past),
  'fundSlot.calendar': member<FundSlotSubject>('not-found', (_a, s) => (s.isHost || s.isBooker) && s.booked),
  // Pitch day (fundslots, issue 14.5): stewards set the running order and show the one screen with the
  // spread of scores; panel members score each pitch from their phones while review is open — not their
  // own application, not one they declared a conflict on, and only once its pitch has started.
  // Not a steward who applied in the round (fund-audit): the screen shows every pitch's spread, theirs too.
  'fundPitch.run': member<FundPitchDaySubject>('forbidden', (a, s) => isSteward(a) && s.reviewOpen && !s.appliesInRound),
  'fundPitch.screen': member<FundPitchDaySubject>('forbidden', (a, s) => isSteward(a) && (s.reviewOpen || s.decided) && !s.appliesInRound),
  'fundPitch.panel': member<FundPitchDaySubject>('forbidden', (_a, s) => s.isPanel && s.reviewOpen),
  'fundPitch.score': member<FundPitchSubject>(
    'forbidden',
    (_a, s) => s.isPanel && !s.isApplicant && !s.declaredConflict && s.counts && s.reviewOpen && (s.state === 'now' || s.state === 'done'),
  ),
  // Evidence for funders and round Q&A (fundevidence, issue 14 items 10 and 2).
  /** The round report and what stewards add to it (re-grant source, lessons): stewards only. It holds
   *  only suppressed counts and sums, but it is the stewards' working paper, not a publication. */
  'fundRound.report': member<FundEvidenceSubject>('forbidden', (a, r) => isSteward(a) && r.status !== 'draft'),
  /** The 360Giving file of awarded grants: stewards download it and decide what to publish. */
  'fundGrants.export': member<NoSubject>('forbidden', (a) => isSteward(a)),
  /** Any member who can see the round asks while it takes applications. */
  'fundRound.ask': member<FundQuestionSubject>('forbidden', (_a, q) => q.roundStatus === 'open' && q.now < q.closesAt),
  /** A steward or a panel member answers, once, until the round is decided. */
  'fundQuestion.answer': member<FundQuestionSubject>('forbidden', (a, q) => (isSteward(a) || q.isPanel) && !q.answered && q.roundStatus !== 'decided'),
} satisfies Record<string, Rule<never>>;

/** An application seen by its host organisation (fundslots). */
export interface FundHostSubject {
  status: FundApplicationStatus;
  kind: 'member' | 'group' | 'organisation';
  /** The actor belongs to the organisation the group named as its host. */
  isHostMember: boolean;
  /** The round's members' vote has opened (fund-audit). */
  voteOpened: boolean;
  /** The actor is the lead or a co-applicant: they may see it as host members, never answer for the host (fund-audit). */
  isApplicant: boolean;
  /** The round is decided: it was decided without this application, a yes now would change nothing. */
  roundDecided: boolean;
}

/** A round's conversations (fundslots). */
export interface FundSlotsSubject {
  isPanel: boolean;
  /** The round is open and before its closing time. */
  roundOpen: boolean;
}

/** One conversation slot (fundslots). */
export interface FundSlotSubject {
  isHost: boolean;
  isBooker: boolean;
  booked: boolean;
  /** It has started already. */
  past: boolean;
}

/** A round's pitch day (fundslots). */
export interface FundPitchDaySubject {
  isPanel: boolean;
  reviewOpen: boolean;
  decided: boolean;
  /** The actor is an applicant in the round (fund-audit). */
  appliesInRound: boolean;
}

/** One pitch, for a panel member scoring it (fundslots). */
export interface FundPitchSubject {
  isPanel: boolean;
  isApplicant: boolean;
  declaredConflict: boolean;
  reviewOpen: boolean;
  state: 'waiting' | 'now' | 'done' | null;
  /** The application is submitted and counts (not withdrawn, not waiting for host or co-applicants). */
  counts: boolean;
}


/** A round seen from the evidence side (fundevidence). */
export interface FundEvidenceSubject {
  status: FundRoundStatus;
}

/** A round's Q&A, or one question in it (fundevidence). */
export interface FundQuestionSubject {
  roundStatus: FundRoundStatus;
  closesAt: number;
  now: number;
  isPanel: boolean;
  /** For one question: it has its answer already. */
  answered: boolean;
}
