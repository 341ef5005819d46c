import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { registerJobs } from '~/modules/jobs/registry.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { action as joinAction } from '~/routes/join';
import { NOTE_RETENTION_MS, approveApplication, declineApplication, listApplications, submitApplication } from './applications.server';
import { acceptNote } from './note-upload.server';
import { findInvitation } from './invitations.server';
import { linkIn, makeMember, outbox } from '../../../test/factories';

const fixtures = path.resolve('e2e/fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

let n = 0;
const newEmail = () => `applicant${++n}-${Date.now()}@example.org`;

/** Sends the /join form as a browser would: multipart, with the honeypot field left empty. */
async function join(fields: Record<string, string | string[]>, note?: { name: string; type: string; data: Uint8Array<ArrayBuffer> }, ip = `192.0.2.${++n}`) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ name__confirm: '', ...fields })) for (const item of [v].flat()) form.append(k, item);
  if (note) form.set('note', new File([note.data], note.name, { type: note.type }));
  const request = new Request('http://nomi.test/join', {
    method: 'POST',
    body: form,
    headers: { 'x-nomi-client-ip': ip },
  });
  try {
    return await joinAction({ request, params: {}, context: { cspNonce: '' } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function reply(response: Response) {
  return (await response.json()) as { status?: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
}

const valid = () => ({ name: 'Layla Haddad', email: newEmail(), city: 'coventry', languages: ['ar', 'en'], about: '' });

async function applicationFor(email: string) {
  return db.selectFrom('applications').selectAll().where('email', '=', email).executeTakeFirst();
}

beforeAll(() => {
  registerJobs();
});

describe('asking to join with a voice note', () => {
  it('accepts a real MP3, checked by its content, and stores it outside the public folder', async () => {
    const data = valid();
    const res = await join(data, { name: 'note.mp3', type: 'audio/mpeg', data: fixture('note.mp3') });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/join?sent=1');
    const app = (await applicationFor(data.email))!;
    expect(app).toMatchObject({ status: 'pending', note_mime: 'audio/mpeg', city: 'coventry', about: '' });
    expect(app.note_duration).toBeGreaterThan(1);
    expect(app.note_duration).toBeLessThan(3);
    const file = path.join(env.uploadDir, app.note_path!);
    expect(fs.existsSync(file)).toBe(true);
    // Remuxed (no tags), not re-encoded: the audio frames are the ones sent.
    expect(fs.statSync(file).size).toBeLessThanOrEqual(fixture('note.mp3').length);
    // No temporary copies left behind.
    expect(fs.readdirSync(path.join(env.uploadDir, 'tmp'))).toEqual([]);
  });

  it("accepts what Chromium's MediaRecorder really records (WebM/Opus with no duration), and measures it", async () => {
    // The recording in the fixture was made by Chromium 156 (e2e/fixtures/recordings/README.md); before,
    // music-metadata threw on it and every browser recording was refused as wrongType.
    const data = valid();
    const res = await join(data, { name: 'voice-note.webm', type: 'audio/webm', data: fixture('recordings/chromium-156-mediarecorder.webm') });
    expect(res.status).toBe(302);
    const app = (await applicationFor(data.email))!;
    expect(app.note_mime).toBe('audio/webm');
    expect(app.note_duration).toBeGreaterThan(2);
    expect(app.note_duration).toBeLessThan(3.2);
  });

  it('accepts a WebM recording from the browser, whatever name it has', async () => {
    const data = valid();
    const res = await join(data, { name: 'blob', type: 'application/octet-stream', data: fixture('note.webm') });
    expect(res.status).toBe(302);
    expect((await applicationFor(data.email))?.note_mime).toMatch(/^(audio|video)\/webm$/);
  });

  it('refuses a program or a text file renamed .mp3 as wrongType, and keeps the answers', async () => {
    for (const name of ['program.exe.mp3', 'not-audio.mp3']) {
      const data = { ...valid(), about: 'We run a homework club.' };
      const res = await join(data, { name: 'note.mp3', type: 'audio/mpeg', data: fixture(name) });
      expect(res.status).toBe(400);
      const body = await reply(res);
      expect(body.error?.note).toEqual(['membership.join.note.wrongType']);
      expect(body.initialValue).toMatchObject({ name: data.name, email: data.email, about: data.about });
      expect(await applicationFor(data.email)).toBeUndefined();
    }
    expect(fs.readdirSync(path.join(env.uploadDir, 'tmp'))).toEqual([]);
  });

  it('refuses a file over 25 MB as tooLarge and keeps the other fields', async () => {
    const data = { ...valid(), about: 'Furniture upcycling in Wolverhampton.' };
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set(fixture('note.mp3'));
    const res = await join(data, { name: 'long.mp3', type: 'audio/mpeg', data: big });
    expect(res.status).toBe(400);
    const body = await reply(res);
    expect(body.error?.note).toEqual(['membership.join.note.tooLarge']);
    expect(body.initialValue).toMatchObject({ name: data.name, email: data.email, city: 'coventry', about: data.about });
    expect(await applicationFor(data.email)).toBeUndefined();
    expect(fs.readdirSync(path.join(env.uploadDir, 'tmp'))).toEqual([]);
  });

  it('refuses a note longer than 3 minutes as tooLong', async () => {
    // 100 copies of a 2.16 s MP3 without a header: about 216 s of audio in 216 KB.
    const long = Buffer.concat(Array.from({ length: 100 }, () => fixture('silence-frames.mp3')));
    const data = valid();
    const res = await join(data, { name: 'long.mp3', type: 'audio/mpeg', data: long });
    expect(res.status).toBe(400);
    expect((await reply(res)).error?.note).toEqual(['membership.join.note.tooLong']);
    expect(await applicationFor(data.email)).toBeUndefined();
  });

  it('needs either a few words or a note', async () => {
    const data = valid();
    const res = await join(data);
    expect(res.status).toBe(400);
    expect((await reply(res)).error?.about).toEqual(['membership.join.about.required']);
  });

  it('answers missing and 10,000-character fields with messages, not a crash', async () => {
    const missing = await join({ name: '', email: '', about: 'Hello' });
    expect(missing.status).toBe(400);
    expect(Object.keys((await reply(missing)).error ?? {}).sort()).toEqual(['city', 'email', 'name']);

    const long = 'x'.repeat(10_000);
    const res = await join({ ...valid(), name: long, about: long });
    expect(res.status).toBe(400);
    const body = await reply(res);
    expect(body.error?.name).toEqual(['common.validation.tooLong']);
    expect(body.error?.about).toEqual(['common.validation.tooLong']);
  });

  it('refuses a form whose hidden honeypot field was filled in', async () => {
    const data = valid();
    const res = await join({ ...data, about: 'Cheap watches', name__confirm: 'bot' });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Form not accepted');
    expect(await applicationFor(data.email)).toBeUndefined();
  });

  it('limits one connection to 5 applications an hour, and keeps no note from a refused one', async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < 5; i++) expect((await join({ ...valid(), about: 'Hello' }, undefined, ip)).status).toBe(302);
    const notesDir = path.join(env.uploadDir, 'notes');
    fs.mkdirSync(notesDir, { recursive: true });
    const before = fs.readdirSync(notesDir).length;
    const data = valid();
    const res = await join(data, { name: 'note.mp3', type: 'audio/mpeg', data: fixture('note.mp3') }, ip);
    expect(res.status).toBe(429);
    expect((await reply(res)).error?.['']).toEqual(['membership.join.limited']);
    expect(await applicationFor(data.email)).toBeUndefined();
    expect(fs.readdirSync(notesDir).length).toBe(before);
    expect(fs.readdirSync(path.join(env.uploadDir, 'tmp'))).toEqual([]);
  });

  it('tells every steward, without naming the applicant', async () => {
    const steward = await makeMember({ role: 'steward' });
    const data = valid();
    await submitApplication({ ...data, about: 'Hi', locale: 'en', note: null });
    const notes = await db.selectFrom('notifications').selectAll().where('user_id', '=', steward.id).execute();
    expect(notes.map((x) => x.kind)).toContain('membership.application_received');
    expect(JSON.stringify(notes)).not.toContain(data.name);
    expect(JSON.stringify(notes)).not.toContain(data.email);
  });
});

describe('deciding on applications', () => {
  async function pending(locale = 'en', withNote = false) {
    const data = valid();
    let note = null;
    if (withNote) {
      const tmpDir = path.join(env.uploadDir, 'tmp');
      fs.mkdirSync(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `fixture-${++n}`);
      fs.writeFileSync(tmp, fixture('note.mp3'));
      note = (await acceptNote(`upload:${tmp}`)).note;
    }
    const id = await submitApplication({ ...data, about: 'A homework club', locale, note });
    return { id, ...data };
  }

  it('approving emails an invitation in the applicant\'s language, with the welcome message', async () => {
    const steward = await makeMember({ role: 'steward', name: 'Grace' });
    const app = await pending('ar');
    expect(await approveApplication(app.id, steward, 'أهلاً بكِ! Welcome, Layla.')).toBe('ok');
    const mail = (await outbox(app.email))[0]!;
    expect(mail.kind).toBe('invitation');
    const t = await fixedT('ar');
    expect(mail.subject).toBe(t('membership.invite.email.subject'));
    expect(mail.text_body).toContain('أهلاً بكِ! Welcome, Layla.');
    // The end date is written the Arabic way.
    const row = await db.selectFrom('invitations').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(new Intl.DateTimeFormat('ar', { dateStyle: 'long' }).format(row.expires_at));
    const token = linkIn(mail.text_body).split('/invite/')[1]!;
    expect(await findInvitation(token)).toMatchObject({ state: 'valid', email: app.email, applicantName: app.name });
    expect((await listApplications('approved')).map((a) => a.id)).toContain(app.id);
  });

  it('declining emails the reason', async () => {
    const steward = await makeMember({ role: 'steward' });
    const app = await pending('en');
    expect(await declineApplication(app.id, steward, 'We only cover the West Midlands for now.')).toBe('ok');
    const mail = (await outbox(app.email))[0]!;
    expect(mail.kind).toBe('application.declined');
    expect(mail.text_body).toContain('We only cover the West Midlands for now.');
    expect(mail.text_body).toContain('http://nomi.test/join');
    expect(await db.selectFrom('invitations').select('id').where('email', '=', app.email).execute()).toEqual([]);
  });

  it('a second decision is refused, whichever it is', async () => {
    const a = await makeMember({ role: 'steward' });
    const b = await makeMember({ role: 'steward' });
    const app = await pending();
    expect(await approveApplication(app.id, a, null)).toBe('ok');
    expect(await approveApplication(app.id, b, null)).toBe('alreadyDecided');
    expect(await declineApplication(app.id, b, 'No')).toBe('alreadyDecided');
    expect(await db.selectFrom('invitations').select('id').where('email', '=', app.email).execute()).toHaveLength(1);
    expect(await outbox(app.email)).toHaveLength(1);
    expect(await approveApplication('no-such-id', a, null)).toBe('notFound');
  });

  it('two stewards approving at the same moment send one invitation', async () => {
    const a = await makeMember({ role: 'steward' });
    const b = await makeMember({ role: 'steward' });
    const app = await pending();
    const results = await Promise.all([approveApplication(app.id, a, null), approveApplication(app.id, b, null)]);
    expect(results.sort()).toEqual(['alreadyDecided', 'ok']);
    expect(await outbox(app.email)).toHaveLength(1);
  });

  it('will not invite someone who is already a member', async () => {
    const steward = await makeMember({ role: 'steward' });
    const app = await pending();
    await makeMember({ email: app.email });
    expect(await approveApplication(app.id, steward, null)).toBe('alreadyMember');
  });

  it('deletes the note 30 days after the decision, by the scheduled job', async () => {
    const steward = await makeMember({ role: 'steward' });
    const app = await pending('en', true);
    const stored = (await applicationFor(app.email))!;
    const file = path.join(env.uploadDir, stored.note_path!);
    expect(fs.existsSync(file)).toBe(true);
    expect(await declineApplication(app.id, steward, 'Not this time')).toBe('ok');
    // Not before the 30 days are up.
    await runDueJobs(Date.now() + NOTE_RETENTION_MS - 60_000);
    expect(fs.existsSync(file)).toBe(true);
    await runDueJobs(Date.now() + NOTE_RETENTION_MS + 60_000);
    expect(fs.existsSync(file)).toBe(false);
    expect((await applicationFor(app.email))?.note_path).toBeNull();
  });
});
