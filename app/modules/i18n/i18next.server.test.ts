import { describe, expect, it } from 'vitest';
import { createSessionCookie } from '~/modules/auth/session.server';
import { db } from '~db/connection';
import { fixedT, localeCookie, resolveLocale } from './i18next.server';
import { matchLocale, textDirection } from './config';
import { makeMember } from '../../../test/factories';

async function request(opts: { accept?: string; lang?: string; session?: string }) {
  const cookies = [opts.lang ? (await localeCookie.serialize(opts.lang)).split(';')[0] : null, opts.session?.split(';')[0]].filter(Boolean);
  const headers = new Headers();
  if (opts.accept) headers.set('Accept-Language', opts.accept);
  if (cookies.length) headers.set('Cookie', cookies.join('; '));
  return new Request('http://nomi.test/', { headers });
}

describe('choosing the interface language', () => {
  it('uses the browser\'s Accept-Language, by quality, matching base languages', async () => {
    expect(await resolveLocale(await request({ accept: 'ar-SY,ar;q=0.9,en;q=0.5' }))).toBe('ar');
    expect(await resolveLocale(await request({ accept: 'de-DE,de;q=0.9,fa-IR;q=0.8,en;q=0.1' }))).toBe('fa');
    expect(await resolveLocale(await request({ accept: 'en;q=0.2,ro-MD;q=0.9' }))).toBe('ro');
    expect(await resolveLocale(await request({ accept: 'de,fr' }))).toBe('en');
    expect(await resolveLocale(await request({}))).toBe('en');
  });

  it('the language cookie wins over the browser, and an unknown value in it is ignored', async () => {
    expect(await resolveLocale(await request({ accept: 'pl', lang: 'ur' }))).toBe('ur');
    expect(await resolveLocale(await request({ accept: 'pl', lang: 'xx' }))).toBe('pl');
    const forged = new Request('http://nomi.test/', { headers: { Cookie: 'nomi_lang=not-base64!!', 'Accept-Language': 'ro' } });
    expect(await resolveLocale(forged)).toBe('ro');
  });

  it('a member\'s own setting wins over the cookie and the browser', async () => {
    const member = await makeMember({ locale: 'fa' });
    const session = await createSessionCookie(member.id);
    expect(await resolveLocale(await request({ accept: 'pl', lang: 'ar', session }))).toBe('fa');
    // With no setting of their own, the cookie decides.
    await db.updateTable('users').set({ locale: null }).where('id', '=', member.id).execute();
    const again = await createSessionCookie(member.id);
    expect(await resolveLocale(await request({ accept: 'pl', lang: 'ar', session: again }))).toBe('ar');
  });

  it('matchLocale is case-insensitive and accepts underscores', () => {
    expect(matchLocale(['AR-eg'])).toBe('ar');
    expect(matchLocale(['ur_PK'])).toBe('ur');
  });

  it('Arabic, Farsi and Urdu read right to left', () => {
    expect(['ar', 'fa', 'ur', 'en', 'pl', 'ro', 'xx'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'ltr', 'ltr', 'ltr', 'ltr']);
  });

  it('a fixed translator falls back to English for an unknown language', async () => {
    const t = await fixedT('xx');
    expect(t('auth.login.title')).toBe('Sign in');
  });
});
