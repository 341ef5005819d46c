import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { createSessionCookie } from '~/modules/auth/session.server';
import { action as noticeAction } from '~/routes/notices.$id._index';
import { makeMember } from '../../../test/factories';
import { createNotice, type Viewer } from './notices.server';
import { addComment, report, toggleResponse, waitMinutes } from './interactions.server';
import type { NoticeInput } from './notices.schema';

const viewer = (m: { id: string; role: 'member' | 'steward' }): Viewer => ({ id: m.id, role: m.role });
const input = (over: Partial<NoticeInput> = {}) => ({ type: 'request', title: 'Need a hand', description: 'Moving chairs.', city: 'coventry', themes: [], isPublic: false, ...over }) as NoticeInput;
const count = async (table: 'notice_comments' | 'notice_responses' | 'notice_reports', column: 'author_id' | 'user_id' | 'reporter_id', userId: string) =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', userId).executeTakeFirst())?.n);

async function post(noticeId: string, userId: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const cookie = (await createSessionCookie(userId)).split(';')[0]!;
  const request = new Request(`http://nomi.test/notices/${noticeId}`, { method: 'POST', body: form, headers: { cookie } });
  try {
    return (await noticeAction({ request, params: { id: noticeId }, context: { cspNonce: '' } })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe('rate limits on comments, responses and reports (per account)', () => {
  it('stores no 11th comment within 10 minutes, says how long to wait, and keeps what was typed', async () => {
    const author = await makeMember();
    const chatty = await makeMember();
    const id = await createNotice(author.id, input());
    for (let i = 0; i < 10; i++) expect(await addComment(id, viewer(chatty), `Comment ${i}`, undefined)).toBe('ok');
    expect(await addComment(id, viewer(chatty), 'One too many', undefined)).toBe('limited');
    expect(await count('notice_comments', 'author_id', chatty.id)).toBe(10);
    expect(await waitMinutes('comment', chatty.id)).toBeGreaterThanOrEqual(9);

    const res = await post(id, chatty.id, { intent: 'comment', body: 'Please keep this text' });
    expect(res.status).toBe(429);
    const body = (await res.json()) as { reply: { error?: Record<string, string[]>; initialValue?: Record<string, string> }; wait: number };
    expect(body.reply.error?.body).toEqual(['notices.limits.comment']);
    expect(body.reply.initialValue?.body).toBe('Please keep this text');
    expect(body.wait).toBeGreaterThanOrEqual(9);
    expect(await count('notice_comments', 'author_id', chatty.id)).toBe(10);

    // Another member is not affected.
    expect(await addComment(id, viewer(await makeMember()), 'Hello', undefined)).toBe('ok');
  });

  it('limits adding responses (withdrawing stays possible) and tells the member after the redirect', async () => {
    const author = await makeMember();
    const eager = await makeMember();
    const ids = await Promise.all(Array.from({ length: 21 }, (_, i) => createNotice(author.id, input({ title: `Request ${i}` }))));
    for (const id of ids.slice(0, 20)) expect(await toggleResponse(id, viewer(eager), 'help')).toBe('ok');
    expect(await toggleResponse(ids[20]!, viewer(eager), 'help')).toBe('limited');
    expect(await count('notice_responses', 'user_id', eager.id)).toBe(20);
    expect(await toggleResponse(ids[0]!, viewer(eager), 'help')).toBe('ok');
    expect(await count('notice_responses', 'user_id', eager.id)).toBe(19);
    const res = await post(ids[20]!, eager.id, { intent: 'respond', kind: 'help' });
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toBeTruthy();
    expect(await count('notice_responses', 'user_id', eager.id)).toBe(19);
  });

  it('stores no 6th report within an hour; reporting the same thing again is not counted', async () => {
    const author = await makeMember();
    const reporter = await makeMember();
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => createNotice(author.id, input({ title: `Reported ${i}` }))));
    for (const id of ids.slice(0, 5)) expect(await report(viewer(reporter), { subjectType: 'notice', subjectId: id, reason: 'spam' })).toBe('ok');
    expect(await report(viewer(reporter), { subjectType: 'notice', subjectId: ids[0]!, reason: 'spam' })).toBe('already');
    expect(await report(viewer(reporter), { subjectType: 'notice', subjectId: ids[5]!, reason: 'spam' })).toBe('limited');
    expect(await count('notice_reports', 'reporter_id', reporter.id)).toBe(5);
    const res = await post(ids[5]!, reporter.id, { intent: 'report', subjectType: 'notice', subjectId: ids[5]!, reason: 'still spam' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { reply: { error?: Record<string, string[]> } }).reply.error?.reason).toEqual(['notices.limits.report']);
    expect(await count('notice_reports', 'reporter_id', reporter.id)).toBe(5);
  });
});
