import { describe, expect, it, vi } from 'vitest';
import { db } from '~db/connection';
import { createSessionCookie, deleteExpiredSessions, endAllSessions, endSession, getUser, safeRedirect, sessionCookieUpdate } from './session.server';
import { runInRequestScope } from './request-scope.server';
import { changePassword } from './accounts.server';
import { KyselySessionAdapter } from './lucia-adapter.server';
import { reinstateMember, suspendMember } from '../members/admin.server';
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

describe('session lifetime and revocation', () => {
  it('refuses an expired session and removes it', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    await db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('user_id', '=', member.id).execute();
    const request = requestWith(cookie);
    expect(await getUser(request)).toBeNull();
    // The browser is told to forget the cookie, and the row is gone.
    expect(await sessionCookieUpdate(request)).toMatch(/nomi_session=;/);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', member.id).execute()).toEqual([]);
  });

  it('extends a session that is used in the second half of its 30 days', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    await db.updateTable('sessions').set({ expires_at: Date.now() + 24 * 3600_000 }).where('user_id', '=', member.id).execute();
    const request = requestWith(cookie);
    expect((await getUser(request))?.id).toBe(member.id);
    expect(await sessionCookieUpdate(request)).toMatch(/nomi_session=[^;]+;.*Max-Age=2592000/);
    const row = await db.selectFrom('sessions').select('expires_at').where('user_id', '=', member.id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it('issues an HttpOnly, SameSite=Lax cookie for the whole site', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('signing out ends only this session', async () => {
    const member = await makeMember();
    const a = await createSessionCookie(member.id);
    const b = await createSessionCookie(member.id);
    const blank = await endSession(requestWith(a));
    expect(blank).toMatch(/nomi_session=;/);
    expect(await getUser(requestWith(a))).toBeNull();
    expect((await getUser(requestWith(b)))?.id).toBe(member.id);
  });

  it('a password change ends every other session and hands back a fresh one', async () => {
    const member = await makeMember({ password: 'old passphrase here' });
    const before = await createSessionCookie(member.id);
    expect((await changePassword(member.id, 'not the password', 'new passphrase here')).ok).toBe(false);
    expect((await getUser(requestWith(before)))?.id).toBe(member.id);
    const result = await changePassword(member.id, 'old passphrase here', 'new passphrase here');
    expect(result.ok).toBe(true);
    expect(await getUser(requestWith(before))).toBeNull();
    expect((await getUser(requestWith(result.ok ? result.cookie : '')))?.id).toBe(member.id);
  });

  it('suspension deletes every session, and reinstating does not bring the old cookie back', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    expect(await suspendMember(steward, member.id)).toBe('ok');
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', member.id).execute()).toEqual([]);
    expect(await getUser(requestWith(cookie))).toBeNull();
    expect(await reinstateMember(steward, member.id)).toBe('ok');
    expect(await getUser(requestWith(cookie))).toBeNull();
  });

  it('cleans up expired sessions only', async () => {
    const member = await makeMember();
    const live = await createSessionCookie(member.id);
    await createSessionCookie(member.id);
    const liveId = sha256(/nomi_session=([^;]+)/.exec(live)![1]!);
    await db.updateTable('sessions').set({ expires_at: Date.now() - 1 }).where('user_id', '=', member.id).where('id', '!=', liveId).execute();
    await deleteExpiredSessions();
    const left = await db.selectFrom('sessions').select('id').where('user_id', '=', member.id).execute();
    expect(left).toHaveLength(1);
    expect((await getUser(requestWith(live)))?.id).toBe(member.id);
  });
});

describe('the session adapter', () => {
  it('never returns a session id that could be used as a cookie', async () => {
    const member = await makeMember();
    const cookie = await createSessionCookie(member.id);
    const raw = /nomi_session=([^;]+)/.exec(cookie)![1]!;
    const sessions = await new KyselySessionAdapter(db).getUserSessions(member.id);
    expect(sessions.map((s) => s.id)).toEqual([sha256(raw)]);
    // Presenting the stored hash as a cookie signs no one in.
    expect(await getUser(requestWith(`nomi_session=${sha256(raw)}`))).toBeNull();
  });

  it('ignores a cookie with a made-up session id', async () => {
    expect(await getUser(requestWith('nomi_session=abcdefghijklmnopqrstuvwxyz'))).toBeNull();
  });
});

describe('redirects after sign-in', () => {
  it('only allow paths on this site', () => {
    expect(safeRedirect('/settings?x=1')).toBe('/settings?x=1');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
  });
});

describe('one session lookup per page request (issue 17)', () => {
  // Remix hands every loader its own copy of the request (it strips ?index and ?_data into a new
  // Request), so the root loader, the page's loader and the locale detector each asked the database.
  const remixCopy = (r: Request) => new Request(new URL(r.url).href, { method: r.method, headers: r.headers, signal: r.signal });

  it('the copies Remix makes of one GET share one lookup', async () => {
    const member = await makeMember();
    const cookie = (await createSessionCookie(member.id)).split(';')[0]!;
    const lookups = vi.spyOn(KyselySessionAdapter.prototype, 'getSessionAndUser');
    try {
      const original = new Request('http://localhost/notices', { headers: { cookie } });
      const users = await runInRequestScope(() => Promise.all([getUser(original), getUser(remixCopy(original)), getUser(remixCopy(remixCopy(original)))]));
      expect(users.map((u) => u?.id)).toEqual([member.id, member.id, member.id]);
      expect(lookups).toHaveBeenCalledTimes(1);
      // Another request (even with the same cookie) asks again: nothing is kept between requests.
      await runInRequestScope(() => getUser(new Request('http://localhost/notices', { headers: { cookie } })));
      expect(lookups).toHaveBeenCalledTimes(2);
    } finally {
      lookups.mockRestore();
    }
  });

  it('a form post is looked up afresh for each copy: an action may end the session it came with', async () => {
    const member = await makeMember();
    const cookie = (await createSessionCookie(member.id)).split(';')[0]!;
    const post = new Request('http://localhost/logout', { method: 'POST', headers: { cookie } });
    const after = await runInRequestScope(async () => {
      expect((await getUser(post))?.id).toBe(member.id);
      await endSession(post);
      return getUser(remixCopy(post));
    });
    expect(after).toBeNull();
  });
});
