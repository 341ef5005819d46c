import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { ProfileSchema } from '~/modules/directory/directory.schema';
import { saveProfile } from '~/modules/directory/profiles.server';
import { createNotice } from '~/modules/notices/notices.server';
import { NoticeSchema } from '~/modules/notices/notices.schema';
import { requestMentoring } from '~/modules/mentoring/mentorships.server';
import { loader as membersLoader } from '~/routes/members._index';
import { createSessionCookie } from '~/modules/auth/session.server';
import { makeMember } from '../../../test/factories';
import { getStarted } from './get-started.server';

async function asMember(userId: string, url: string) {
  const cookie = await createSessionCookie(userId);
  return new Request(url, { headers: { cookie } });
}

describe('the get-started list of a new member', () => {
  it('starts with every step, and shrinks to nothing as each is done', async () => {
    const e = await makeMember({ name: 'New Member' });
    const first = (await getStarted(e.id))!;
    expect(first.todo).toEqual(['profile', 'photoLanguages', 'search', 'notice', 'mentor']);
    expect(first.percent).toBeLessThan(50);

    // A plain visit to the directory is not a search; searching by a word is.
    await membersLoader({ request: await asMember(e.id, 'http://nomi.test/members'), params: {}, context: { cspNonce: '' } });
    expect((await getStarted(e.id))!.todo).toContain('search');
    await membersLoader({ request: await asMember(e.id, 'http://nomi.test/members?q=budget'), params: {}, context: { cspNonce: '' } });
    expect((await getStarted(e.id))!.todo).not.toContain('search');

    const profile = ProfileSchema.parse({ headline: 'Tenancy rights', bio: 'Workshops for families.', city: 'coventry', languages: ['ar'], offers: ['translation'], needs: ['bid-writing'], themes: ['housing'] });
    expect(await saveProfile(e.id, profile)).toEqual({ ok: true });
    const afterProfile = (await getStarted(e.id))!;
    expect(afterProfile.percent).toBe(100);
    // Languages are given, the photo is still missing.
    expect(afterProfile.todo).toEqual(['photoLanguages', 'notice', 'mentor']);
    await db.updateTable('profiles').set({ photo_path: 'photos/x.webp' }).where('user_id', '=', e.id).execute();

    await createNotice(e.id, NoticeSchema.parse({ type: 'offer', title: 'Arabic translation', description: 'I can translate letters.', city: 'coventry' }));
    expect((await getStarted(e.id))!.todo).toEqual(['mentor']);

    const m = await makeMember({ name: 'A Mentor' });
    await db.updateTable('users').set({ is_mentor: 1 }).where('id', '=', m.id).execute();
    await db.insertInto('profiles').values({ user_id: m.id, headline: 'Bid writer', bio: '', mentoring_open: 1, mentoring_at_capacity: 0, mentoring_areas: '[]', matching_opt_out: 0, updated_at: Date.now() }).execute();
    await requestMentoring(e, { goals: 'Write my first bid', frequency: 'monthly', mode: 'video', startOn: '2026-11-01', mentorId: m.id });
    expect((await getStarted(e.id))!.todo).toEqual([]);
  });
});
