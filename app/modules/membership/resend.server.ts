import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import { outboxMessage, sendEmail } from '~/modules/email/email.server';
import { sendPasswordReset } from '~/modules/auth/accounts.server';
import { audit } from '~/modules/network/settings.server';
import { createInvitation } from './invitations.server';

export type ResendResult = 'sent' | 'notFound' | 'nothingToResend';

/**
 * "Send again" from the outbox. A steward never sees a message's text, so a lost invitation or reset
 * email is not re-read and forwarded by hand: the recipient gets a *fresh* link by email (the old
 * invitation is withdrawn; an older reset link dies when the new one is used). Other messages are sent
 * again from the stored text while it is still kept (not yet delivered).
 */
export async function resendFromOutbox(actor: Actor, outboxId: number): Promise<ResendResult> {
  authorize(actor, 'outbox.resend');
  const message = await outboxMessage(outboxId);
  if (!message) return 'notFound';
  let result: ResendResult = 'nothingToResend';
  if (message.kind === 'invitation') {
    const invitation = await db
      .selectFrom('invitations')
      .leftJoin('applications', 'applications.id', 'invitations.application_id')
      .leftJoin('users', 'users.id', 'invitations.invited_by')
      .select(['invitations.id', 'invitations.invited_by', 'invitations.message', 'invitations.application_id', 'applications.locale', 'users.name as inviter_name'])
      .where('invitations.email', '=', message.to_address)
      .where('invitations.used_at', 'is', null)
      .where('invitations.revoked_at', 'is', null)
      .orderBy('invitations.created_at', 'desc')
      .executeTakeFirst();
    if (invitation) {
      await db.updateTable('invitations').set({ revoked_at: Date.now() }).where('id', '=', invitation.id).execute();
      await createInvitation({
        email: message.to_address,
        invitedBy: invitation.invited_by,
        message: invitation.message,
        applicationId: invitation.application_id,
        locale: invitation.locale ?? 'en',
        inviterName: invitation.inviter_name ?? '',
      });
      result = 'sent';
    }
  } else if (message.kind === 'password.reset') {
    const member = await db.selectFrom('users').select('id').where('email', '=', message.to_address).where('status', '=', 'active').executeTakeFirst();
    if (member) {
      await sendPasswordReset(message.to_address, 'en');
      result = 'sent';
    }
  } else if (message.text_body && message.status !== 'sent') {
    await sendEmail({ to: message.to_address, subject: message.subject, text: message.text_body, kind: message.kind, ...(message.reply_to ? { replyTo: message.reply_to } : {}) });
    result = 'sent';
  }
  if (result === 'sent') await audit({ actorId: actor.id, action: 'outbox.resend', subjectType: 'outbox', subjectId: String(outboxId), details: { kind: message.kind } });
  return result;
}
