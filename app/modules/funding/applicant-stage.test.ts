/** Where an application stands for its applicant, at every step of a round (issue 14.3). */
import { describe, expect, it } from 'vitest';
import { applicantStage, didNotCount, type StageFacts } from './applicant-stage';

const now = Date.UTC(2026, 11, 3, 9);
const DAY = 86_400_000;
const base: StageFacts = {
  status: 'submitted',
  counts: true,
  waitingFor: [],
  round: { status: 'open', closesAt: now + 10 * DAY, reviewOpen: false },
  vote: null,
  award: null,
  reports: [],
  isLead: true,
  confirmed: true,
  now,
};
const closedRound = { status: 'closed' as const, closesAt: now - DAY, reviewOpen: true };
const stage = (over: Partial<StageFacts>) => applicantStage({ ...base, ...over });

describe('applicantStage', () => {
  it('a draft: finish before the close; after the close it was never sent', () => {
    expect(stage({ status: 'draft' })).toEqual({ stage: 'draft', next: { key: 'finish', date: now + 10 * DAY } });
    expect(stage({ status: 'draft', round: { ...base.round, closesAt: now - 1 } })).toEqual({ stage: 'draft-closed', next: { key: 'next-round' } });
  });

  it('submitted: editable until the close; waiting for the host or a co-applicant: chase them before the close', () => {
    expect(stage({})).toEqual({ stage: 'submitted', next: { key: 'edit', date: now + 10 * DAY } });
    expect(stage({ counts: false, waitingFor: ['host'] })).toEqual({ stage: 'waiting', next: { key: 'chase', date: now + 10 * DAY } });
  });

  it('a co-applicant who has not confirmed is asked to, draft or submitted', () => {
    expect(stage({ status: 'draft', isLead: false, confirmed: false })).toEqual({ stage: 'draft', next: { key: 'confirm' } });
    expect(stage({ isLead: false, confirmed: false, counts: false, waitingFor: ['co-applicants'] })).toEqual({ stage: 'waiting', next: { key: 'confirm' } });
  });

  it('still waiting when the round closed: a late yes still counts until the decision; after it, or once the vote is fixed, it did not count', () => {
    expect(stage({ counts: false, waitingFor: ['host'], round: closedRound })).toEqual({ stage: 'waiting', next: { key: 'chase-late' } });
    const decided = { status: 'decided' as const, closesAt: now - 9 * DAY, reviewOpen: false };
    // A panel decision leaves it "submitted"; a members' vote marks it "not funded" with the rest.
    for (const status of ['submitted', 'not-funded'] as const) {
      expect(stage({ status, counts: false, waitingFor: ['host'], round: decided })).toEqual({ stage: 'did-not-count', next: { key: 'next-round' } });
    }
    expect(stage({ counts: false, waitingFor: ['co-applicants'], round: closedRound, vote: { status: 'open', closesAt: now + DAY, shortlisted: false } }).stage).toBe('did-not-count');
    // The host said yes after the panel decided: still not part of that decision.
    expect(didNotCount({ status: 'submitted', counts: true, roundStatus: 'decided', voteOpened: false })).toBe(true);
    // Counted and not funded is "not funded", with feedback.
    expect(didNotCount({ status: 'not-funded', counts: true, roundStatus: 'decided', voteOpened: true })).toBe(false);
    // A draft or a withdrawn application was never "counted" or not.
    expect(didNotCount({ status: 'draft', counts: false, roundStatus: 'decided', voteOpened: false })).toBe(false);
    expect(didNotCount({ status: 'withdrawn', counts: false, roundStatus: 'decided', voteOpened: true })).toBe(false);
  });

  it('after the close: in review, then for a members’ vote shortlisted and voting, counted, or left off the shortlist', () => {
    expect(stage({ round: closedRound })).toEqual({ stage: 'in-review', next: { key: 'wait-panel' } });
    expect(stage({ round: closedRound, vote: { status: 'open', closesAt: now + 3 * DAY, shortlisted: true } })).toEqual({ stage: 'in-vote', next: { key: 'see-ballot', date: now + 3 * DAY } });
    expect(stage({ round: closedRound, vote: { status: 'closed', closesAt: now - DAY, shortlisted: true } })).toEqual({ stage: 'vote-counted', next: { key: 'see-result' } });
    expect(stage({ round: closedRound, vote: { status: 'open', closesAt: now + 3 * DAY, shortlisted: false } })).toEqual({ stage: 'not-shortlisted', next: { key: 'wait-decision' } });
  });

  it('decided: not funded reads the feedback; funded accepts the letter (the lead; a co-applicant reads it)', () => {
    const decided = { status: 'decided' as const, closesAt: now - 20 * DAY, reviewOpen: false };
    expect(stage({ status: 'not-funded', round: decided })).toEqual({ stage: 'not-funded', next: { key: 'read-feedback' } });
    expect(stage({ status: 'funded', round: decided, award: { acceptedAt: null } })).toEqual({ stage: 'award-to-accept', next: { key: 'accept-letter' } });
    expect(stage({ status: 'funded', round: decided, award: { acceptedAt: null }, isLead: false })).toEqual({ stage: 'award-to-accept', next: { key: 'lead-accepts' } });
  });

  it('a grant: the next report due (overdue said so), then closed — or closed early with what was learned', () => {
    const decided = { status: 'decided' as const, closesAt: now - 90 * DAY, reviewOpen: false };
    const funded = { status: 'funded' as const, round: decided, award: { acceptedAt: now - 80 * DAY } };
    const mid = { kind: 'mid' as const, dueOn: '2026-11-01', status: 'due' as const, stoppedEarly: false };
    const end = { kind: 'end' as const, dueOn: '2027-01-15', status: 'due' as const, stoppedEarly: false };
    expect(stage({ ...funded, reports: [end, mid] })).toEqual({ stage: 'report-due', next: { key: 'write-report', report: 'mid', dueOn: '2026-11-01', overdue: true } });
    expect(stage({ ...funded, reports: [{ ...mid, status: 'submitted' }, end] })).toEqual({ stage: 'report-due', next: { key: 'write-report', report: 'end', dueOn: '2027-01-15', overdue: false } });
    expect(stage({ ...funded, reports: [{ ...mid, status: 'submitted' }, { ...end, status: 'submitted' }] })).toEqual({ stage: 'closed', next: { key: 'see-grant' } });
    expect(stage({ ...funded, reports: [mid, { ...end, status: 'submitted', stoppedEarly: true }] })).toEqual({ stage: 'closed-early', next: { key: 'see-grant' } });
    expect(stage({ ...funded, reports: [] })).toEqual({ stage: 'funded', next: { key: 'see-grant' } });
  });

  it('withdrawn: nothing to do', () => {
    expect(stage({ status: 'withdrawn' })).toEqual({ stage: 'withdrawn', next: null });
  });
});
