import { db } from '~db/connection';
import type { MentorshipStatus, MentorshipsTable } from '~db/schema.mentoring';
import { newId } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { notify } from '~/modules/notifications/notifications.server';
import { audit } from '~/modules/network/settings.server';
import { dayToMs } from './constants';
import { nextStatus, type Side, type Transition } from './state';
import { authorize, can, type Actor } from '~/policies';
import type { MentorshipSubject } from '~/policies/mentoring';

/** A rule the person broke (shown next to a field or at the top of the form). `key` is an i18n key. */
export class MentoringRuleError extends Error {
  constructor(
    public key: string,
    public field?: string,
  ) {
    super(key);
  }
}

/** Private things answer 404 to everyone outside the pair, so their existence does not leak. */
export function notFound(): never {
  throw new Response('Not found', { status: 404 });
}

export type Availability = 'available' | 'at_capacity' | 'not_open' | 'unknown';

/**
 * Whether a member can be asked for mentoring: a mentor (is_mentor) who is open and not at capacity.
 * A mentor with no profile row yet counts as open.
 */
export async function mentorAvailability(userId: string): Promise<Availability> {
  const row = await db
    .selectFrom('users')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(['users.is_mentor', 'users.status', 'profiles.user_id as profile', 'profiles.mentoring_open', 'profiles.mentoring_at_capacity'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.status !== 'active') return 'unknown';
  if (row.is_mentor !== 1) return 'not_open';
  if (!row.profile) return 'available';
  if (row.mentoring_open !== 1) return 'not_open';
  if (row.mentoring_at_capacity === 1) return 'at_capacity';
  return 'available';
}

/** Mentors someone may ask now (open, not at capacity), for the chooser. */
export async function availableMentors(excludeUserId: string) {
  const rows = await db
    .selectFrom('users')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.city', 'profiles.headline', 'profiles.mentoring_areas'])
    .where('users.is_mentor', '=', 1)
    .where('users.status', '=', 'active')
    .where('users.id', '<>', excludeUserId)
    .where((eb) =>
      eb.or([eb('profiles.user_id', 'is', null), eb.and([eb('profiles.mentoring_open', '=', 1), eb('profiles.mentoring_at_capacity', '=', 0)])]),
    )
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, city: r.city, headline: r.headline ?? '', areas: parseList(r.mentoring_areas) }));
}

export async function mentorSummary(userId: string) {
  const row = await db
    .selectFrom('users')
    .leftJoin('profiles', 'profiles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.city', 'profiles.headline'])
    .where('users.id', '=', userId)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, city: row.city, headline: row.headline ?? '' } : null;
}

