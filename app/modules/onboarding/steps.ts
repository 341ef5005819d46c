/** The "get started" steps and where each is done (client-safe: the dashboard card links to them). */
export const GET_STARTED_STEPS = ['profile', 'photoLanguages', 'search', 'notice', 'mentor'] as const;
export type GetStartedStep = (typeof GET_STARTED_STEPS)[number];

export const STEP_LINKS: Record<GetStartedStep, string> = {
  profile: '/settings/profile',
  photoLanguages: '/settings/profile#photo-title',
  search: '/members',
  notice: '/notices/new',
  // Mentors who take new mentees, in the directory.
  mentor: '/members?mentoring=1',
};
