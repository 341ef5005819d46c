import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { registerJobs } from '~/modules/jobs/registry.server';
import { action as joinAction } from '~/routes/join';
import { login, resetPassword } from '~/modules/auth/accounts.server';
import { issueHandoverResetLink, findMembersWithoutEmail } from '~/modules/auth/reset-links.server';
import { hasEmail } from '~/modules/auth/phone';
import { approveApplication, listApplications } from './applications.server';
import { acceptInvitation } from './invitations.server';
import { makeMember, outbox } from '../../../test/factories';

/**
 * Issue 13, item 4: joining without email. Many people here use WhatsApp and a phone number, not email:
 * an application may give a phone number instead; the steward gets a one-time WhatsApp message with
 * the invitation link; the member signs in with the number; a steward can make a reset link for them.
 */
let n = 0;
// Valid UK mobile numbers (07911 is a real mobile range; libphonenumber checks ranges).
const newPhone = () => `07911 1${10000 + ((++n * 7919 + Date.now()) % 90000)}`;
const e164 = (uk: string) => `+44${uk.replace(/\s/g, '').slice(1)}`;

async function join(fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ name__confirm: '', ...fields })) for (const item of [v].flat()) form.append(k, item);
  const request = new Request('http://nomi.test/join', { method: 'POST', body: form, headers: { 'x-nomi-client-ip': `198.51.100.${++n}` } });
  try {
    return await joinAction({ request, params: {}, context: { cspNonce: '' } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const errors = async (r: Response) => ((await r.json()) as { error?: Record<string, string[]> }).error ?? {};

beforeAll(() => registerJobs());

describe('applying with a phone number instead of email', () => {
  it('accepts a phone number alone, stored in international form, with "another language"', async () => {
    const phone = newPhone();
    const res = await join({ name: 'Hewan Tesfaye', email: '', phone, city: 'coventry', languages: ['ar'], otherLanguage: 'Tigrinya', about: 'Sewing circle' });
    expect(res.status).toBe(302);
    const row = await db.selectFrom('applications').selectAll().where('phone', '=', e164(phone)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: '', other_language: 'Tigrinya', name: 'Hewan Tesfaye' });
  });

  it('needs an email or a phone number, and says so next to the email field', async () => {
    const res = await join({ name: 'No Contact', email: '', phone: '', city: 'coventry', about: 'Hello' });
    expect(res.status).toBe(400);
    expect((await errors(res)).email).toEqual(['membership.join.contact.required']);
  });

  it('refuses something that is not a phone number, with a message next to it', async () => {
    const res = await join({ name: 'Bad Number', email: '', phone: '12345', city: 'coventry', about: 'Hello' });
    expect(res.status).toBe(400);
    expect((await errors(res)).phone).toEqual(['membership.join.phone.invalid']);
  });
});

describe('approving a phone applicant, signing in by phone, and a steward-made reset link', () => {
  it('hands the steward a one-time WhatsApp message with the link, sends no email; the member then signs in with the number', async () => {
    const steward = await makeMember({ role: 'steward', name: 'Grace' });
    const phone = newPhone();
    expect((await join({ name: 'Hewan Phone', email: '', phone, city: 'birmingham', about: 'Sewing' })).status).toBe(302);
    const app = (await listApplications('pending')).find((a) => a.phone === e164(phone))!;
    const before = (await outbox()).length;
    const result = await approveApplication(app.id, steward, 'Welcome Hewan!');
    if (typeof result !== 'object') throw new Error(`expected a handover, got ${result}`);
    expect(result.handover.phone).toBe(e164(phone));
    expect(result.handover.message).toContain(result.handover.link);
    expect(result.handover.message).toContain('Welcome Hewan!');
    expect((await outbox()).length).toBe(before);
    // Only the link's hash is stored.
    const token = result.handover.link.split('/invite/')[1]!;
    const inv = await db.selectFrom('invitations').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(inv)).not.toContain(token);

    const accepted = await acceptInvitation(token, { name: 'Hewan Phone', password: 'kettle river lantern 77', locale: 'en' });
    expect(accepted.ok).toBe(true);
    const user = await db.selectFrom('users').select(['email', 'phone']).where('phone', '=', e164(phone)).executeTakeFirstOrThrow();
    expect(hasEmail(user.email)).toBe(false);
    // However the member writes the number.
    for (const typed of [phone, e164(phone), phone.replace(/\s/g, '')]) expect((await login(typed, 'kettle river lantern 77', `198.51.100.${++n}`)).ok).toBe(true);
    expect(await login(phone, 'wrong password here', `198.51.100.${++n}`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a steward makes a one-time reset link for a member without email: audited, only its hash kept; members cannot', async () => {
    const steward = await makeMember({ role: 'steward' });
    const phone = newPhone();
    expect((await join({ name: 'Reset By Phone', email: '', phone, city: 'wolverhampton', about: 'Choir' })).status).toBe(302);
    const app = (await listApplications('pending')).find((a) => a.phone === e164(phone))!;
    const handover = await approveApplication(app.id, steward, null);
    if (typeof handover !== 'object') throw new Error('expected a handover');
    await acceptInvitation(handover.handover.link.split('/invite/')[1]!, { name: 'Reset By Phone', password: 'first password 123', locale: 'en' });
    const userId = (await db.selectFrom('users').select('id').where('phone', '=', e164(phone)).executeTakeFirstOrThrow()).id;

    expect((await findMembersWithoutEmail(steward, phone)).map((m) => m.id)).toEqual([userId]);
    const issued = await issueHandoverResetLink(steward, userId);
    if (!issued.ok) throw new Error(issued.reason);
    expect(issued.whatsApp).toMatch(/^https:\/\/wa\.me\/447911\d{6}\?text=/);
    expect(decodeURIComponent(issued.whatsApp.split('?text=')[1]!)).toContain(issued.link);
    const token = new URL(issued.link).searchParams.get('token')!;
    const row = await db.selectFrom('password_resets').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(row.issued_by).toBe(steward.id);
    expect(row.expires_at - row.created_at).toBe(30 * 60_000);
    expect(JSON.stringify(row)).not.toContain(token);
    const audited = await db.selectFrom('audit_log').selectAll().where('action', '=', 'account.reset_link_issued').where('subject_id', '=', userId).execute();
    expect(audited.map((a) => a.actor_id)).toEqual([steward.id]);

    expect((await resetPassword(token, 'second password 456')).ok).toBe(true);
    expect((await resetPassword(token, 'third password 789')).ok).toBe(false);
    expect((await login(phone, 'second password 456', `198.51.100.${++n}`)).ok).toBe(true);

    // Members cannot make links; a member with email gets "use I forgot my password".
    const member = await makeMember();
    await expect(issueHandoverResetLink(member, userId)).rejects.toMatchObject({ status: 403 });
    await expect(findMembersWithoutEmail(member, phone)).rejects.toMatchObject({ status: 403 });
    expect(await issueHandoverResetLink(steward, member.id)).toEqual({ ok: false, reason: 'hasEmail' });
  });
});
