import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { makeMember } from '../../../test/factories';
import { exportMyData, deleteAccount } from '~/modules/directory/account.server';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { registerFundReportJobs } from './report-jobs.server';
import { decidedGrant } from './grants.test-helpers';
import { recordPayment } from './money.server';
import { loadReport, reportFile, saveReport, scheduleAllReports, setDueDates, type NewFiles, type SaveReportInput } from './reports.server';
import { parseReportForm, storeReportFiles } from './report-uploads.server';

type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, grantee: Who, panel: Who, other: Who;
const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const none: NewFiles = { media: null, photos: [], receipts: [] };
const input = (over: Partial<SaveReportInput> = {}): SaveReportInput => ({
  stoppedEarly: false,
  happened: 'We ran ten sessions.',
  hasMedia: false,
  peopleReached: 25,
  breakdown: [],
  breakdownConsent: false,
  changeMade: 'People meet weekly.',
  quote: '',
  spend: [{ line: 0, spent: 600 }, { line: 1, spent: 400 }],
  didNotWork: 'Evenings.',
  learned: '',
  photoConsent: false,
  removeFileIds: [],
  removeMedia: false,
  ...over,
});

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

/** A multipart request as a phone's browser sends it. */
function formRequest(parts: { name: string; value: string | { name: string; type: string; bytes: Buffer } }[]) {
  const fd = new FormData();
  for (const p of parts) fd.append(p.name, typeof p.value === 'string' ? p.value : new File([new Uint8Array(p.value.bytes)], p.value.name, { type: p.value.type }));
  return new Request('http://nomi.test/x', { method: 'POST', body: fd });
}
const jpeg = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#c33' } }).jpeg().withExif({ IFD0: { Artist: 'SECRET-CAMERA-OWNER' } }).toBuffer();
// A Windows program ("MZ" header) named and typed as a photo.
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

async function paidGrant(amount = 1000) {
  const g = await decidedGrant({ steward, lead: grantee, awarded: amount });
  await recordPayment(steward, g.appId, { amount, paidOn: today, reference: 'R1', paidTo: 'grantee' });
  return g;
}
async function receipt() {
  const req = formRequest([{ name: 'receipts', value: { name: 'receipt.jpg', type: 'image/jpeg', bytes: await jpeg() } }]);
  const { uploads } = await parseReportForm(req);
  const r = await storeReportFiles(uploads, []);
  if (!('files' in r)) throw new Error('receipt refused');
  return r.files.receipts;
}

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  grantee = await makeMember({ name: 'Grantee' });
  panel = await makeMember({ name: 'Panel member' });
  other = await makeMember({ name: 'Other member' });
});

describe('who sees a grant report', () => {
  it('stewards and the grantee; the panel and other members get 404; only the grantee writes', async () => {
    const { appId, roundId } = await paidGrant();
    await db.insertInto('fund_panel').values({ round_id: roundId, user_id: panel.id, added_at: Date.now() }).execute();
    expect(await status(() => loadReport(grantee, appId, 'mid'))).toBe('ok');
    expect(await status(() => loadReport(steward, appId, 'mid'))).toBe('ok');
    expect(await status(() => loadReport(panel, appId, 'mid'))).toBe(404);
    expect(await status(() => loadReport(other, appId, 'mid'))).toBe(404);
    expect(await status(() => loadReport(grantee, appId, 'final'))).toBe(404);
    expect(await status(() => saveReport(steward, appId, 'mid', input(), none, { submit: false }))).toBe(403);
    expect(await status(() => saveReport(other, appId, 'mid', input(), none, { submit: false }))).toBe(404);
    expect((await loadReport(grantee, appId, 'mid')).report.happened).toBe('');
  });
});

