/**
 * Consent from the people an application names (issue 14.3): the host organisation of an unincorporated
 * group accepts holding the money before the application counts, and co-applicants confirm a joint
 * application. Each side is notified when it is asked and when the other answers; the applicant sees the
 * state on the application page.
 *
 * What "counts" means is one rule in two forms: `counts()` in applications.server.ts for one loaded
 * application, and `countingApplication` below for the panel's queries (review list, ranking), so an
 * application waiting for its host never reaches scoring or a decision.
 */
import type { ExpressionBuilder } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import type { FundApplicantKind, FundApplicationStatus, FundConsent } from '~db/schema.funding';
import { authorize, abilitiesFor, can, type Actor } from '~/policies';
import type { FundHostSubject } from '~/policies/funding';
import { notify, notifyMany } from '~/modules/notifications/notifications.server';
import { audit } from '~/modules/network/settings.server';

/** SQL form of `counts()`: no host pending or declined for a group, no co-applicant who has not confirmed. */
export function countingApplication(eb: ExpressionBuilder<Database, 'fund_applications'>) {
  return eb.and([
    eb.or([eb('fund_applications.kind', '!=', 'group'), eb('fund_applications.host_status', '=', 'accepted')]),
    eb.not(
      eb.exists(
        eb
          .selectFrom('fund_co_applicants')
          .select('fund_co_applicants.user_id')
          .whereRef('fund_co_applicants.application_id', '=', 'fund_applications.id')
          .where('fund_co_applicants.status', '!=', 'accepted'),
      ),
    ),
  ]);
}

async function hostMembers(orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_members')
    .innerJoin('users', 'users.id', 'organisation_members.user_id')
    .select('organisation_members.user_id')
    .where('organisation_members.org_id', '=', orgId)
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id);
}

async function hostRow(id: string) {
  return db
    .selectFrom('fund_applications')
    .innerJoin('fund_rounds', 'fund_rounds.id', 'fund_applications.round_id')
    .innerJoin('users', 'users.id', 'fund_applications.lead_id')
    .leftJoin('organisations', 'organisations.id', 'fund_applications.host_org_id')
    .select([
      'fund_applications.id',
      'fund_applications.kind',
      'fund_applications.status',
      'fund_applications.round_id',
      'fund_applications.host_org_id',
      'fund_applications.host_status',
      'fund_applications.title',
      'fund_applications.summary',
      'fund_applications.amount',
      'fund_applications.lead_id',
      'fund_rounds.name as roundName',
      'fund_rounds.closes_at as roundClosesAt',
      'users.name as leadName',
      'organisations.name as orgName',
    ])
    .where('fund_applications.id', '=', id)
    .executeTakeFirst();
}

async function hostSubject(actor: Actor, row: { id: string; kind: FundApplicantKind; status: FundApplicationStatus; host_org_id: string | null; round_id: string; lead_id: string }): Promise<FundHostSubject> {
  const member = row.host_org_id
    ? await db.selectFrom('organisation_members').select('user_id').where('org_id', '=', row.host_org_id).where('user_id', '=', actor.id).executeTakeFirst()
    : undefined;
  const vote = await db.selectFrom('fund_votes').select('round_id').where('round_id', '=', row.round_id).executeTakeFirst();
  const co = await db.selectFrom('fund_co_applicants').select('user_id').where('application_id', '=', row.id).where('user_id', '=', actor.id).where('status', '!=', 'declined').executeTakeFirst();
  const round = await db.selectFrom('fund_rounds').select('status').where('id', '=', row.round_id).executeTakeFirst();
  return { status: row.status, kind: row.kind, isHostMember: !!member, voteOpened: !!vote, isApplicant: row.lead_id === actor.id || !!co, roundDecided: round?.status === 'decided' };
}

const HOST_ABILITIES = ['fundHost.respond'] as const;

/**
 * What the host organisation is asked to hold money for: the public summary, the amount and who
 * applies — never the answers or the budget (those stay with applicants, panel and stewards).
 */
export async function hostView(actor: Actor, id: string) {
  const row = await hostRow(id);
  if (!row) throw new Response('Not found', { status: 404 });
  const subject = await hostSubject(actor, row);
  authorize(actor, 'fundHost.view', subject);
  return {
    view: {
      id: row.id,
      title: row.title,
      summary: row.summary,
      amount: row.amount,
      roundName: row.roundName,
      leadName: row.leadName,
      orgName: row.orgName ?? '',
      hostStatus: (row.host_status ?? 'pending') as FundConsent,
      status: row.status,
    },
    abilities: abilitiesFor(actor, subject, HOST_ABILITIES),
  };
}

