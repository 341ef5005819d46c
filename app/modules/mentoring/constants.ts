import type { ActionOwner, GoalStatus, MentorshipStatus } from '~db/schema.mentoring';

/** Fixed lists for mentoring. Labels are i18n keys under mentoring.<list>.<value>. */
export const TOPICS = [
  'funding',
  'bid_writing',
  'governance',
  'finance',
  'legal',
  'marketing',
  'wellbeing',
  'confidence',
  'networking',
  'partnerships',
  'volunteers',
  'impact',
  'digital',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const MODES = ['in_person', 'phone', 'video', 'message'] as const;
export type Mode = (typeof MODES)[number];

export const FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'as_needed'] as const;

export const GOAL_STATUSES: readonly GoalStatus[] = ['not_started', 'in_progress', 'achieved', 'dropped'];
export const ACTION_OWNERS: readonly ActionOwner[] = ['mentor', 'mentee', 'both'];
export const STATUSES: readonly MentorshipStatus[] = ['requested', 'active', 'paused', 'closed', 'declined'];

/** How long the author of a session may correct it. */
export const EDIT_WINDOW_MS = 30 * 24 * 60 * 60_000;
/** Rows of agreed actions on the session form (fixed, so it works without JavaScript). */
export const ACTION_ROWS = 3;

export const DAY_MS = 24 * 60 * 60_000;

/** Today's date (YYYY-MM-DD) in the network's time zone. */
export function todayISO(now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** 'YYYY-MM-DD' → ms at UTC midnight. */
export function dayToMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** ms at UTC midnight → 'YYYY-MM-DD'. */
export function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
