import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { createSessionCookie, endAllSessions, getUser } from './session.server';
import { sha256 } from './tokens.server';
import { makeMember } from '../../../test/factories';

function requestWith(cookie: string) {
  return new Request('http://nomi.test/', { headers: { cookie: cookie.split(';')[0]! } });
}

describe('sessions', () => {
  it('signs a member in with the cookie it issues', async () => {
    const member = await makeMember({ name: 'Amina' });
    const cookie = await createSessionCookie(member.id);
    const user = await getUser(requestWith(cookie));
    expect(user?.name).toBe('Amina');
  });

  it('stores only the SHA-256 of the session id', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    const raw = /nomi_session=([^;]+)/.exec(cookie)![1]!;
    const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', member.id).execute();
    expect(rows.map((r) => r.id)).toEqual([sha256(raw)]);
    expect(rows.some((r) => r.id === raw)).toBe(false);
  });

  it('ends every session when asked to sign out everywhere', async () => {
    const member = await makeMember();
    const a = await createSessionCookie(member.id);
    const b = await createSessionCookie(member.id);
    await endAllSessions(member.id);
    expect(await getUser(requestWith(a))).toBeNull();
    expect(await getUser(requestWith(b))).toBeNull();
  });

  it('does not accept a suspended member\'s old cookie', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', member.id).execute();
    expect(await getUser(requestWith(cookie))).toBeNull();
  });
});
