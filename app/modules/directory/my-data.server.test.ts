import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { makeMember, outbox } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { reinstateMember, suspendMember } from '~/modules/members/admin.server';
import { subscribe, verifyUnsubscribeToken, unsubscribeToken } from '~/modules/notices/digest.server';
import { ProfileSchema } from './directory.schema';
import { saveProfile } from './profiles.server';
import { introduce } from './contact.server';
import { deleteAccount, exportMyData } from './account.server';
import { customTagLabels, ensureTags, listTags, setTagLabels, tagsWithLabels } from './tags.server';

const PASSWORD = 'correct horse battery staple';

function profile(over: Record<string, unknown>) {
  const parsed = ProfileSchema.safeParse({ languages: [], offers: [], needs: [], themes: [], ...over });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const now = Date.now();

async function proposal(proposerId: string, title: string, secret: boolean) {
  const id = newId();
  await db
    .insertInto('governance_proposals')
    .values({
      id,
      title,
      body: 'Body',
      kind: 'ordinary',
      status: 'open',
      proposer_id: proposerId,
      secret: secret ? 1 : 0,
      hide_results: 0,
      allow_close_early: 0,
      quorum_percent: 0,
      written_majority: 'ordinary',
      poll_mode: 'single',
      poll_binding: 0,
      options: '[]',
      max_score: 5,
      seats: 1,
      seed: 'seed',
      version: 1,
      opens_at: now,
      closes_at: now + 86_400_000,
      opened_at: now,
      closed_at: null,
      electorate_size: 2,
      result: null,
      outcome: null,
      outcome_statement: null,
      review_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function bid(createdBy: string, title: string) {
  const id = newId();
  await db
    .insertInto('bids')
    .values({
      id,
      title,
      funder: 'Funder',
      call_name: 'Call',
      link: null,
      deadline: now + 30 * 86_400_000,
      amount: 100_000,
      currency: 'GBP',
      status: 'drafting',
      themes: '[]',
      skills_needed: '[]',
      template: 'blank',
      lead_org_id: null,
      host_org_id: null,
      host_org_name: null,
      notice_id: null,
      document_id: null,
      awarded_amount: null,
      outcome_on: null,
      outcome_feedback: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function partner(bidId: string, userId: string, role: 'lead' | 'partner', share: number) {
  await db.insertInto('bid_partners').values({ id: newId(), bid_id: bidId, user_id: userId, org_id: null, role, budget_share: share, delivers: `Delivers ${share}`, added_by: userId, created_at: now }).execute();
}

async function notice(authorId: string, title: string) {
  const id = newId();
  await db
    .insertInto('notices')
    .values({
      id,
      author_id: authorId,
      type: 'offer',
      title,
      body: 'Notice body',
      body_html: '<p>Notice body</p>',
      city: 'birmingham',
      themes: '[]',
      details: '{}',
      key_date: null,
      starts_at: null,
      ends_at: null,
      expires_at: now + 30 * 86_400_000,
      is_public: 0,
      pinned: 0,
      status: 'open',
      closed_at: null,
      hidden: 0,
      hidden_note: null,
      hidden_at: null,
      file_path: 'notices/secret-path.pdf',
      file_name: 'flyer.pdf',
      file_mime: 'application/pdf',
      file_size: 1234,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function mentorship(mentorId: string, menteeId: string) {
  const id = newId();
  await db
    .insertInto('mentorships')
    .values({
      id,
      mentor_id: mentorId,
      mentee_id: menteeId,
      status: 'active',
      requested_by: menteeId,
      paired_by_steward: 0,
      goals: 'Learn budgeting',
      frequency: 'monthly',
      mode: 'online',
      start_on: now,
      request_message: 'MENTEE REQUEST',
      response_message: 'MENTOR RESPONSE',
      mentor_reflection: null,
      mentee_reflection: null,
      created_at: now,
      accepted_at: now,
      closed_at: null,
      updated_at: now,
    })
    .execute();
  return id;
}

describe('"your data" export covers every area, and only what is the member\'s', () => {
  it('exports A\'s notices, mentoring, bids, governance and membership, without B\'s private things', async () => {
    const a = await makeMember({ name: 'Export Alice' });
    const b = await makeMember({ name: 'Export Bob' });
    await saveProfile(b.id, profile({ headline: 'Bob', phone: '07911 123499', phoneVisibility: 'me', emailVisibility: 'me' }));

    // Membership: an application with a voice note.
    await db
      .insertInto('applications')
      .values({ id: newId(), name: 'Export Alice', email: a.email, city: 'coventry', languages: '["Arabic"]', about: 'ABOUT ALICE', locale: 'en', note_path: 'notes/x.webm', note_mime: 'audio/webm', note_size: 2048, note_duration: 12, status: 'approved', decision_message: null, reviewed_by: null, reviewed_at: now, created_at: now })
      .execute();

    // Noticeboard: A posts a notice with a file; B comments on it; A responds and reports B's notice.
    const aNotice = await notice(a.id, 'ALICE NOTICE');
    const bNotice = await notice(b.id, 'BOB NOTICE');
    await db.insertInto('notice_comments').values({ id: newId(), notice_id: aNotice, author_id: b.id, parent_id: null, body: 'BOB COMMENT', hidden: 0, created_at: now }).execute();
    await db.insertInto('notice_comments').values({ id: newId(), notice_id: bNotice, author_id: a.id, parent_id: null, body: 'ALICE COMMENT', hidden: 0, created_at: now }).execute();
    await db.insertInto('notice_responses').values({ notice_id: bNotice, user_id: a.id, kind: 'interested', created_at: now }).execute();
    await db.insertInto('notice_reports').values({ id: newId(), subject_type: 'notice', subject_id: bNotice, notice_id: bNotice, reporter_id: a.id, reason: 'ALICE REPORT', created_at: now, resolved_at: null, resolved_by: null }).execute();
    await db.insertInto('notice_reports').values({ id: newId(), subject_type: 'notice', subject_id: aNotice, notice_id: aNotice, reporter_id: b.id, reason: 'BOB REPORTS ALICE', created_at: now, resolved_at: null, resolved_by: null }).execute();
    await subscribe(a.id, { cities: ['coventry'], themes: [] });

    // Mentoring: B mentors A. Each writes session notes and a goal note.
    const ms = await mentorship(b.id, a.id);
    await db.insertInto('mentoring_sessions').values({ id: newId(), mentorship_id: ms, author_id: a.id, held_on: now, duration_minutes: 60, mode: 'online', topics: '["budgeting"]', notes: 'ALICE SESSION NOTES', created_at: now, edited_at: null, confirmed_at: now, confirmed_by: b.id, reflection: 'BOB REFLECTION', rating: 5 }).execute();
    await db.insertInto('mentoring_sessions').values({ id: newId(), mentorship_id: ms, author_id: b.id, held_on: now - 1000, duration_minutes: 30, mode: 'phone', topics: '[]', notes: 'BOB SESSION NOTES', created_at: now, edited_at: null, confirmed_at: now, confirmed_by: a.id, reflection: 'ALICE REFLECTION', rating: 4 }).execute();
    const goal = newId();
    await db.insertInto('mentoring_goals').values({ id: goal, mentorship_id: ms, title: 'Budget a bid', status: 'in_progress', created_by: a.id, created_at: now, updated_at: now, achieved_at: null }).execute();
    await db.insertInto('mentoring_goal_notes').values({ goal_id: goal, author_id: a.id, status: 'in_progress', body: 'ALICE GOAL NOTE', created_at: now }).execute();
    await db.insertInto('mentoring_goal_notes').values({ goal_id: goal, author_id: b.id, status: 'in_progress', body: 'BOB GOAL NOTE', created_at: now }).execute();

    // Bids: A partners in one bid; B alone in another.
    const shared = await bid(b.id, 'SHARED BID');
    await partner(shared, b.id, 'lead', 60);
    await partner(shared, a.id, 'partner', 40);
    await db.insertInto('bid_tasks').values({ id: newId(), bid_id: shared, title: 'ALICE TASK', assignee_id: a.id, due_on: null, done_at: null, done_by: null, created_by: b.id, created_at: now }).execute();
    await db.insertInto('bid_attachments').values({ id: newId(), bid_id: shared, name: 'alice-budget.xlsx', mime: 'application/vnd.ms-excel', size: 99, path: 'bids/secret-file-path', uploaded_by: a.id, created_at: now }).execute();
    const bobsBid = await bid(b.id, 'BOB ONLY BID');
    await partner(bobsBid, b.id, 'lead', 100);
    await db.insertInto('bid_tasks').values({ id: newId(), bid_id: bobsBid, title: 'BOB ONLY TASK', assignee_id: b.id, due_on: null, done_at: null, done_by: null, created_by: a.id, created_at: now }).execute();

    // Governance: an open ballot and a secret one; A and B vote in both; B holds A's proxy.
    const open = await proposal(a.id, 'OPEN PROPOSAL', false);
    const secret = await proposal(b.id, 'SECRET PROPOSAL', true);
    await db.insertInto('governance_ballots').values({ id: newId(), proposal_id: open, voter_id: a.id, proxy_id: null, choice: '{"kind":"for","v":"ALICE-OPEN-CHOICE"}', reason: null, receipt_hash: 'h1', version: 1, created_at: now, updated_at: now }).execute();
    await db.insertInto('governance_ballots').values({ id: newId(), proposal_id: open, voter_id: b.id, proxy_id: null, choice: '{"kind":"against","v":"BOB-OPEN-CHOICE"}', reason: null, receipt_hash: 'h2', version: 1, created_at: now, updated_at: now }).execute();
    for (const u of [a, b]) await db.insertInto('governance_voters').values({ proposal_id: secret, user_id: u.id }).execute();
    await db.insertInto('governance_secret_ballots').values({ id: newId(), proposal_id: secret, choice: '"SECRET-CHOICE-1"', reason: 'SECRET REASON', receipt_hash: 'h3' }).execute();
    await db.insertInto('governance_comments').values({ id: newId(), proposal_id: open, author_id: a.id, parent_id: null, body: 'ALICE GOV COMMENT', created_at: now }).execute();
    await db.insertInto('governance_proxies').values({ id: newId(), grantor_id: a.id, holder_id: b.id, proposal_id: null, created_at: now, revoked_at: null }).execute();

    // Shared documents: A commented in the shared bid's document, and earlier in Bob's bid (no longer a partner).
    for (const [bidId, title, body] of [
      [shared, 'SHARED BID DOC', 'ALICE DOC COMMENT'],
      [bobsBid, 'BOB ONLY BID DOC', 'ALICE OLD COMMENT'],
    ] as const) {
      const doc = newId();
      const thread = newId();
      await db.insertInto('collab_documents').values({ id: doc, kind: 'bid', subject_id: bidId, title, state: null, updated_at: now, last_editors: '[]', created_at: now }).execute();
      await db.insertInto('collab_threads').values({ id: thread, document_id: doc, field: 'body', quote: `${title} QUOTE`, status: 'open', created_by: a.id, resolved_by: null, resolved_at: null, created_at: now, updated_at: now }).execute();
      await db.insertInto('collab_comments').values({ id: newId(), thread_id: thread, author_id: a.id, body, created_at: now }).execute();
      // A edited both documents: two editor sessions (Yjs client ids), sent updates, deleted text.
      for (const [i, clientId] of [101, 102].entries()) {
        await db.insertInto('collab_clients').values({ document_id: doc, client_id: clientId + (bidId === shared ? 0 : 10), user_id: a.id, created_at: now + i * 1000 }).execute();
      }
      await db.insertInto('collab_clients').values({ document_id: doc, client_id: bidId === shared ? 201 : 211, user_id: b.id, created_at: now }).execute();
      await db.insertInto('collab_updates').values({ document_id: doc, data: Buffer.from('BOB UPDATE BYTES'), user_id: b.id, created_at: now }).execute();
      for (let i = 0; i < 3; i++) await db.insertInto('collab_updates').values({ document_id: doc, data: Buffer.from([1, 2, 3]), user_id: a.id, created_at: now + i * 60_000 }).execute();
      await db.insertInto('collab_deletions').values({ document_id: doc, client_id: 201, clock: 0, len: 7, user_id: a.id, created_at: now + 60_000 }).execute();
      await db.insertInto('collab_deletions').values({ document_id: doc, client_id: 101, clock: 0, len: 5, user_id: b.id, created_at: now + 60_000 }).execute();
    }

    const data = await exportMyData(a.id);
    const text = JSON.stringify(data);

    // What is A's is there.
    expect(data.membership.applications[0]).toMatchObject({ about: 'ABOUT ALICE', status: 'approved', voiceNote: { sent: true, stillKept: true, seconds: 12 } });
    expect(data.noticeboard.noticesYouPosted.map((n) => n.title)).toEqual(['ALICE NOTICE']);
    expect(data.noticeboard.noticesYouPosted[0]!.file).toEqual({ name: 'flyer.pdf', type: 'application/pdf', bytes: 1234 });
    expect(data.noticeboard.yourComments.map((c) => c.body)).toEqual(['ALICE COMMENT']);
    expect(data.noticeboard.yourResponses).toMatchObject([{ notice: 'BOB NOTICE', kind: 'interested' }]);
    expect(data.noticeboard.reportsYouMade).toMatchObject([{ reason: 'ALICE REPORT' }]);
    expect(data.noticeboard.weeklyDigest).toMatchObject({ cities: ['coventry'] });
    expect(data.mentoring).toHaveLength(1);
    expect(data.mentoring[0]).toMatchObject({ youAre: 'mentee', with: 'Export Bob', yourRequestMessage: 'MENTEE REQUEST' });
    expect(text).toContain('ALICE SESSION NOTES');
    expect(text).toContain('ALICE GOAL NOTE');
    expect(text).toContain('ALICE REFLECTION');
    expect(data.bids.map((x) => x.title)).toEqual(['SHARED BID']);
    expect(data.bids[0]).toMatchObject({ yourRole: 'partner', partnerAs: [{ you: true, budget_share: 40 }] });
    expect(data.bids[0]!.tasks.map((x) => x.title)).toEqual(['ALICE TASK']);
    expect(data.bids[0]!.filesYouUploaded).toMatchObject([{ name: 'alice-budget.xlsx', size: 99 }]);
    expect(data.governance.proposalsYouMade.map((p) => p.title)).toEqual(['OPEN PROPOSAL']);
    expect(text).toContain('ALICE-OPEN-CHOICE');
    expect(data.governance.secretBallotsYouVotedIn).toEqual([{ proposal: 'SECRET PROPOSAL', voted: true }]);
    expect(data.governance.proxiesYouGave).toMatchObject([{ to: 'Export Bob', revoked_at: null }]);
    expect(data.governance.yourComments.map((c) => c.body)).toEqual(['ALICE GOV COMMENT']);
    expect(data.governance.registerOfMembers?.joined).toBeTypeOf('number');
    expect(data.documentComments).toMatchObject([{ document: 'SHARED BID DOC', comment: 'ALICE DOC COMMENT' }]);
    // What the live editor recorded about A's editing (who wrote and deleted what, for history).
    expect(data.documentEditing.documents).toEqual([
      { document: 'SHARED BID DOC', editorSessions: 2, charactersDeleted: 7, firstSeen: new Date(now).toISOString(), lastSeen: new Date(now + 60_000).toISOString() },
    ]);
    // In a document A can no longer open: that there are records, not whose document it is.
    expect(data.documentEditing.inDocumentsYouCanNoLongerOpen).toBe(1);

    // What is not A's is not.
    for (const secretText of [
      '7911123499', // B's hidden phone
      b.email, // B's hidden email
      'SECRET-CHOICE-1',
      'SECRET REASON',
      'BOB-OPEN-CHOICE',
      'BOB SESSION NOTES',
      'BOB GOAL NOTE',
      'BOB REFLECTION',
      'MENTOR RESPONSE',
      'BOB ONLY BID',
      'BOB ONLY TASK',
      'ALICE OLD COMMENT',
      'BOB UPDATE BYTES',
      'BOB COMMENT',
      'BOB REPORTS ALICE',
      'secret-path',
      'secret-file-path',
      'notes/x.webm',
      'unsubscribe_key',
      'password_hash',
    ]) {
      expect(text, secretText).not.toContain(secretText);
    }
  });
});

describe('introductions can be answered by email only when the sender shows their address', () => {
  it('sets Reply-To for a sender whose email members may see', async () => {
    const from = await makeMember({ name: 'Open Sender' });
    const to = await makeMember();
    await saveProfile(from.id, profile({ headline: 'Open', emailVisibility: 'members' }));
    expect((await introduce({ id: from.id, name: from.name }, to.id, 'Hello there')).ok).toBe(true);
    const [mail] = await outbox(to.email);
    expect(mail!.reply_to).toBe(from.email);
    expect(mail!.text_body).toContain(`Reply to this email to answer Open Sender directly (${from.email})`);
  });

  it('sends a private sender\'s introduction with no Reply-To, asking to reply on the site', async () => {
    const from = await makeMember({ name: 'Private Sender' });
    const to = await makeMember();
    await saveProfile(from.id, profile({ headline: 'Private', emailVisibility: 'me' }));
    const result = await introduce({ id: from.id, name: from.name }, to.id, 'Hello quietly');
    const [mail] = await outbox(to.email);
    expect(mail!.reply_to).toBeNull();
    expect(mail!.text_body).not.toContain(from.email);
    expect(mail!.text_body).toContain(`please reply on the site: http://nomi.test/conversations/${result.ok ? result.conversationId : ''}`);
  });
});

describe('deleting an account', () => {
  it('removes digest subscriptions (unsubscribe links stop working), revokes proxies, ends mentorships and closes notices', async () => {
    const leaver = await makeMember({ name: 'Leaving Lee', password: PASSWORD });
    const other = await makeMember({ name: 'Staying Sam' });
    await subscribe(leaver.id, { cities: [], themes: [] });
    const key = (await db.selectFrom('notice_digest_subscriptions').select('unsubscribe_key').where('user_id', '=', leaver.id).executeTakeFirstOrThrow()).unsubscribe_key;
    const token = unsubscribeToken(leaver.id, key);
    expect(await verifyUnsubscribeToken(token)).toBe(leaver.id);
    await db.insertInto('governance_proxies').values({ id: newId(), grantor_id: other.id, holder_id: leaver.id, proposal_id: null, created_at: now, revoked_at: null }).execute();
    const ms = await mentorship(other.id, leaver.id);
    const n = await notice(leaver.id, 'LEAVER NOTICE');
    await db.insertInto('notice_responses').values({ notice_id: n, user_id: other.id, kind: 'interested', created_at: now }).execute();
    await db.insertInto('notice_responses').values({ notice_id: n, user_id: leaver.id, kind: 'interested', created_at: now }).execute();

    expect(await deleteAccount(leaver.id, PASSWORD)).toBe('ok');

    expect(await db.selectFrom('notice_digest_subscriptions').select('user_id').where('user_id', '=', leaver.id).executeTakeFirst()).toBeUndefined();
    expect(await verifyUnsubscribeToken(token)).toBeNull();
    const proxy = await db.selectFrom('governance_proxies').select('revoked_at').where('holder_id', '=', leaver.id).executeTakeFirstOrThrow();
    expect(proxy.revoked_at).not.toBeNull();
    expect((await db.selectFrom('mentorships').select(['status', 'closed_at']).where('id', '=', ms).executeTakeFirstOrThrow()).status).toBe('closed');
    const kept = await db.selectFrom('notices').select(['status', 'author_id']).where('id', '=', n).executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: 'closed', author_id: leaver.id });
    const responses = await db.selectFrom('notice_responses').select('user_id').where('notice_id', '=', n).execute();
    expect(responses.map((r) => r.user_id)).toEqual([other.id]);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', leaver.id).executeTakeFirst()).toBeUndefined();
  });

  it('removes their membership application and its voice note', async () => {
    const leaver = await makeMember({ name: 'Leaving Lee', password: PASSWORD });
    const email = (await db.selectFrom('users').select('email').where('id', '=', leaver.id).executeTakeFirstOrThrow()).email;
    const notePath = `applications/${newId()}.webm`;
    const noteFile = path.join(env.uploadDir, notePath);
    fs.mkdirSync(path.dirname(noteFile), { recursive: true });
    fs.writeFileSync(noteFile, 'voice');
    const application = (over: { id: string; email: string; note_path: string | null }) => ({
      name: 'Leaving Lee',
      city: 'Leeds',
      languages: '[]',
      about: 'Where I live and why I left home',
      locale: 'en',
      note_mime: over.note_path ? 'audio/webm' : null,
      note_size: over.note_path ? 5 : null,
      note_duration: over.note_path ? 3 : null,
      status: 'approved' as const,
      decision_message: null,
      reviewed_by: null,
      reviewed_at: now,
      created_at: now,
      ...over,
    });
    const mine = newId();
    const someoneElses = newId();
    await db.insertInto('applications').values(application({ id: mine, email: email.toLowerCase(), note_path: notePath })).execute();
    await db.insertInto('applications').values(application({ id: someoneElses, email: 'someone-else@example.test', note_path: null })).execute();

    expect(await deleteAccount(leaver.id, PASSWORD)).toBe('ok');

    const left = (await db.selectFrom('applications').select('id').where('id', 'in', [mine, someoneElses]).execute()).map((a) => a.id);
    expect(left).toEqual([someoneElses]);
    expect(fs.existsSync(noteFile)).toBe(false);
  });

  it('cannot be undone by a steward: reinstating a deleted account is refused', async () => {
    const steward = await makeMember({ role: 'steward' });
    const leaver = await makeMember({ password: PASSWORD });
    const suspended = await makeMember();
    expect(await deleteAccount(leaver.id, PASSWORD)).toBe('ok');
    expect(await reinstateMember(steward, leaver.id)).toBe('deletedAccount');
    expect((await db.selectFrom('users').select('status').where('id', '=', leaver.id).executeTakeFirstOrThrow()).status).toBe('suspended');
    // An ordinary suspension can still be lifted.
    expect(await suspendMember(steward, suspended.id)).toBe('ok');
    expect(await reinstateMember(steward, suspended.id)).toBe('ok');
    expect((await db.selectFrom('users').select('status').where('id', '=', suspended.id).executeTakeFirstOrThrow()).status).toBe('active');
  });
});

describe('tag labels per language', () => {
  it('shows a member-added tag in the viewer\'s language, falling back to what the member typed', async () => {
    const m = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    await expect(setTagLabels(m, 'budgeting', { ar: 'x' })).rejects.toMatchObject({ status: 403 });
    const [slug] = await ensureTags(['Grant Reporting Help'], m.id);
    expect(await setTagLabels(steward, slug!, { ar: 'مساعدة في تقارير المنح', pl: 'Pomoc w raportach z grantów', en: '' })).toBe(true);
    expect((await customTagLabels('ar'))[slug!]).toBe('مساعدة في تقارير المنح');
    expect((await customTagLabels('pl'))[slug!]).toBe('Pomoc w raportach z grantów');
    expect((await customTagLabels('ro'))[slug!]).toBe('Grant Reporting Help');
    expect((await customTagLabels())[slug!]).toBe('Grant Reporting Help');
    expect((await listTags('ar')).find((t) => t.slug === slug)?.label).toBe('مساعدة في تقارير المنح');
    // Built-in tags keep their locale-file translations (no label row, label null).
    expect((await listTags('ar')).find((t) => t.slug === 'budgeting')).toEqual({ slug: 'budgeting', label: null, builtin: true });
    expect(await setTagLabels(steward, 'budgeting', { ar: 'x' })).toBe(false);
    expect(await setTagLabels(steward, 'no-such-tag', { ar: 'x' })).toBe(false);
    // An empty label removes the translation again.
    await setTagLabels(steward, slug!, { pl: '' });
    expect((await customTagLabels('pl'))[slug!]).toBe('Grant Reporting Help');
    expect((await tagsWithLabels()).find((t) => t.slug === slug)?.labels).toEqual({ ar: 'مساعدة في تقارير المنح' });
  });
});

describe('former members in shared work', () => {
  it('shows a deleted account as "Former member" in the reader\'s language', async () => {
    const { fixedT } = await import('~/modules/i18n/i18next.server');
    const { memberName, FORMER_MEMBER_NAME } = await import('./former-member');
    expect(memberName(await fixedT('pl'), FORMER_MEMBER_NAME)).toBe('Były członek');
    expect(memberName(await fixedT('ar'), null)).toBe('عضو سابق');
    expect(memberName(await fixedT('pl'), 'Ana Pop')).toBe('Ana Pop');
  });
});
