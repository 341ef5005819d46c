import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { requestPasswordReset } from '~/modules/auth/accounts.server';
import { registerAuthJobs } from '~/modules/auth/jobs.server';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { createInvitation, findInvitation } from './invitations.server';
import { resendFromOutbox } from './resend.server';
import { linkIn, makeMember, outbox } from '../../../test/factories';

/** Issue 16, item 2: "send again" gives the recipient a fresh link; the steward never sees one. */
describe('send again from the outbox', () => {
  registerAuthJobs();

  it('withdraws a lost invitation and emails a fresh one with the same welcome message', async () => {
    const steward = await makeMember({ role: 'steward', name: 'Grace' });
    const email = `resend-${Date.now()}@example.org`;
    await createInvitation({ email, invitedBy: steward.id, message: 'See you Thursday', locale: 'en', inviterName: 'Grace' });
    const first = (await outbox(email))[0]!;
    const oldToken = linkIn(first.text_body).split('/invite/')[1]!;
    expect(await resendFromOutbox(steward, first.id)).toBe('sent');
    const mails = await outbox(email);
    expect(mails).toHaveLength(2);
    const fresh = mails.find((m) => m.id !== first.id)!;
    expect(fresh.text_body).toContain('See you Thursday');
    const newToken = linkIn(fresh.text_body).split('/invite/')[1]!;
    expect(newToken).not.toBe(oldToken);
    expect((await findInvitation(oldToken)).state).toBe('unknown');
    expect((await findInvitation(newToken)).state).toBe('valid');
    const audited = await db.selectFrom('audit_log').selectAll().where('action', '=', 'outbox.resend').where('subject_id', '=', String(first.id)).execute();
    expect(audited).toHaveLength(1);
  });

  it('sends a fresh reset link to a member, not the old one', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    await requestPasswordReset(member.email, '203.0.113.200', 'en');
    await runDueJobs();
    const first = (await outbox(member.email))[0]!;
    expect(await resendFromOutbox(steward, first.id)).toBe('sent');
    const mails = await outbox(member.email);
    expect(mails).toHaveLength(2);
    expect(linkIn(mails[0]!.text_body)).not.toBe(linkIn(mails[1]!.text_body));
  });

  it('refuses members (403) and changes nothing; an unknown message is notFound', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const email = `resend-denied-${Date.now()}@example.org`;
    await createInvitation({ email, invitedBy: steward.id, locale: 'en', inviterName: 'Grace' });
    const first = (await outbox(email))[0]!;
    await expect(resendFromOutbox(member, first.id)).rejects.toMatchObject({ status: 403 });
    expect(await outbox(email)).toHaveLength(1);
    expect(await resendFromOutbox(steward, 987654321)).toBe('notFound');
  });
});
