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

/**
 * Calendar days (sessions, actions, start dates) go through the app's one date-only helper
 * (~/utils/date-only: UTC midnight, today in London). These names stay for the area's callers.
 */
export { DAY_MS, dateOnlyToMs as dayToMs, msToDateOnly as msToDay, todayDateOnly as todayISO } from '~/utils/date-only';
