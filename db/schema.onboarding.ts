/** First-hour milestones (db/migrations/2026-12-02T1500-onboarding-milestones.ts). */
export interface MemberMilestonesTable {
  user_id: string;
  /** 'firstSearch' (see app/modules/onboarding/get-started.server.ts). */
  milestone: string;
  reached_at: number;
}

export interface OnboardingTables {
  member_milestones: MemberMilestonesTable;
}