describe('writing a report', () => {
  it('refuses an end report whose spend does not match what was paid, writing nothing', async () => {
    const { appId } = await paidGrant(1000);
    const files = { ...none, receipts: await receipt() };
    const r = await saveReport(grantee, appId, 'end', input({ spend: [{ line: 0, spent: 600 }, { line: 1, spent: 300 }] }), files, { submit: true });
    expect(r).toEqual({ ok: false, problems: [{ field: 'spend', error: 'spend-not-matching', values: { spent: 900, paid: 1000 } }] });
    const { report } = await loadReport(grantee, appId, 'end');
    expect(report).toMatchObject({ status: 'due', happened: '', files: [] });
    // The receipt stored for the refused save is gone from disk too.
    expect(fs.existsSync(path.join(env.uploadDir, files.receipts[0]!.path))).toBe(false);
  });

  it('saves a draft, then submits; a sent report cannot be changed', async () => {
    const { appId } = await paidGrant(1000);
    expect(await saveReport(grantee, appId, 'mid', input({ happened: 'Half way', changeMade: '' }), none, { submit: false })).toEqual({ ok: true, submitted: false });
    expect((await loadReport(grantee, appId, 'mid')).report).toMatchObject({ status: 'due', happened: 'Half way' });
    expect(await saveReport(grantee, appId, 'mid', input(), { ...none, receipts: await receipt() }, { submit: true })).toEqual({ ok: true, submitted: true });
    expect(await status(() => saveReport(grantee, appId, 'mid', input({ happened: 'rewritten' }), none, { submit: false }))).toBe(403);
  });

  it('takes three photos with consent, strips their metadata, and refuses a fourth', async () => {
    const { appId } = await paidGrant(1000);
    const bytes = await jpeg();
    const req = formRequest([0, 1, 2].flatMap((i) => [{ name: `photo.${i}`, value: { name: `p${i}.jpg`, type: 'image/jpeg', bytes } }, { name: `caption[${i}]`, value: `Photo ${i}` }]));
    const { uploads } = await parseReportForm(req);
    const stored = await storeReportFiles(uploads, ['a', 'b', 'c']);
    if (!('files' in stored)) throw new Error('refused');
    expect(stored.files.photos).toHaveLength(3);
    const onDisk = fs.readFileSync(path.join(env.uploadDir, stored.files.photos[0]!.path));
    expect(onDisk.includes(Buffer.from('SECRET-CAMERA-OWNER'))).toBe(false);
    expect(await saveReport(grantee, appId, 'mid', input({ photoConsent: true }), stored.files, { submit: false })).toEqual({ ok: true, submitted: false });

    const fourth = await parseReportForm(formRequest([{ name: 'photo.0', value: { name: 'p4.jpg', type: 'image/jpeg', bytes } }]));
    const more = await storeReportFiles(fourth.uploads, []);
    if (!('files' in more)) throw new Error('refused');
    const r = await saveReport(grantee, appId, 'mid', input({ photoConsent: true }), more.files, { submit: false });
    expect(r).toEqual({ ok: false, problems: [{ field: 'photos', error: 'too-many-photos', values: { max: 3 } }] });
    expect(fs.existsSync(path.join(env.uploadDir, more.files.photos[0]!.path))).toBe(false);
    expect((await loadReport(grantee, appId, 'mid')).report.files.filter((f) => f.kind === 'photo')).toHaveLength(3);

    // Two photos in one slot of a hand-made form: the extra one is refused as well.
    const twice = await parseReportForm(formRequest([{ name: 'photo.0', value: { name: 'a.jpg', type: 'image/jpeg', bytes } }, { name: 'photo.0', value: { name: 'b.jpg', type: 'image/jpeg', bytes } }]));
    const r2 = await storeReportFiles(twice.uploads, []);
    expect(r2).toMatchObject({ problems: [{ field: 'photos', error: 'funding.reports.errors.too-many-photos' }] });
  });

  it('refuses photos without the consent tick', async () => {
    const { appId } = await paidGrant(1000);
    const { uploads } = await parseReportForm(formRequest([{ name: 'photo.0', value: { name: 'p.jpg', type: 'image/jpeg', bytes: await jpeg() } }]));
    const stored = await storeReportFiles(uploads, []);
    if (!('files' in stored)) throw new Error('refused');
    const r = await saveReport(grantee, appId, 'mid', input(), stored.files, { submit: false });
    expect(r).toEqual({ ok: false, problems: [{ field: 'photos', error: 'photo-consent' }] });
  });

  it('refuses a program disguised as a photo, and stores nothing of that form', async () => {
    const { uploads } = await parseReportForm(
      formRequest([
        { name: 'receipts', value: { name: 'receipt.jpg', type: 'image/jpeg', bytes: await jpeg() } },
        { name: 'photo.0', value: { name: 'holiday.jpg', type: 'image/jpeg', bytes: exe } },
      ]),
    );
    const before = fs.existsSync(path.join(env.uploadDir, 'fund-reports')) ? fs.readdirSync(path.join(env.uploadDir, 'fund-reports')).length : 0;
    const r = await storeReportFiles(uploads, []);
    expect(r).toEqual({ problems: [{ field: 'photos', error: 'uploads.fileProblem', values: { name: 'holiday.jpg', message: 'uploads.problems.executable' } }] });
    expect(fs.readdirSync(path.join(env.uploadDir, 'fund-reports')).length).toBe(before);
  });

  it('a project that stops early closes with what it learned: the grant is closed, the mid-point report no longer needed', async () => {
    const { appId } = await paidGrant(1000);
    const early = input({ stoppedEarly: true, learned: 'The hall closed; we learned to book two venues.', happened: '', peopleReached: null, changeMade: '', didNotWork: '', spend: [] });
    expect(await saveReport(grantee, appId, 'end', early, none, { submit: true })).toEqual({ ok: true, submitted: true });
    const { grant, report } = await loadReport(grantee, appId, 'end');
    expect(grant.closed).toBe('stopped-early');
    expect(report).toMatchObject({ stoppedEarly: true, learned: 'The hall closed; we learned to book two venues.' });
    expect(await status(() => saveReport(grantee, appId, 'mid', input(), none, { submit: false }))).toBe(403);
  });

  it('serves a report photo to the grantee and stewards only', async () => {
    const { appId, roundId } = await paidGrant(1000);
    await db.insertInto('fund_panel').values({ round_id: roundId, user_id: panel.id, added_at: Date.now() }).execute();
    const { uploads } = await parseReportForm(formRequest([{ name: 'photo.0', value: { name: 'p.jpg', type: 'image/jpeg', bytes: await jpeg() } }]));
    const stored = await storeReportFiles(uploads, ['Our group']);
    if (!('files' in stored)) throw new Error('refused');
    await saveReport(grantee, appId, 'mid', input({ photoConsent: true }), stored.files, { submit: false });
    const [file] = (await loadReport(grantee, appId, 'mid')).report.files;
    expect(file).toMatchObject({ kind: 'photo', caption: 'Our group' });
    expect(await reportFile(steward, appId, 'mid', file!.id)).toMatchObject({ isImage: true });
    expect(await status(() => reportFile(panel, appId, 'mid', file!.id))).toBe(404);
    expect(await status(() => reportFile(grantee, appId, 'end', file!.id))).toBe(404);
  });
});

