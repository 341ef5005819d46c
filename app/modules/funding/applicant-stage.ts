/**
 * Where an application stands, as its applicant sees it (issue 14.3: "an applicant sees the state of their
 * application at every step"), and what they can do next. Pure: the facts are loaded by mine.server.ts
 * (the list on /funds) and the application page.
 *
 * An application that names a host organisation or co-applicants counts only once they have all said yes
 * (applications.server `counts()`). If they never answer, the round closes and is decided without it — the
 * panel never sees it, the vote never lists it, whatever status its row keeps ("submitted" after a panel
 * decision, "not-funded" after a members' vote). The applicant is told it did not count, and why, rather
 * than "submitted" for ever or "not funded" with no feedback.
 */
import type { FundApplicationStatus, FundRoundStatus } from '~db/schema.funding';

export type Waiting = 'host' | 'co-applicants';

export interface StageFacts {
  status: FundApplicationStatus;
  /** From `counts()`: whether the host and every co-applicant have said yes. */
  counts: boolean;
  waitingFor: Waiting[];
  round: { status: FundRoundStatus; closesAt: number; reviewOpen: boolean };
  /** The round's members' vote, if it has one; `shortlisted` is whether this application is on the ballot. */
  vote: { status: 'open' | 'closed' | 'confirmed'; closesAt: number; shortlisted: boolean } | null;
  award: { acceptedAt: number | null } | null;
  reports: { kind: 'mid' | 'end'; dueOn: string; status: 'due' | 'submitted'; stoppedEarly: boolean }[];
  /** The viewer is the lead applicant (else a co-applicant) and, as co-applicant, whether they have confirmed. */
  isLead: boolean;
  confirmed: boolean;
  now: number;
}

export type Stage =
  | 'draft'
  | 'draft-closed'
  | 'waiting'
  | 'submitted'
  | 'did-not-count'
  | 'in-review'
  | 'not-shortlisted'
  | 'in-vote'
  | 'vote-counted'
  | 'not-funded'
  | 'award-to-accept'
  | 'report-due'
  | 'funded'
  | 'closed'
  | 'closed-early'
  | 'withdrawn';

export type NextStep =
  | { key: 'finish'; date: number }
  | { key: 'edit'; date: number }
  | { key: 'chase'; date: number }
  | { key: 'chase-late' }
  | { key: 'confirm' }
  | { key: 'wait-panel' }
  | { key: 'wait-decision' }
  | { key: 'see-ballot'; date: number }
  | { key: 'see-result' }
  | { key: 'read-feedback' }
  | { key: 'next-round' }
  | { key: 'accept-letter' }
  | { key: 'lead-accepts' }
  | { key: 'write-report'; report: 'mid' | 'end'; dueOn: string; overdue: boolean }
  | { key: 'see-grant' };

/** The round no longer takes this application's changes (closed, in review or decided, or past its close). */
export const pastClose = (round: StageFacts['round'], now: number) => round.status !== 'open' || now >= round.closesAt;

/**
 * True when a sent application was left out of the decision because its host or a co-applicant had not
 * said yes in time. Until then a late yes still counts (the panel's list is read when it decides), so
 * this is known only once the members' vote fixed its ballot without it, or the round is decided: a row
 * still "submitted" in a decided round was never part of the decision, whoever answered since. Drafts
 * and withdrawn applications are never "counted" or not.
 */
export function didNotCount(f: { status: StageFacts['status']; counts: boolean; roundStatus: StageFacts['round']['status']; voteOpened: boolean }): boolean {
  if (f.status !== 'submitted' && f.status !== 'not-funded') return false;
  if (f.roundStatus === 'decided' && f.status === 'submitted') return true;
  return !f.counts && (f.roundStatus === 'decided' || f.voteOpened);
}

const today = (now: number) => new Date(now).toISOString().slice(0, 10);

export function applicantStage(f: StageFacts): { stage: Stage; next: NextStep | null } {
  const closed = pastClose(f.round, f.now);
  // A co-applicant who has not confirmed is asked to, whatever else is going on while the round is open.
  const askToConfirm = !f.isLead && !f.confirmed && !closed;
  if (f.status === 'withdrawn') return { stage: 'withdrawn', next: null };
  if (f.status === 'draft') {
    if (closed) return { stage: 'draft-closed', next: { key: 'next-round' } };
    return { stage: 'draft', next: askToConfirm ? { key: 'confirm' } : f.isLead ? { key: 'finish', date: f.round.closesAt } : null };
  }
  if (didNotCount({ status: f.status, counts: f.counts, roundStatus: f.round.status, voteOpened: f.vote !== null })) return { stage: 'did-not-count', next: { key: 'next-round' } };
  if (f.status === 'submitted') {
    if (!closed) {
      if (askToConfirm) return { stage: f.counts ? 'submitted' : 'waiting', next: { key: 'confirm' } };
      if (!f.counts) return { stage: 'waiting', next: { key: 'chase', date: f.round.closesAt } };
      return { stage: 'submitted', next: f.isLead ? { key: 'edit', date: f.round.closesAt } : { key: 'wait-panel' } };
    }
    // Closed, not decided yet: a late yes from the host or co-applicant still brings it into review.
    if (!f.counts) return { stage: 'waiting', next: { key: 'chase-late' } };
    if (f.vote) {
      if (!f.vote.shortlisted) return { stage: 'not-shortlisted', next: { key: 'wait-decision' } };
      if (f.vote.status === 'open') return { stage: 'in-vote', next: { key: 'see-ballot', date: f.vote.closesAt } };
      return { stage: 'vote-counted', next: { key: 'see-result' } };
    }
    return { stage: 'in-review', next: { key: 'wait-panel' } };
  }
  if (f.status === 'not-funded') return { stage: 'not-funded', next: { key: 'read-feedback' } };
  // Funded: the letter first, then the reports in order, then closed.
  if (!f.award || f.award.acceptedAt === null) return { stage: 'award-to-accept', next: f.isLead ? { key: 'accept-letter' } : { key: 'lead-accepts' } };
  const end = f.reports.find((r) => r.kind === 'end' && r.status === 'submitted');
  if (end) return { stage: end.stoppedEarly ? 'closed-early' : 'closed', next: { key: 'see-grant' } };
  const due = [...f.reports].filter((r) => r.status === 'due').sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'mid' ? -1 : 1))[0];
  if (!due) return { stage: 'funded', next: { key: 'see-grant' } };
  return { stage: 'report-due', next: { key: 'write-report', report: due.kind, dueOn: due.dueOn, overdue: due.dueOn < today(f.now) } };
}