/** A member of the host organisation accepts (or declines) holding the money for the group. */
export async function respondAsHost(actor: Actor, id: string, accept: boolean, now = Date.now()): Promise<'ok'> {
  const row = await hostRow(id);
  if (!row) throw new Response('Not found', { status: 404 });
  const subject = await hostSubject(actor, row);
  authorize(actor, 'fundHost.view', subject);
  authorize(actor, 'fundHost.respond', subject);
  const answer: FundConsent = accept ? 'accepted' : 'declined';
  // Only the host still named answers: a group that changed host meanwhile is not answered for.
  const res = await db
    .updateTable('fund_applications')
    .set({ host_status: answer, updated_at: now })
    .where('id', '=', id)
    .where('host_org_id', '=', row.host_org_id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0 || row.host_status === answer) return 'ok';
  await audit({ actorId: actor.id, action: `fund_application.host_${answer}`, subjectType: 'fund_application', subjectId: id, details: { orgId: row.host_org_id } });
  await notify({ userId: row.lead_id, kind: `funding.host_${answer}`, params: { org: row.orgName ?? '' }, link: `/funds/applications/${id}` });
  return 'ok';
}

/**
 * After an application is saved: ask a host that has not been asked yet (the application went in, or
 * named another host while in), and tell newly named co-applicants.
 */
export async function askForConsent(
  before: { status: FundApplicationStatus; hostOrgId: string | null; coApplicantIds: string[] },
  after: { id: string; roundName: string; status: FundApplicationStatus; kind: FundApplicantKind; hostOrgId: string | null; coApplicantIds: string[] },
): Promise<void> {
  const link = `/funds/applications/${after.id}`;
  const added = after.coApplicantIds.filter((u) => !before.coApplicantIds.includes(u));
  if (added.length) await notifyMany(added, { kind: 'funding.co_applicant_request', params: { round: after.roundName }, link });
  const newlyIn = before.status !== 'submitted' || before.hostOrgId !== after.hostOrgId;
  if (after.status === 'submitted' && after.kind === 'group' && after.hostOrgId && newlyIn) {
    await notifyMany(await hostMembers(after.hostOrgId), { kind: 'funding.host_request', params: { round: after.roundName }, link: `/funds/host/${after.id}` });
  }
}

/** Tells the lead applicant that a co-applicant answered. */
export async function coApplicantAnswered(applicationId: string, leadId: string, name: string, accept: boolean): Promise<void> {
  await notify({ userId: leadId, kind: `funding.co_applicant_${accept ? 'confirmed' : 'declined'}`, params: { name }, link: `/funds/applications/${applicationId}` });
}

/** Who has answered, for the applicants' own page: the host organisation and each co-applicant. */
export async function consentState(app: { kind: FundApplicantKind; hostOrgId: string | null; hostStatus: FundConsent | null; coApplicants: { name: string; status: string }[] }) {
  const org = app.kind === 'group' && app.hostOrgId ? await db.selectFrom('organisations').select('name').where('id', '=', app.hostOrgId).executeTakeFirst() : undefined;
  return {
    host: org ? { name: org.name, status: (app.hostStatus ?? 'pending') as FundConsent } : null,
    coApplicants: app.coApplicants.map((c) => ({ name: c.name, status: c.status as FundConsent })),
  };
}

/** Groups waiting for an answer from an organisation the actor belongs to (listed on /funds). */
export async function hostRequestsFor(actor: Actor) {
  const rows = await db
    .selectFrom('fund_applications')
    .innerJoin('organisation_members', 'organisation_members.org_id', 'fund_applications.host_org_id')
    .innerJoin('organisations', 'organisations.id', 'fund_applications.host_org_id')
    .innerJoin('fund_rounds', 'fund_rounds.id', 'fund_applications.round_id')
    .leftJoin('fund_votes', 'fund_votes.round_id', 'fund_applications.round_id')
    .select(['fund_applications.id', 'fund_applications.title', 'fund_applications.kind', 'fund_applications.status', 'organisations.name as orgName', 'fund_rounds.name as roundName', 'fund_votes.round_id as voteRound', 'fund_applications.lead_id as leadId'])
    .where('organisation_members.user_id', '=', actor.id)
    .where('fund_applications.kind', '=', 'group')
    .where('fund_applications.status', '=', 'submitted')
    .where('fund_applications.host_status', '=', 'pending')
    // A decided round was decided without it: a yes now would change nothing (funddemo).
    .where('fund_rounds.status', '!=', 'decided')
    // Not their own joint application: an applicant never answers for the host.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('fund_co_applicants').select('fund_co_applicants.user_id').whereRef('fund_co_applicants.application_id', '=', 'fund_applications.id').where('fund_co_applicants.user_id', '=', actor.id).where('fund_co_applicants.status', '!=', 'declined'))))
    .orderBy('fund_applications.submitted_at')
    .execute();
  return rows
    .filter((r) => can(actor, 'fundHost.respond', { status: r.status, kind: r.kind, isHostMember: true, voteOpened: r.voteRound !== null, isApplicant: r.leadId === actor.id, roundDecided: false }))
    .map((r) => ({ id: r.id, title: r.title, orgName: r.orgName, roundName: r.roundName }));
}
