import { db } from '~db/connection';
import { completeness, getOwnProfile } from '~/modules/directory/profiles.server';
import { GET_STARTED_STEPS, STEP_LINKS, type GetStartedStep } from './steps';

/**
 * The dashboard's "get started" list for a new member: the first things that make the workspace
 * useful, each gone from the list once it is done, the whole list gone when everything is.
 * Done-ness is read from the data itself (a profile filled in, a notice posted, a mentor asked), so
 * it cannot drift; only a search leaves no trace of its own, so it is recorded as a milestone.
 */
export { GET_STARTED_STEPS, STEP_LINKS, type GetStartedStep };

export type GetStarted = { percent: number; todo: GetStartedStep[]; total: number };

export async function getStarted(userId: string): Promise<GetStarted | null> {
  const profile = await getOwnProfile(userId);
  if (!profile) return null;
  const { percent, missing } = completeness(profile);
  const [searched, notice, mentorship] = await Promise.all([
    db.selectFrom('member_milestones').select('milestone').where('user_id', '=', userId).where('milestone', '=', 'firstSearch').executeTakeFirst(),
    db.selectFrom('notices').select('id').where('author_id', '=', userId).executeTakeFirst(),
    db.selectFrom('mentorships').select('id').where('mentee_id', '=', userId).where('status', '!=', 'declined').executeTakeFirst(),
  ]);
  const done: Record<GetStartedStep, boolean> = {
    // "About you": everything the completeness meter counts except what the next step asks for.
    profile: missing.filter((m) => m !== 'languages').length === 0,
    photoLanguages: profile.hasPhoto && profile.languages.length > 0,
    search: Boolean(searched),
    notice: Boolean(notice),
    mentor: Boolean(mentorship) || profile.isMentor,
  };
  return { percent, todo: GET_STARTED_STEPS.filter((s) => !done[s]), total: GET_STARTED_STEPS.length };
}

/** Called when a member searches or filters the directory; only the first time counts. */
export async function recordFirstSearch(userId: string) {
  await db.insertInto('member_milestones').values({ user_id: userId, milestone: 'firstSearch', reached_at: Date.now() }).onConflict((oc) => oc.doNothing()).execute();
}
