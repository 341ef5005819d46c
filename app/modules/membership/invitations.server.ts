import { db } from '~db/connection';
import { env } from '~/env.server';
import { sendEmail } from '~/modules/email/email.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { createAccount, EmailTakenError } from '~/modules/auth/accounts.server';
import { hashPassword } from '~/modules/auth/password.server';
import { noEmailAddress } from '~/modules/auth/phone';
import { newId, newToken, sha256 } from '~/modules/auth/tokens.server';
import { notify } from '~/modules/notifications/notifications.server';
import { getNetworkSettings } from '~/modules/network/settings.server';
import { authorize, can, type Actor } from '~/policies';
import { dateTimeFormat } from '~/utils/intl';

export const INVITATION_TTL = 14 * 24 * 60 * 60_000;

/** `invitation.create` over the network setting (stewards always; members when the setting allows). */
export async function canInvite(user: Actor): Promise<boolean> {
  if (can(user, 'invitation.create', { membersCanInvite: false })) return true;
  return can(user, 'invitation.create', { membersCanInvite: (await getNetworkSettings()).membersCanInvite });
}

/** Refuses (403) a member who may not invite. */
export async function authorizeInvite(user: Actor): Promise<void> {
  authorize(user, 'invitation.create', { membersCanInvite: (await getNetworkSettings()).membersCanInvite });
}

export class AlreadyMemberError extends Error {}

/**
 * Creates a single-use invitation and emails its link. Only the SHA-256 of the token is stored, so the
 * link cannot be rebuilt from the database. Returns the link for the caller: for someone who gave
 * only a phone number nothing is emailed, and the steward hands the link over once (WhatsApp).
 */
export async function createInvitation(input: {
  email: string;
  phone?: string | null;
  invitedBy: string | null;
  message?: string | null;
  applicationId?: string | null;
  locale: string;
  inviterName: string;
}): Promise<{ id: string; link: string }> {
  const member = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([...(input.email ? [eb('email', '=', input.email)] : []), ...(input.phone ? [eb('phone', '=', input.phone)] : [])]))
    .executeTakeFirst();
  if ((input.email || input.phone) && member) throw new AlreadyMemberError();
  const token = newToken();
  const now = Date.now();
  const id = newId();
  await db
    .insertInto('invitations')
    .values({
      id,
      token_hash: sha256(token),
      email: input.email,
      phone: input.phone ?? null,
      invited_by: input.invitedBy,
      application_id: input.applicationId ?? null,
      message: input.message || null,
      created_at: now,
      expires_at: now + INVITATION_TTL,
    })
    .execute();
  const link = `${env.publicUrl}/invite/${token}`;
  if (!input.email) return { id, link };
  const t = await fixedT(input.locale);
  const expires = dateTimeFormat(input.locale, { dateStyle: 'long' }).format(now + INVITATION_TTL);
  await sendEmail({
    to: input.email,
    kind: 'invitation',
    subject: t('membership.invite.email.subject'),
    text: [
      t('membership.invite.email.intro', { name: input.inviterName }),
      input.message ? `\n${input.message}\n` : '',
      t('membership.invite.email.action', { link, expires }),
    ].join('\n'),
  });
  return { id, link };
}

export type InvitationState =
  | { state: 'valid'; id: string; email: string; phone: string | null; message: string | null; inviterName: string | null; applicantName: string | null }
  | { state: 'expired' | 'used' | 'unknown' };

export async function findInvitation(token: string): Promise<InvitationState> {
  if (!token || token.length > 200) return { state: 'unknown' };
  const row = await db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .leftJoin('applications', 'applications.id', 'invitations.application_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.phone',
      'invitations.message',
      'invitations.expires_at',
      'invitations.used_at',
      'invitations.revoked_at',
      'users.name as inviter_name',
      'applications.name as applicant_name',
    ])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return { state: 'unknown' };
  if (row.used_at) return { state: 'used' };
  if (row.expires_at <= Date.now()) return { state: 'expired' };
  return {
    state: 'valid',
    id: row.id,
    email: row.email,
    phone: row.phone ?? null,
    message: row.message,
    inviterName: row.inviter_name,
    applicantName: row.applicant_name,
  };
}

export type AcceptResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'emailTaken' };

/** Turns a valid invitation into an account, in one transaction: the link works once. */
export async function acceptInvitation(token: string, input: { name: string; password: string; locale: string }): Promise<AcceptResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const result = await db.transaction().execute(async (trx) => {
      const inv = await trx
        .selectFrom('invitations')
        .select(['id', 'email', 'phone', 'invited_by', 'expires_at', 'used_at', 'revoked_at', 'application_id'])
        .where('token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!inv || inv.used_at || inv.revoked_at || inv.expires_at <= Date.now()) return null;
      const application = inv.application_id
        ? await trx.selectFrom('applications').select(['city', 'languages']).where('id', '=', inv.application_id).executeTakeFirst()
        : undefined;
      const userId = await createAccount(
        {
          name: input.name,
          // Someone who joined with a phone number only gets an undeliverable placeholder address.
          email: inv.email || noEmailAddress(inv.phone ?? ''),
          phone: inv.phone ?? null,
          password: input.password,
          passwordHash,
          locale: input.locale,
          city: application?.city ?? null,
          languages: application ? (JSON.parse(application.languages) as string[]) : [],
        },
        trx,
      );
      const used = await trx
        .updateTable('invitations')
        .set({ used_at: Date.now(), used_by: userId })
        .where('id', '=', inv.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new Error('invitation used concurrently');
      return { userId, invitedBy: inv.invited_by };
    });
    if (!result) return { ok: false, reason: 'invalid' };
    if (result.invitedBy) {
      await notify({ userId: result.invitedBy, kind: 'membership.member_joined', params: { name: input.name }, link: '/admin/members' });
    }
    return { ok: true, userId: result.userId };
  } catch (error) {
    if (error instanceof EmailTakenError) return { ok: false, reason: 'emailTaken' };
    throw error;
  }
}

export async function listInvitations(opts: { invitedBy?: string } = {}) {
  let q = db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .select(['invitations.id', 'invitations.email', 'invitations.phone', 'invitations.created_at', 'invitations.expires_at', 'invitations.used_at', 'invitations.revoked_at', 'users.name as inviter_name']);
  if (opts.invitedBy) q = q.where('invitations.invited_by', '=', opts.invitedBy);
  const rows = await q.orderBy('invitations.created_at', 'desc').limit(100).execute();
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    status: r.revoked_at ? 'revoked' : r.used_at ? 'used' : r.expires_at <= now ? 'expired' : 'pending',
  }));
}

/**
 * Withdraws an unused invitation (`invitation.revoke`: stewards any, members only their own). False when
 * it is not there, already used or withdrawn — or is someone else's, which must look the same.
 */
export async function revokeInvitation(id: string, by: Actor): Promise<boolean> {
  const row = await db.selectFrom('invitations').select('invited_by').where('id', '=', id).executeTakeFirst();
  if (!row || !can(by, 'invitation.revoke', { invitedBy: row.invited_by })) return false;
  const r = await db.updateTable('invitations').set({ revoked_at: Date.now() }).where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