function parseList(value: string | null): string[] {
  try {
    const v: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

interface Agreement {
  goals: string;
  frequency: string;
  mode: string;
  startOn: string;
  message?: string;
}

async function assertNoOpenMentorship(mentorId: string, menteeId: string) {
  const open = await db
    .selectFrom('mentorships')
    .select('id')
    .where('mentor_id', '=', mentorId)
    .where('mentee_id', '=', menteeId)
    .where('status', 'in', ['requested', 'active', 'paused'])
    .executeTakeFirst();
  if (open) throw new MentoringRuleError('mentoring.request.duplicate');
}

async function insertMentorship(input: Agreement & { mentorId: string; menteeId: string; requestedBy: string; bySteward: boolean }) {
  const now = Date.now();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mentorships')
      .values({
        id,
        mentor_id: input.mentorId,
        mentee_id: input.menteeId,
        status: 'requested',
        requested_by: input.requestedBy,
        paired_by_steward: input.bySteward ? 1 : 0,
        goals: input.goals,
        frequency: input.frequency,
        mode: input.mode,
        start_on: dayToMs(input.startOn),
        request_message: input.message ?? '',
        response_message: '',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('mentoring_events')
      .values({ mentorship_id: id, actor_id: input.bySteward ? null : input.requestedBy, kind: input.bySteward ? 'paired' : 'requested', created_at: now })
      .execute();
  });
  return id;
}

/** A mentee asks a mentor. The mentor must be open to mentoring and not at capacity. */
export async function requestMentoring(mentee: SessionUser, input: Agreement & { mentorId: string }): Promise<string> {
  authorize(mentee, 'mentorship.request');
  if (input.mentorId === mentee.id) throw new MentoringRuleError('mentoring.request.self', 'mentor');
  const availability = await mentorAvailability(input.mentorId);
  if (availability === 'unknown') throw new MentoringRuleError('mentoring.request.unknownMentor', 'mentor');
  if (availability === 'at_capacity') throw new MentoringRuleError('mentoring.request.atCapacity', 'mentor');
  if (availability === 'not_open') throw new MentoringRuleError('mentoring.request.notOpen', 'mentor');
  await assertNoOpenMentorship(input.mentorId, mentee.id);
  const id = await insertMentorship({ ...input, menteeId: mentee.id, requestedBy: mentee.id, bySteward: false });
  await notify({ userId: input.mentorId, kind: 'mentoring.requested', params: { name: mentee.name }, link: `/mentoring/${id}` });
  return id;
}

/** A steward proposes a pairing of two members; the mentor still accepts or declines. */
export async function pairMembers(steward: SessionUser, input: Agreement & { mentorId: string; menteeId: string }): Promise<string | null> {
  authorize(steward, 'mentorship.pair');
  if (input.mentorId === input.menteeId) throw new MentoringRuleError('mentoring.validation.samePerson', 'mentee');
  const people = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [input.mentorId, input.menteeId]).where('status', '=', 'active').execute();
  const mentor = people.find((p) => p.id === input.mentorId);
  const mentee = people.find((p) => p.id === input.menteeId);
  if (!mentor) throw new MentoringRuleError('mentoring.validation.person', 'mentor');
  if (!mentee) throw new MentoringRuleError('mentoring.validation.person', 'mentee');
  // If these two already have an open mentorship, say nothing about it: the steward must not learn
  // who mentors whom. The pairing they asked for exists either way.
  try {
    await assertNoOpenMentorship(input.mentorId, input.menteeId);
  } catch (error) {
    if (error instanceof MentoringRuleError) return null;
    throw error;
  }
  const id = await insertMentorship({ ...input, requestedBy: steward.id, bySteward: true });
  // The audit entry names neither person: who mentors whom stays between the pair.
  await audit({ actorId: steward.id, action: 'mentoring-pair', subjectType: 'mentorship', subjectId: id });
  await notify({ userId: mentor.id, kind: 'mentoring.paired', params: { name: mentee.name }, link: `/mentoring/${id}` });
  await notify({ userId: mentee.id, kind: 'mentoring.paired', params: { name: mentor.name }, link: `/mentoring/${id}` });
  return id;
}

export interface Participant {
  mentorship: MentorshipsTable;
  side: Side;
  me: string;
  other: { id: string; name: string };
  mentorName: string;
  menteeName: string;
}

/** The policy subject of a mentorship (who is in it, where it stands). */
export function mentorshipSubject(m: Pick<MentorshipsTable, 'mentor_id' | 'mentee_id' | 'status'>): MentorshipSubject {
  return { mentorId: m.mentor_id, menteeId: m.mentee_id, status: m.status };
}

/**
 * The mentorship as seen by one of its two people. Who may see it is decided by the
 * `mentorship.read` policy (app/policies/mentoring.ts): 404 for anyone else, stewards included.
 */
export async function participantView(mentorshipId: string, actor: Actor): Promise<Participant> {
  const m = await db.selectFrom('mentorships').selectAll().where('id', '=', mentorshipId.slice(0, 40)).executeTakeFirst();
  if (!m) notFound();
  authorize(actor, 'mentorship.read', mentorshipSubject(m));
  const names = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [m.mentor_id, m.mentee_id]).execute();
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? '';
  const side: Side = m.mentor_id === actor.id ? 'mentor' : 'mentee';
  const otherId = side === 'mentor' ? m.mentee_id : m.mentor_id;
  return { mentorship: m, side, me: actor.id, other: { id: otherId, name: nameOf(otherId) }, mentorName: nameOf(m.mentor_id), menteeName: nameOf(m.mentee_id) };
}

const EVENT_OF: Record<Transition, string> = { accept: 'accepted', decline: 'declined', pause: 'paused', resume: 'resumed', close: 'closed' };

