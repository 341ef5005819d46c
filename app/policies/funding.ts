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
}

/** A round seen from the review side: the panel's list, moderation and the decision. */
export interface FundReviewSubject {
  status: FundRoundStatus;
  isPanel: boolean;
  reviewOpen: boolean;
  /** How the round decides: only 'panel' is decided by the stewards confirming the panel's ranking. */
  method: 'panel' | 'members' | 'panel-then-members';
}

const isApplicant = (s: FundApplicationSubject) => s.isLead || s.isCoApplicant;
const beyondDraft = (s: FundApplicationSubject) => s.status !== 'draft';

export const fundingPolicy = {
  'fundRound.create': member<NoSubject>('forbidden', (a) => isSteward(a)),
  /** Drafts of rounds are the stewards' working copies. */
  'fundRound.view': member<FundRoundSubject>('not-found', (a, r) => isSteward(a) || r.status !== 'draft'),
  'fundRound.manage': member<FundRoundSubject>('forbidden', (a) => isSteward(a)),
  'fundRound.apply': member<FundRoundSubject>('forbidden', (_a, r) => r.status === 'open' && r.now >= r.opensAt && r.now < r.closesAt),
  'fundApplication.view': member<FundApplicationSubject>(
    'not-found',
    (a, s) => isApplicant(s) || (beyondDraft(s) && (s.isPanel || isSteward(a))),
  ),
  'fundApplication.edit': member<FundApplicationSubject>('forbidden', (_a, s) => s.isLead && s.roundOpen && (s.status === 'draft' || s.status === 'submitted')),
  'fundApplication.withdraw': member<FundApplicationSubject>('forbidden', (_a, s) => s.isLead && (s.status === 'draft' || s.status === 'submitted')),
  'fundApplication.respond': member<FundApplicationSubject>('forbidden', (_a, s) => s.isCoApplicant && !s.isLead),
  /** Scoring: panel members who are not applicants and have not declared a conflict, once it is in. */
  'fundApplication.score': member<FundApplicationSubject>(
    'forbidden',
    (_a, s) => s.isPanel && !isApplicant(s) && !s.declaredConflict && s.status === 'submitted' && !s.roundOpen && s.reviewOpen,
  ),
  'fundApplication.declareConflict': member<FundApplicationSubject>('forbidden', (_a, s) => s.isPanel && !isApplicant(s) && beyondDraft(s)),
  /** Reviews with reviewers' names: the panel and stewards, never an applicant. */
  'fundApplication.seeReviews': member<FundApplicationSubject>('forbidden', (a, s) => !isApplicant(s) && (s.isPanel || isSteward(a))),
  /** Review opens (stewards only); the module also refuses it below the lived-experience minimum. */
  'fundRound.openReview': member<FundReviewSubject>('forbidden', (a, r) => isSteward(a) && r.status === 'open' && !r.reviewOpen),
  /** The panel's list of applications and the moderation view: the panel and stewards, once review is open. */
  'fundRound.review': member<FundReviewSubject>('forbidden', (a, r) => (r.isPanel || isSteward(a)) && (r.reviewOpen || r.status === 'decided')),
  /** Stewards confirm the panel's ranking as awards (panel-decided rounds only). */
  'fundRound.decide': member<FundReviewSubject>('forbidden', (a, r) => isSteward(a) && r.reviewOpen && r.method === 'panel'),

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
