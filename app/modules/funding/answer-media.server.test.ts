import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { startApplication } from './applications.server';
import { createRound, openRound, type RoundInput } from './rounds.server';
import { answerMedia, deleteExpiredAnswerMedia, mediaDeletion, mediaDeletionAt, registerFundMediaJobs, MEDIA_RETENTION_JOB } from './answer-media.server';

/**
 * Issue 14, "Privacy and permissions": voice and video answers of unfunded applications are deleted a
 * set time (FUND_MEDIA_RETENTION_DAYS, 90 by default) after the decision; funded applications keep theirs.
 */
const DAY = 24 * 60 * 60_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who;

function roundInput(): RoundInput {
  const now = Date.now();
  return {
    name: 'Retention round',
    description: 'Small grants.',
    pot: 10_000,
    minGrant: 500,
    maxGrant: 3_000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What will you do?', wordLimit: 50 }, { text: 'Who will it help?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 0,
    opensAt: now - DAY,
    closesAt: now + DAY,
    panel: [],
  };
}

/** A real file in UPLOAD_DIR, as the uploads module stores a recorded answer. */
function storedRecording(): string {
  const rel = path.join('notes', `${newId()}.webm`);
  fs.mkdirSync(path.join(env.uploadDir, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(env.uploadDir, rel), Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]));
  return rel;
}
const onDisk = (rel: string) => fs.existsSync(path.join(env.uploadDir, rel));

/** A round decided at `decidedAt`, one application per status given, each with a spoken and a written answer. */
async function decidedRound(decidedAt: number, statuses: ('funded' | 'not-funded' | 'withdrawn')[]) {
  const r = await createRound(steward, roundInput());
  if (!('id' in r)) throw new Error('round not created');
  await openRound(steward, r.id);
  const apps: { id: string; lead: Who; media: string }[] = [];
  for (const s of statuses) {
    const lead = await makeMember({ name: `Applicant ${s}` });
    const started = await startApplication(lead, r.id, {});
    if (!('id' in started)) throw new Error('not started');
    const media = storedRecording();
    await db
      .insertInto('fund_answers')
      .values([
        { application_id: started.id, question_id: 'q1', text: '', media_path: media, media_mime: 'audio/webm', media_size: 8, updated_at: decidedAt - DAY },
        { application_id: started.id, question_id: 'q2', text: 'Newly arrived families.', media_path: null, media_mime: null, media_size: null, updated_at: decidedAt - DAY },
      ])
      .execute();
    await db.updateTable('fund_applications').set({ status: s }).where('id', '=', started.id).execute();
    apps.push({ id: started.id, lead, media });
  }
  await db.updateTable('fund_rounds').set({ status: 'decided', decided_at: decidedAt }).where('id', '=', r.id).execute();
  return apps;
}

const answersOf = (appId: string) => db.selectFrom('fund_answers').selectAll().where('application_id', '=', appId).orderBy('question_id').execute();

