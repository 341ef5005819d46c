import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { login } from '~/modules/auth/accounts.server';
import { sha256 } from '~/modules/auth/tokens.server';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { INVITATION_TTL, acceptInvitation, canInvite, createInvitation, findInvitation, listInvitations, revokeInvitation, AlreadyMemberError } from './invitations.server';
import { linkIn, makeMember, outbox } from '../../../test/factories';

let n = 0;
const newEmail = () => `invitee${++n}-${Date.now()}@example.org`;

async function invite(by: { id: string; name: string }, email = newEmail(), message: string | null = null) {
  const { id, link } = await createInvitation({ email, invitedBy: by.id, inviterName: by.name, message, locale: 'en' });
  return { id, email, token: link.split('/invite/')[1]! };
}

describe('invitations', () => {
  it('emails a link whose token is stored only as a hash', async () => {
    const steward = await makeMember({ role: 'steward', name: 'Grace' });
    const { id, email, token } = await invite(steward, undefined, 'We met at the Coventry food bank.');
    const mail = (await outbox(email))[0]!;
    expect(mail.kind).toBe('invitation');
    expect(linkIn(mail.text_body)).toBe(`http://nomi.test/invite/${token}`);
    expect(mail.text_body).toContain('Grace');
    expect(mail.text_body).toContain('We met at the Coventry food bank.');
    const row = await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expires_at - row.created_at).toBe(INVITATION_TTL);
    expect(INVITATION_TTL).toBe(14 * 24 * 3600_000);
  });

  it('turns into an account once; the link is then used', async () => {
    const steward = await makeMember({ role: 'steward' });
    const { email, token } = await invite(steward);
    expect(await findInvitation(token)).toMatchObject({ state: 'valid', email });
    const result = await acceptInvitation(token, { name: 'Nadia', password: 'blue kettle river song', locale: 'fa' });
    expect(result.ok).toBe(true);
    const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: 'Nadia', role: 'member', status: 'active', locale: 'fa' });
    expect((await login(email, 'blue kettle river song', '198.51.100.1')).ok).toBe(true);

    expect(await findInvitation(token)).toEqual({ state: 'used' });
    expect(await acceptInvitation(token, { name: 'Someone else', password: 'another passphrase', locale: 'en' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
  });

  it('tells the inviter when their invitee joins', async () => {
    const steward = await makeMember({ role: 'steward' });
    const { token } = await invite(steward);
    await acceptInvitation(token, { name: 'Tomasz', password: 'blue kettle river song', locale: 'pl' });
    const notes = await db.selectFrom('notifications').selectAll().where('user_id', '=', steward.id).execute();
    expect(notes.map((x) => [x.kind, JSON.parse(x.params)])).toContainEqual(['membership.member_joined', { name: 'Tomasz' }]);
  });

  it('stops working after 14 days', async () => {
    const steward = await makeMember({ role: 'steward' });
    const { id, email, token } = await invite(steward);
    await db.updateTable('invitations').set({ expires_at: Date.now() - 1 }).where('id', '=', id).execute();
    expect(await findInvitation(token)).toEqual({ state: 'expired' });
    expect(await acceptInvitation(token, { name: 'Late', password: 'blue kettle river song', locale: 'en' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
    expect((await listInvitations()).find((i) => i.id === id)?.status).toBe('expired');
  });

  it('a withdrawn invitation is unknown, and members may only withdraw their own', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const { id, token } = await invite(steward);
    expect(await revokeInvitation(id, member)).toBe(false);
    expect(await findInvitation(token)).toMatchObject({ state: 'valid' });
    expect(await revokeInvitation(id, steward)).toBe(true);
    expect(await findInvitation(token)).toEqual({ state: 'unknown' });
    expect((await acceptInvitation(token, { name: 'X', password: 'blue kettle river song', locale: 'en' })).ok).toBe(false);
    expect(await revokeInvitation(id, steward)).toBe(false);
  });

  it('does not know made-up or absurd tokens', async () => {
    expect(await findInvitation('made-up')).toEqual({ state: 'unknown' });
    expect(await findInvitation('x'.repeat(10_000))).toEqual({ state: 'unknown' });
    expect(await findInvitation('')).toEqual({ state: 'unknown' });
  });

  it('refuses to invite an existing member', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    await expect(invite(steward, member.email)).rejects.toBeInstanceOf(AlreadyMemberError);
  });

  it('says emailTaken when the address became a member in the meantime', async () => {
    const steward = await makeMember({ role: 'steward' });
    const email = newEmail();
    const first = await invite(steward, email);
    const second = await invite(steward, email);
    expect((await acceptInvitation(first.token, { name: 'A', password: 'blue kettle river song', locale: 'en' })).ok).toBe(true);
    expect(await acceptInvitation(second.token, { name: 'B', password: 'blue kettle river song', locale: 'en' })).toEqual({ ok: false, reason: 'emailTaken' });
    // The second invitation is still unused: nothing was half-written.
    expect(await findInvitation(second.token)).toMatchObject({ state: 'valid' });
    expect(await db.selectFrom('users').select('name').where('email', '=', email).execute()).toEqual([{ name: 'A' }]);
  });

  it('members may invite only when the network allows it', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    expect(await canInvite(steward)).toBe(true);
    expect(await canInvite(member)).toBe(false);
    await updateNetworkSettings({ membersCanInvite: true });
    expect(await canInvite(member)).toBe(true);
    await updateNetworkSettings({ membersCanInvite: false });
    expect(await canInvite(member)).toBe(false);
    expect(await canInvite(steward)).toBe(true);
  });

  it('a member sees only their own invitations', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const mine = await invite(member);
    const theirs = await invite(steward);
    const ids = (await listInvitations({ invitedBy: member.id })).map((i) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });
});