describe('due dates and reminders', () => {
  it('reminds the grantee a week before and on the due day, through the job queue; moved dates move the reminders', async () => {
    registerFundReportJobs();
    const now = Date.now();
    const { appId } = await decidedGrant({ steward, lead: grantee, decidedAt: now - DAY });
    await scheduleAllReports(now); // the decision or the daily sweep creates the reports and their reminders (a look writes nothing)
    const jobs = await db.selectFrom('jobs').select(['unique_key', 'run_at']).where('unique_key', 'like', `fund-report-reminder:%`).execute();
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    const mid = new Date(now + 20 * DAY).toISOString().slice(0, 10);
    const end = new Date(now + 60 * DAY).toISOString().slice(0, 10);
    expect(await status(() => setDueDates(grantee, appId, { mid, end }))).toBe(403);
    expect(await setDueDates(steward, appId, { mid: end, end: mid })).toBe('mid-after-end');
    expect(await setDueDates(steward, appId, { mid, end })).toBe('ok');
    const midReport = (await loadReport(grantee, appId, 'mid')).report;
    expect(midReport.dueOn).toBe(mid);

    // A week before the new date the reminder goes out, once, to the grantee only.
    await runDueJobs(Date.parse(`${mid}T08:00:00Z`) - 7 * DAY + 1000);
    const sent = await db.selectFrom('notifications').select(['user_id', 'kind', 'params', 'link']).where('kind', '=', 'funding.report_due').execute();
    expect(sent.map((n) => n.user_id)).toEqual([grantee.id]);
    expect(JSON.parse(sent[0]!.params)).toEqual({ title: 'Grant project', date: mid });
    expect(sent[0]!.link).toBe(`/funds/grants/${appId}/reports/mid`);
    // Reminders for the old dates do nothing (the date moved), and once sent there is no second one.
    await runDueJobs(Date.parse(`${mid}T08:00:00Z`) - 7 * DAY + 2000);
    expect(await db.selectFrom('notifications').select('id').where('kind', '=', 'funding.report_due').execute()).toHaveLength(1);
  });

  it('sends nothing for a report already sent', async () => {
    registerFundReportJobs();
    const now = Date.now();
    const { appId } = await decidedGrant({ steward, lead: other, decidedAt: now - DAY, awarded: 500, lines: [['All', 500]] });
    await loadReport(other, appId, 'mid');
    await saveReport(other, appId, 'mid', input({ spend: [] }), none, { submit: true });
    const before = (await db.selectFrom('notifications').select('id').where('user_id', '=', other.id).where('kind', '=', 'funding.report_due').execute()).length;
    const midDue = (await loadReport(other, appId, 'mid')).report.dueOn;
    await runDueJobs(Date.parse(`${midDue}T08:00:00Z`) + 1000);
    const after = await db.selectFrom('notifications').select(['link']).where('user_id', '=', other.id).where('kind', '=', 'funding.report_due').execute();
    // Only the end report (still due) may remind; never the mid-point one that was sent.
    expect(after.slice(before).every((n) => n.link.endsWith('/reports/end'))).toBe(true);
  });
});

