/** Seed fund conversations and pitch day (db/migrations/2026-12-03T0430-*.ts). Times ms since the epoch. */
export type FundSlotMode = 'in-person' | 'phone' | 'video' | 'whatsapp';

export interface FundSlotsTable {
  id: string;
  round_id: string;
  /** The panel member or steward who offers the conversation. */
  host_id: string;
  starts_at: number;
  minutes: number;
  mode: FundSlotMode;
  /** Where or how (a room, "I will call you", a video link): shown to the host and the booker only. */
  details: string;
  booked_by: string | null;
  booked_at: number | null;
  /** What the applicant wants to talk about / how to reach them: host and booker only. */
  booker_note: string;
  created_at: number;
}

export type FundPitchState = 'waiting' | 'now' | 'done';

export interface FundPitchesTable {
  application_id: string;
  round_id: string;
  /** 1, 2, 3… the running order. */
  position: number;
  state: FundPitchState;
  started_at: number | null;
}

export interface FundPitchScoresTable {
  application_id: string;
  reviewer_id: string;
  criterion_id: string;
  score: number;
  comment: string;
  submitted_at: number;
}

export interface FundslotsTables {
  fund_slots: FundSlotsTable;
  fund_pitches: FundPitchesTable;
  fund_pitch_scores: FundPitchScoresTable;
}
