import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { emailPreferences, listNotifications, markAllRead, markRead, notify, notifyMany, saveEmailPreferences, unreadCount } from './notifications.server';
import { NOTIFICATION_KINDS } from './kinds';
import { makeMember, outbox } from '../../../test/factories';

describe('notifications', () => {
  it('shows in the app and, by default for this kind, sends an email with a link', async () => {
    const member = await makeMember();
    await notify({ userId: member.id, kind: 'membership.member_joined', params: { name: 'Amina' }, link: '/admin/members' });
    expect(await unreadCount(member.id)).toBe(1);
    const { items } = await listNotifications(member.id);
    expect(items[0]).toMatchObject({ kind: 'membership.member_joined', params: { name: 'Amina' }, link: '/admin/members', read_at: null });
    const mail = (await outbox(member.email))[0]!;
    expect(mail.kind).toBe('membership.member_joined');
    expect(mail.subject).toBe('Amina accepted your invitation and joined');
    expect(mail.text_body).toContain('http://nomi.test/admin/members');
    expect(mail.text_body).toContain('http://nomi.test/settings');
  });

  it('sends no email when the member turned that kind off, but still shows it in the app', async () => {
    const member = await makeMember();
    await saveEmailPreferences(member.id, new Set(), false);
    await notify({ userId: member.id, kind: 'membership.role_changed', link: '/settings' });
    expect(await outbox(member.email)).toEqual([]);
    expect(await unreadCount(member.id)).toBe(1);
    await saveEmailPreferences(member.id, new Set(['membership.role_changed']), false);
    await notify({ userId: member.id, kind: 'membership.role_changed', link: '/settings' });
    expect(await outbox(member.email)).toHaveLength(1);
  });

  it('uses each kind\'s default until the member chooses', async () => {
    const member = await makeMember();
    const prefs = await emailPreferences(member.id, false);
    for (const p of prefs) expect(p.email).toBe(NOTIFICATION_KINDS.find((k) => k.kind === p.kind)!.emailByDefault);
    // A kind nobody registered is never emailed.
    await notify({ userId: member.id, kind: 'test.unregistered', link: '/' });
    expect(await outbox(member.email)).toEqual([]);
  });

  it('hides stewards-only kinds from members\' preferences', async () => {
    const member = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    expect((await emailPreferences(member.id, false)).map((p) => p.kind)).not.toContain('membership.application_received');
    expect((await emailPreferences(steward.id, true)).map((p) => p.kind)).toContain('membership.application_received');
  });

  it('writes the email in the recipient\'s language', async () => {
    const member = await makeMember({ locale: 'pl' });
    await notify({ userId: member.id, kind: 'membership.role_changed', link: '/settings' });
    const { fixedT } = await import('~/modules/i18n/i18next.server');
    expect((await outbox(member.email))[0]!.subject).toBe((await fixedT('pl'))('membership.notifications.role_changed.title'));
  });

  it('does not email a suspended member', async () => {
    const member = await makeMember();
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', member.id).execute();
    await notify({ userId: member.id, kind: 'membership.role_changed', link: '/settings' });
    expect(await outbox(member.email)).toEqual([]);
  });

  it('a member can mark only their own notifications read', async () => {
    const a = await makeMember();
    const b = await makeMember();
    await notifyMany([a.id, a.id, b.id], { kind: 'membership.role_changed', link: '/settings' });
    // Duplicate ids are told once.
    expect(await unreadCount(a.id)).toBe(1);
    const bItem = (await listNotifications(b.id)).items[0]!;
    expect(await markRead(a.id, bItem.id)).toBeNull();
    expect(await unreadCount(b.id)).toBe(1);
    expect(await markRead(b.id, bItem.id)).toBe('/settings');
    expect(await unreadCount(b.id)).toBe(0);
    await markAllRead(a.id);
    expect(await unreadCount(a.id)).toBe(0);
  });

  it('pages through older notifications', async () => {
    const member = await makeMember();
    await saveEmailPreferences(member.id, new Set(), false);
    for (let i = 0; i < 5; i++) await notify({ userId: member.id, kind: 'membership.member_joined', params: { name: `N${i}` }, link: '/' });
    const first = await listNotifications(member.id, { limit: 3 });
    expect(first.items.map((x) => x.params.name)).toEqual(['N4', 'N3', 'N2']);
    const second = await listNotifications(member.id, { limit: 3, before: first.nextCursor! });
    expect(second.items.map((x) => x.params.name)).toEqual(['N1', 'N0']);
    expect(second.nextCursor).toBeNull();
  });
});