describe('the member’s data covers grant reports', () => {
  it('exports the reports in full; deletion clears the personal parts and photos but keeps payments and numbers', async () => {
    const leaver = await makeMember({ name: 'Leaver', password: 'correct horse battery staple' });
    const g = await decidedGrant({ steward, lead: leaver, awarded: 1000 });
    await recordPayment(steward, g.appId, { amount: 1000, paidOn: today, reference: 'R9', paidTo: 'grantee' });
    const { uploads } = await parseReportForm(formRequest([{ name: 'photo.0', value: { name: 'p.jpg', type: 'image/jpeg', bytes: await jpeg() } }]));
    const stored = await storeReportFiles(uploads, ['Us']);
    if (!('files' in stored)) throw new Error('refused');
    await saveReport(leaver, g.appId, 'end', input({ quote: '“A private quote.”', photoConsent: true }), { ...stored.files, receipts: await receipt() }, { submit: true });
    const data = await exportMyData(leaver.id);
    expect(data.seedFund.grants[0]).toMatchObject({ title: 'Grant project', awarded: 1000, payments: [{ amount: 1000, reference: 'R9' }] });
    expect(data.seedFund.grants[0]!.reports.find((r) => r.kind === 'end')).toMatchObject({ happened: 'We ran ten sessions.', quote: '“A private quote.”', peopleReached: 25 });
    const photoPath = path.join(env.uploadDir, stored.files.photos[0]!.path);
    expect(fs.existsSync(photoPath)).toBe(true);

    expect(await deleteAccount(leaver.id, 'correct horse battery staple')).toBe('ok');
    const end = await db.selectFrom('fund_reports').selectAll().where('application_id', '=', g.appId).where('kind', '=', 'end').executeTakeFirstOrThrow();
    expect(end).toMatchObject({ happened: '', quote: '', change_made: '', did_not_work: '', people_reached: 25, status: 'submitted' });
    const files = await db.selectFrom('fund_report_files').select('kind').where('report_id', '=', end.id).execute();
    expect(files.map((f) => f.kind)).toEqual(['receipt']);
    expect(fs.existsSync(photoPath)).toBe(false);
    expect(await db.selectFrom('fund_payments').select('amount').where('application_id', '=', g.appId).execute()).toEqual([{ amount: 1000 }]);
  });
});
