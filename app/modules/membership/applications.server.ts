import fs from 'node:fs';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { sendEmail } from '~/modules/email/email.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { newId } from '~/modules/auth/tokens.server';
import { notifyMany } from '~/modules/notifications/notifications.server';
import { schedule } from '~/modules/jobs/scheduler.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { createInvitation, AlreadyMemberError } from './invitations.server';
import { notePathOnDisk, type StoredNote } from './note-upload.server';
import { normalisePhone } from '~/modules/auth/phone';
import { authorize } from '~/policies';

/** Notes are kept only while needed to decide: removed 30 days after the decision. */
export const NOTE_RETENTION_MS = 30 * 24 * 60 * 60_000;

export async function submitApplication(input: {
  name: string;
  email?: string | null;
  phone?: string | null;
  city: string;
  languages: string[];
  otherLanguage?: string | null;
  about: string;
  locale: string;
  note: StoredNote | null;
}): Promise<string> {
  const id = newId();
  await db
    .insertInto('applications')
    .values({
      id,
      name: input.name,
      // '' when the person gave only a phone number (the column predates phone applications).
      email: input.email ?? '',
      phone: normalisePhone(input.phone) ?? null,
      city: input.city,
      languages: JSON.stringify(input.languages),
      other_language: input.otherLanguage || null,
      about: input.about,
      locale: input.locale,
      note_path: input.note?.path ?? null,
      note_mime: input.note?.mime ?? null,
      note_size: input.note?.size ?? null,
      note_duration: input.note?.duration ?? null,
      status: 'pending',
      created_at: Date.now(),
    })
    .execute();
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  // The notification names no one: the applicant is not a member and their details stay in the review page.
  await notifyMany(
    stewards.map((s) => s.id),
    { kind: 'membership.application_received', link: '/admin/applications' },
  );
  return id;
}

export async function listApplications(status: 'pending' | 'approved' | 'declined') {
  const rows = await db
    .selectFrom('applications')
    .leftJoin('users', 'users.id', 'applications.reviewed_by')
    .selectAll('applications')
    .select('users.name as reviewer_name')
    .where('applications.status', '=', status)
    .orderBy('applications.created_at', status === 'pending' ? 'asc' : 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ ...r, languages: JSON.parse(r.languages) as string[], has_note: Boolean(r.note_path) }));
}

export async function countPendingApplications(): Promise<number> {
  const r = await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function applicationNote(id: string): Promise<{ file: string; mime: string } | null> {
  const row = await db.selectFrom('applications').select(['note_path', 'note_mime']).where('id', '=', id).executeTakeFirst();
  if (!row?.note_path || !row.note_mime) return null;
  const file = notePathOnDisk(row.note_path);
  return file && fs.existsSync(file) ? { file, mime: row.note_mime } : null;
}

export type DecisionResult = 'ok' | 'notFound' | 'alreadyDecided' | 'alreadyMember';

async function claimDecision(id: string, steward: SessionUser, status: 'approved' | 'declined', message: string | null) {
  const r = await db
    .updateTable('applications')
    .set({ status, decision_message: message, reviewed_by: steward.id, reviewed_at: Date.now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** What a steward hands over by WhatsApp when the applicant gave no email: shown once, never stored. */
export interface Handover {
  handover: { name: string; phone: string; link: string; message: string };
}

/**
 * Approves and sends the invitation link, with the steward's welcome message. An applicant without
 * email gets no email: the steward is given the one-time link once, in a ready WhatsApp message.
 */
export async function approveApplication(id: string, steward: SessionUser, welcome: string | null): Promise<DecisionResult | Handover> {
  authorize(steward, 'application.review');
  const app = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!app) return 'notFound';
  if (app.status !== 'pending') return 'alreadyDecided';
  const member = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([...(app.email ? [eb('email', '=', app.email)] : []), ...(app.phone ? [eb('phone', '=', app.phone)] : [])]))
    .executeTakeFirst();
  if (member) return 'alreadyMember';
  if (!(await claimDecision(id, steward, 'approved', welcome))) return 'alreadyDecided';
  let link: string;
  try {
    ({ link } = await createInvitation({
      email: app.email,
      phone: app.phone ?? null,
      invitedBy: steward.id,
      message: welcome,
      applicationId: app.id,
      locale: app.locale,
      inviterName: steward.name,
    }));
  } catch (error) {
    if (error instanceof AlreadyMemberError) return 'alreadyMember';
    throw error;
  }
  await scheduleNotePurge(id);
  if (!app.email && app.phone) {
    const t = await fixedT(app.locale);
    const message = [t('membership.invite.whatsapp', { name: app.name, inviter: steward.name }), welcome ?? '', link].filter(Boolean).join('\n\n');
    return { handover: { name: app.name, phone: app.phone, link, message } };
  }
  return 'ok';
}

export async function declineApplication(id: string, steward: SessionUser, reason: string): Promise<DecisionResult> {
  authorize(steward, 'application.review');
  const app = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!app) return 'notFound';
  if (!(await claimDecision(id, steward, 'declined', reason))) return 'alreadyDecided';
  const t = await fixedT(app.locale);
  await sendEmail({
    to: app.email,
    kind: 'application.declined',
    subject: t('membership.review.declinedEmail.subject'),
    text: t('membership.review.declinedEmail.body', { name: app.name, reason, url: env.publicUrl }),
  });
  await scheduleNotePurge(id);
  return 'ok';
}

async function scheduleNotePurge(id: string) {
  await schedule('applications.purge-note', Date.now() + NOTE_RETENTION_MS, { id }, `applications.purge-note:${id}`);
}

export async function purgeApplicationNote(id: string) {
  const row = await db.selectFrom('applications').select('note_path').where('id', '=', id).executeTakeFirst();
  if (!row?.note_path) return;
  const file = notePathOnDisk(row.note_path);
  if (file) await fs.promises.rm(file, { force: true });
  await db.updateTable('applications').set({ note_path: null }).where('id', '=', id).execute();
}