/** Moves a mentorship along its state machine, by one of its two people. */
export async function transitionMentorship(
  mentorshipId: string,
  actor: SessionUser,
  transition: Transition,
  extra: { message?: string; reflection?: string } = {},
): Promise<MentorshipStatus> {
  const p = await participantView(mentorshipId, actor);
  const subject = mentorshipSubject(p.mentorship);
  authorize(actor, 'mentorship.changeStatus', subject);
  // Only the mentor answers a request; the mentee who tries is told so, as a rule of the form.
  if ((transition === 'accept' || transition === 'decline') && !can(actor, 'mentorship.respond', subject)) throw new MentoringRuleError('mentoring.status.notAllowed');
  const to = nextStatus(p.mentorship.status, transition, p.side);
  if (!to) throw new MentoringRuleError(`mentoring.status.notAllowed`);
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('mentorships')
      .set({
        status: to,
        updated_at: now,
        ...(transition === 'accept' ? { accepted_at: now } : {}),
        ...(transition === 'accept' || transition === 'decline' ? { response_message: extra.message ?? '' } : {}),
        ...(transition === 'close' ? { closed_at: now, [p.side === 'mentor' ? 'mentor_reflection' : 'mentee_reflection']: extra.reflection ?? '' } : {}),
      })
      .where('id', '=', p.mentorship.id)
      .where('status', '=', p.mentorship.status)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new MentoringRuleError('mentoring.status.notAllowed');
    await trx.insertInto('mentoring_events').values({ mentorship_id: p.mentorship.id, actor_id: actor.id, kind: EVENT_OF[transition], created_at: now }).execute();
  });
  await notify({ userId: p.other.id, kind: `mentoring.${EVENT_OF[transition]}`, params: { name: actor.name }, link: `/mentoring/${p.mentorship.id}` });
  return to;
}

/** After closing, the side that has not yet written its closing reflection adds it (once). */
export async function addClosingReflection(mentorshipId: string, actor: SessionUser, reflection: string): Promise<void> {
  const p = await participantView(mentorshipId, actor);
  authorize(actor, 'mentorship.changeStatus', mentorshipSubject(p.mentorship));
  if (p.mentorship.status !== 'closed') throw new MentoringRuleError('mentoring.status.notAllowed');
  const column = p.side === 'mentor' ? 'mentor_reflection' : 'mentee_reflection';
  if (p.mentorship[column]) throw new MentoringRuleError('mentoring.close.alreadyReflected');
  await db.updateTable('mentorships').set({ [column]: reflection, updated_at: Date.now() }).where('id', '=', p.mentorship.id).where(column, 'is', null).execute();
}

/** Every mentorship a member is part of, on either side, with the other person's name. */
export async function myMentorships(userId: string) {
  const rows = await db
    .selectFrom('mentorships')
    .innerJoin('users as mentor', 'mentor.id', 'mentorships.mentor_id')
    .innerJoin('users as mentee', 'mentee.id', 'mentorships.mentee_id')
    .select([
      'mentorships.id',
      'mentorships.status',
      'mentorships.mentor_id',
      'mentorships.start_on',
      'mentorships.created_at',
      'mentorships.updated_at',
      'mentor.name as mentorName',
      'mentee.name as menteeName',
    ])
    .select((eb) =>
      eb
        .selectFrom('mentoring_sessions')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('mentoring_sessions.mentorship_id', '=', 'mentorships.id')
        .as('sessions'),
    )
    .where((eb) => eb.or([eb('mentorships.mentor_id', '=', userId), eb('mentorships.mentee_id', '=', userId)]))
    .orderBy('mentorships.updated_at', 'desc')
    .execute();
  return rows.map((r) => {
    const side: Side = r.mentor_id === userId ? 'mentor' : 'mentee';
    return {
      id: r.id,
      status: r.status,
      side,
      otherName: side === 'mentor' ? r.menteeName : r.mentorName,
      startOn: r.start_on,
      sessions: Number(r.sessions ?? 0),
      updatedAt: r.updated_at,
    };
  });
}

/** Active members a steward can pair (names only). */
export async function pairableMembers() {
  return db.selectFrom('users').select(['id', 'name', 'is_mentor']).where('status', '=', 'active').orderBy('name').execute();
}