beforeAll(async () => {
  steward = await makeMember({ role: 'steward', name: 'Steward' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('recorded answers of unfunded applications', () => {
  it('are kept until the retention time after the decision has passed, then deleted from disk and from the answer', async () => {
    const decidedAt = Date.UTC(2026, 5, 1);
    const [unfunded] = await decidedRound(decidedAt, ['not-funded']);
    // One millisecond before the 90 days are up: kept.
    await deleteExpiredAnswerMedia(decidedAt + 90 * DAY - 1, 90);
    expect(onDisk(unfunded!.media)).toBe(true);
    expect((await answersOf(unfunded!.id))[0]!.media_path).toBe(unfunded!.media);

    await deleteExpiredAnswerMedia(decidedAt + 90 * DAY, 90);
    expect(onDisk(unfunded!.media)).toBe(false);
    const [spoken, written] = await answersOf(unfunded!.id);
    expect(spoken).toMatchObject({ media_path: null, media_mime: null, media_size: null });
    // The written answer is not a recording: it stays.
    expect(written!.text).toBe('Newly arrived families.');
    // Nothing left to play: the player's address is a 404 for the applicant too.
    await expect(answerMedia(unfunded!.lead, unfunded!.id, 'q1')).rejects.toMatchObject({ status: 404 });
  });

  it('keeps the recordings of funded applications, and deletes withdrawn ones with the unfunded', async () => {
    const decidedAt = Date.UTC(2026, 0, 10);
    const [funded, unfunded, withdrawn] = await decidedRound(decidedAt, ['funded', 'not-funded', 'withdrawn']);
    await deleteExpiredAnswerMedia(decidedAt + 400 * DAY, 90);
    expect(onDisk(funded!.media)).toBe(true);
    expect((await answersOf(funded!.id))[0]!.media_path).toBe(funded!.media);
    expect(onDisk(unfunded!.media)).toBe(false);
    expect(onDisk(withdrawn!.media)).toBe(false);
    // The funded applicant's recording still plays.
    expect(await answerMedia(funded!.lead, funded!.id, 'q1')).toMatchObject({ path: funded!.media, mime: 'audio/webm' });
  });

  it('keeps every recording while the round is not decided', async () => {
    const r = await createRound(steward, roundInput());
    if (!('id' in r)) throw new Error('round not created');
    await openRound(steward, r.id);
    const lead = await makeMember({ name: 'Still open' });
    const started = await startApplication(lead, r.id, {});
    if (!('id' in started)) throw new Error('not started');
    const media = storedRecording();
    await db.insertInto('fund_answers').values({ application_id: started.id, question_id: 'q1', text: '', media_path: media, media_mime: 'audio/webm', media_size: 8, updated_at: Date.now() }).execute();
    await deleteExpiredAnswerMedia(Date.now() + 1_000 * DAY, 0);
    expect(onDisk(media)).toBe(true);
  });

  it('says when: the decision plus the retention days, never for funded or undecided applications', () => {
    const decidedAt = Date.UTC(2026, 10, 20, 12);
    expect(mediaDeletionAt('not-funded', decidedAt, 90)).toBe(Date.UTC(2027, 1, 18, 12));
    expect(mediaDeletionAt('withdrawn', decidedAt, 30)).toBe(decidedAt + 30 * DAY);
    expect(mediaDeletionAt('funded', decidedAt, 90)).toBeNull();
    expect(mediaDeletionAt('submitted', null, 90)).toBeNull();
    // What the applicant is told: the rule before the decision, the date after it, nothing once funded.
    expect(mediaDeletion('submitted', null, 90)).toEqual({ days: 90 });
    expect(mediaDeletion('not-funded', decidedAt, 90)).toEqual({ at: Date.UTC(2027, 1, 18, 12) });
    expect(mediaDeletion('funded', decidedAt, 90)).toBeNull();
  });

  it('reads FUND_MEDIA_RETENTION_DAYS, falling back to 90 days for a missing or nonsensical value', () => {
    const old = process.env.FUND_MEDIA_RETENTION_DAYS;
    try {
      delete process.env.FUND_MEDIA_RETENTION_DAYS;
      expect(env.fundMediaRetentionDays).toBe(90);
      process.env.FUND_MEDIA_RETENTION_DAYS = '30';
      expect(env.fundMediaRetentionDays).toBe(30);
      process.env.FUND_MEDIA_RETENTION_DAYS = '-4';
      expect(env.fundMediaRetentionDays).toBe(90);
      process.env.FUND_MEDIA_RETENTION_DAYS = 'soon';
      expect(env.fundMediaRetentionDays).toBe(90);
    } finally {
      if (old === undefined) delete process.env.FUND_MEDIA_RETENTION_DAYS;
      else process.env.FUND_MEDIA_RETENTION_DAYS = old;
    }
  });

  it('are heard only by those who may see the application: another member gets the same 404 as for nothing', async () => {
    const [funded] = await decidedRound(Date.now() - DAY, ['funded']);
    const stranger = await makeMember({ name: 'Stranger' });
    await expect(answerMedia(stranger, funded!.id, 'q1')).rejects.toMatchObject({ status: 404 });
    await expect(answerMedia(funded!.lead, funded!.id, 'q2')).rejects.toMatchObject({ status: 404 });
    expect(await answerMedia(steward, funded!.id, 'q1')).toMatchObject({ path: funded!.media });
  });

  it('runs as the daily scheduled job', async () => {
    registerFundMediaJobs();
    const decidedAt = Date.now() - 91 * DAY;
    const [unfunded] = await decidedRound(decidedAt, ['not-funded']);
    // The job's first slot is the next whole day; run the scheduler as if that day had come.
    const later = (Math.floor(Date.now() / DAY) + 1) * DAY + 1;
    // Today's run puts the job on the scheduler's list for its next slot...
    await runDueJobs(Date.now());
    expect(onDisk(unfunded!.media)).toBe(true);
    // ...and when that day comes (the job reads the clock), the recording goes.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(later);
    await runDueJobs(later);
    expect(await db.selectFrom('jobs').select('status').where('kind', '=', MEDIA_RETENTION_JOB).where('status', '=', 'done').execute()).not.toEqual([]);
    expect(onDisk(unfunded!.media)).toBe(false);
  });
});
