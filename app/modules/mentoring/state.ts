import type { MentorshipStatus } from '~db/schema.mentoring';

/**
 * The mentorship state machine: requested → active ⇄ paused → closed, or requested → declined.
 * Only the mentor answers a request; either side may pause, resume or close.
 */
export type Transition = 'accept' | 'decline' | 'pause' | 'resume' | 'close';
export type Side = 'mentor' | 'mentee';

const RULES: Record<Transition, { from: MentorshipStatus[]; to: MentorshipStatus; who: Side[] }> = {
  accept: { from: ['requested'], to: 'active', who: ['mentor'] },
  decline: { from: ['requested'], to: 'declined', who: ['mentor'] },
  pause: { from: ['active'], to: 'paused', who: ['mentor', 'mentee'] },
  resume: { from: ['paused'], to: 'active', who: ['mentor', 'mentee'] },
  close: { from: ['active', 'paused'], to: 'closed', who: ['mentor', 'mentee'] },
};

export const TRANSITIONS = Object.keys(RULES) as Transition[];

/** The status after `transition`, or null when this side may not do it from this status. */
export function nextStatus(from: MentorshipStatus, transition: Transition, side: Side): MentorshipStatus | null {
  const rule = RULES[transition];
  if (!rule.from.includes(from) || !rule.who.includes(side)) return null;
  return rule.to;
}

/** The transitions a side may make from a status (what buttons to show). */
export function allowedTransitions(from: MentorshipStatus, side: Side): Transition[] {
  return TRANSITIONS.filter((t) => nextStatus(from, t, side) !== null);
}

/** Sessions, goals and actions can be written only while the mentorship runs. */
export function isWritable(status: MentorshipStatus): boolean {
  return status === 'active' || status === 'paused';
}
