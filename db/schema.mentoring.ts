import type { Generated } from 'kysely';

/** Mentoring tables (db/migrations/2026-11-23T1400_mentoring.ts). Dates of the day are ms at UTC midnight. */
export type MentorshipStatus = 'requested' | 'active' | 'paused' | 'closed' | 'declined';
export type GoalStatus = 'not_started' | 'in_progress' | 'achieved' | 'dropped';
export type ActionOwner = 'mentor' | 'mentee' | 'both';

export interface MentorshipsTable {
  id: string;
  mentor_id: string;
  mentee_id: string;
  status: MentorshipStatus;
  requested_by: string | null;
  paired_by_steward: number;
  /** What the mentee wants to achieve, in their words. */
  goals: string;
  frequency: string;
  mode: string;
  start_on: number;
  request_message: string;
  response_message: string;
  mentor_reflection: string | null;
  mentee_reflection: string | null;
  created_at: number;
  accepted_at: number | null;
  closed_at: number | null;
  updated_at: number;
}

export interface MentoringEventsTable {
  id: Generated<number>;
  mentorship_id: string;
  actor_id: string | null;
  /** requested | paired | accepted | declined | paused | resumed | closed */
  kind: string;
  created_at: number;
}

export interface MentoringGoalsTable {
  id: string;
  mentorship_id: string;
  title: string;
  status: GoalStatus;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  achieved_at: number | null;
}

export interface MentoringGoalNotesTable {
  id: Generated<number>;
  goal_id: string;
  author_id: string | null;
  /** The goal's status after this note. */
  status: GoalStatus;
  body: string;
  created_at: number;
}

export interface MentoringSessionsTable {
  id: string;
  mentorship_id: string;
  author_id: string | null;
  held_on: number;
  duration_minutes: number;
  mode: string;
  /** JSON array of topic slugs. */
  topics: string;
  notes: string;
  created_at: number;
  edited_at: number | null;
  confirmed_at: number | null;
  confirmed_by: string | null;
  reflection: string | null;
  rating: number | null;
}

export interface MentoringActionsTable {
  id: string;
  mentorship_id: string;
  session_id: string | null;
  title: string;
  owner: ActionOwner;
  /** Optional "by when" (UTC midnight); null = no date, no reminder. */
  due_on: number | null;
  created_by: string | null;
  created_at: number;
  done_at: number | null;
  done_by: string | null;
}

export interface MentoringTables {
  mentorships: MentorshipsTable;
  mentoring_events: MentoringEventsTable;
  mentoring_goals: MentoringGoalsTable;
  mentoring_goal_notes: MentoringGoalNotesTable;
  mentoring_sessions: MentoringSessionsTable;
  mentoring_actions: MentoringActionsTable;
}
