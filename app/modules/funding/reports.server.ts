/**
 * Grant reports (issue 14 item 9): every award gets a mid-point and an end report with due dates, and
 * the grantee is reminded through the app's job queue (a week before and on the day, like mentoring
 * action reminders). Stewards and the grantee see reports; anyone else gets 404 ('fundReport.view').
 * Saving writes everything or nothing: on any problem the files this request stored are removed again.
 */
import { db } from '~db/connection';
import type { FundReportKind, FundReportsTable } from '~db/schema.funding';
import { authorize, type Actor } from '~/policies';
import type { FundReportSubject } from '~/policies/funding';
import { newId } from '~/modules/auth/tokens.server';
import { schedule } from '~/modules/jobs/scheduler.server';
import { notifyMany } from '~/modules/notifications/notifications.server';
import { audit } from '~/modules/network/settings.server';
import { removeStored } from '~/modules/uploads/uploads.server';
import { grantRow, grantSubject, loadGrant, notFound, type Grant } from './grants.server';
import { addDays, dayOf, END_AFTER_DAYS, MID_AFTER_DAYS, reminderTimes, reportProblems, type ReportInput, type ReportProblem } from './report-rules';

export const REPORT_REMINDER_JOB = 'fund-report-reminder';
export const REPORT_SWEEP_JOB = 'fund-report-schedule';

export interface StoredFile {
  path: string;
  thumbPath?: string | null;
  mime: string;
  size: number;
  name: string;
}

export interface Report {
  id: string;
  kind: FundReportKind;
  dueOn: string;
  status: FundReportsTable['status'];
  stoppedEarly: boolean;
  happened: string;
  media: { mime: string; size: number } | null;
  peopleReached: number | null;
  breakdown: { label: string; count: number }[];
  breakdownConsent: boolean;
  changeMade: string;
  quote: string;
  spend: { line: number; spent: number }[];
  didNotWork: string;
  learned: string;
  submittedAt: number | null;
  files: { id: string; kind: 'photo' | 'receipt'; name: string; mime: string; size: number; caption: string }[];
}

const toReport = (r: FundReportsTable, files: Report['files']): Report => ({
  id: r.id,
  kind: r.kind,
  dueOn: r.due_on,
  status: r.status,
  stoppedEarly: r.stopped_early === 1,
  happened: r.happened,
  media: r.media_path && r.media_mime ? { mime: r.media_mime, size: r.media_size ?? 0 } : null,
  peopleReached: r.people_reached,
  breakdown: JSON.parse(r.breakdown),
  breakdownConsent: r.breakdown_consent === 1,
  changeMade: r.change_made,
  quote: r.quote,
  spend: JSON.parse(r.spend),
  didNotWork: r.did_not_work,
  learned: r.learned,
  submittedAt: r.submitted_at,
  files,
});

const reminderKey = (reportId: string, dueOn: string, stage: string) => `${REPORT_REMINDER_JOB}:${reportId}:${dueOn}:${stage}`;

/** Queues the reminders for a report's due date; keyed by date, so a moved date queues new ones. */
export async function scheduleReportReminders(reportId: string, dueOn: string, now = Date.now()): Promise<void> {
  for (const r of reminderTimes(dueOn, now)) await schedule(REPORT_REMINDER_JOB, r.at, { reportId, dueOn, stage: r.stage }, reminderKey(reportId, dueOn, r.stage));
}

/**
 * Makes sure an award has its two reports (due three and six months after the decision unless a steward
 * set other dates) and their reminders. Idempotent: the unique (award, kind) index and the job keys.
 */
export async function ensureReports(grant: Pick<Grant, 'applicationId' | 'decidedAt'>, now = Date.now()): Promise<void> {
  const decided = dayOf(grant.decidedAt);
  for (const [kind, days] of [['mid', MID_AFTER_DAYS], ['end', END_AFTER_DAYS]] as const) {
    await db
      .insertInto('fund_reports')
      .values({
        id: newId(),
        application_id: grant.applicationId,
        kind,
        due_on: addDays(decided, days),
        status: 'due',
        stopped_early: 0,
        happened: '',
        media_path: null,
        media_mime: null,
        media_size: null,
        people_reached: null,
        breakdown: '[]',
        breakdown_consent: 0,
        change_made: '',
        quote: '',
        spend: '[]',
        did_not_work: '',
        learned: '',
        submitted_at: null,
        submitted_by: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['application_id', 'kind']).doNothing())
      .execute();
  }
  const rows = await db.selectFrom('fund_reports').select(['id', 'due_on', 'status']).where('application_id', '=', grant.applicationId).execute();
  for (const r of rows) if (r.status === 'due') await scheduleReportReminders(r.id, r.due_on, now);
}

/** The daily sweep: awards confirmed by any decision method get their reports and reminders. */
export async function scheduleAllReports(now = Date.now()): Promise<void> {
  const awards = await db.selectFrom('fund_awards').select(['application_id', 'confirmed_at']).execute();
  for (const a of awards) await ensureReports({ applicationId: a.application_id, decidedAt: a.confirmed_at }, now);
}

/** The reminder job: only if the report is still due on that date and the grant is not closed. */
export async function sendReportReminder(payload: Record<string, unknown>, now = Date.now()): Promise<void> {
  const reportId = typeof payload.reportId === 'string' ? payload.reportId : null;
  if (!reportId) return;
  const row = await db.selectFrom('fund_reports').select(['id', 'application_id', 'kind', 'due_on', 'status']).where('id', '=', reportId).executeTakeFirst();
  if (!row || row.status !== 'due' || row.due_on !== payload.dueOn) return;
  const grant = await grantRow(row.application_id);
  if (!grant || (grant.closed && row.kind === 'mid')) return;
  void now;
  // The grantee's own project title and the date; nothing else leaves the report page.
  await notifyMany(grant.granteeIds, { kind: 'funding.report_due', params: { title: grant.title, date: row.due_on }, link: `/funds/grants/${grant.applicationId}/reports/${row.kind}` });
}

async function filesOf(reportId: string) {
  return db.selectFrom('fund_report_files').select(['id', 'kind', 'name', 'mime', 'size', 'caption', 'path', 'thumb_path']).where('report_id', '=', reportId).orderBy('added_at').execute();
}

export async function reportsOf(applicationId: string): Promise<Report[]> {
  const rows = await db.selectFrom('fund_reports').selectAll().where('application_id', '=', applicationId).orderBy('kind', 'desc').execute();
  return Promise.all(rows.map(async (r) => toReport(r, (await filesOf(r.id)).map(({ path: _p, thumb_path: _t, ...f }) => f))));
}

function reportSubject(actor: Actor, grant: Grant, r: Pick<FundReportsTable, 'kind' | 'status'>): FundReportSubject {
  return { ...grantSubject(actor, grant), kind: r.kind, submitted: r.status === 'submitted' };
}

/**
 * A report not written to the table yet (the daily sweep or the first save creates it): what the
 * grantee sees is the same, due on the default date. Reading a page must not write (fund-audit).
 */
function blankReport(grant: Pick<Grant, 'applicationId' | 'decidedAt'>, kind: FundReportKind): FundReportsTable {
  const due = addDays(dayOf(grant.decidedAt), kind === 'mid' ? MID_AFTER_DAYS : END_AFTER_DAYS);
  return {
    id: '', application_id: grant.applicationId, kind, due_on: due, status: 'due', stopped_early: 0, happened: '', media_path: null, media_mime: null, media_size: null,
    people_reached: null, breakdown: '[]', breakdown_consent: 0, change_made: '', quote: '', spend: '[]', did_not_work: '', learned: '', submitted_at: null, submitted_by: null, updated_at: grant.decidedAt,
  };
}

/** Both reports of a grant for its page, those not created yet as blanks (nothing is written). */
export async function reportsFor(grant: Pick<Grant, 'applicationId' | 'decidedAt'>): Promise<Report[]> {
  const rows = await reportsOf(grant.applicationId);
  return (['mid', 'end'] as const).map((kind) => rows.find((r) => r.kind === kind) ?? toReport(blankReport(grant, kind), []));
}

/** One report with its grant, or 404 for anyone but stewards and the grantee. A read: nothing is written. */
export async function loadReport(actor: Actor, applicationId: string, kind: string) {
  if (kind !== 'mid' && kind !== 'end') notFound();
  const { grant } = await loadGrant(actor, applicationId);
  const row =
    (await db.selectFrom('fund_reports').selectAll().where('application_id', '=', grant.applicationId).where('kind', '=', kind as FundReportKind).executeTakeFirst()) ??
    blankReport(grant, kind as FundReportKind);
  const subject = reportSubject(actor, grant, row);
  authorize(actor, 'fundReport.view', subject);
  const files = row.id ? (await filesOf(row.id)).map(({ path: _p, thumb_path: _t, ...f }) => f) : [];
  return { grant, report: toReport(row, files), subject };
}

export interface NewFiles {
  media: StoredFile | null;
  photos: (StoredFile & { caption: string })[];
  receipts: StoredFile[];
}

export interface SaveReportInput extends ReportInput {
  /** The grantee ticked that everyone recognisable in the new photos agreed to them being used. */
  photoConsent: boolean;
  removeFileIds: string[];
  removeMedia: boolean;
}

export type SaveProblem = ReportProblem | { field: 'photos'; error: 'photo-consent'; values?: undefined };

const allNew = (f: NewFiles) => [...(f.media ? [f.media] : []), ...f.photos, ...f.receipts];

/**
 * Saves the grantee's report as a draft, or submits it when nothing is missing. Submitting the end
 * report closes the grant (completed, or stopped early with what was learned).
 */
export async function saveReport(actor: Actor, applicationId: string, kind: string, input: SaveReportInput, files: NewFiles, opts: { submit: boolean }, now = Date.now()): Promise<{ ok: true; submitted: boolean } | { ok: false; problems: SaveProblem[] }> {
  try {
    const loaded = await loadReport(actor, applicationId, kind);
    const { grant, subject } = loaded;
    authorize(actor, 'fundReport.write', subject);
    // The first save creates the grant's report rows (and reminders) if the sweep has not yet.
    if (!loaded.report.id) await ensureReports(grant, now);
    const report = loaded.report.id ? loaded.report : (await loadReport(actor, applicationId, kind)).report;
    const existing = await filesOf(report.id);
    const removing = existing.filter((f) => input.removeFileIds.includes(f.id));
    const kept = existing.filter((f) => !input.removeFileIds.includes(f.id));
    const photos = kept.filter((f) => f.kind === 'photo').length + files.photos.length;
    const receipts = kept.filter((f) => f.kind === 'receipt').length + files.receipts.length;
    const oldMedia = await db.selectFrom('fund_reports').select(['media_path']).where('id', '=', report.id).executeTakeFirstOrThrow();
    const hasMedia = !!files.media || (!!oldMedia.media_path && !input.removeMedia);
    const problems: SaveProblem[] = reportProblems(report.kind, { ...input, hasMedia }, { budgetLines: grant.budgetLines, awarded: grant.awarded, paid: grant.paid, photos, receipts }, opts.submit);
    if (files.photos.length && !input.photoConsent) problems.push({ field: 'photos', error: 'photo-consent' });
    if (problems.length) {
      await removeStored(allNew(files));
      return { ok: false, problems };
    }
    const dropMedia = input.removeMedia || !!files.media;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('fund_reports')
        .set({
          stopped_early: input.stoppedEarly ? 1 : 0,
          happened: input.happened,
          ...(dropMedia ? { media_path: files.media?.path ?? null, media_mime: files.media?.mime ?? null, media_size: files.media?.size ?? null } : {}),
          people_reached: input.peopleReached,
          breakdown: JSON.stringify(input.breakdown.filter((b) => b.label.trim() || b.count)),
          breakdown_consent: input.breakdownConsent ? 1 : 0,
          change_made: input.changeMade,
          quote: input.quote,
          spend: JSON.stringify(input.spend),
          did_not_work: input.didNotWork,
          learned: input.learned,
          status: opts.submit ? 'submitted' : 'due',
          submitted_at: opts.submit ? now : null,
          submitted_by: opts.submit ? actor.id : null,
          updated_at: now,
        })
        .where('id', '=', report.id)
        .where('status', '=', 'due')
        .execute();
      if (removing.length) await trx.deleteFrom('fund_report_files').where('id', 'in', removing.map((f) => f.id)).execute();
      for (const [k, list] of [['photo', files.photos], ['receipt', files.receipts]] as const) {
        for (const f of list) {
          await trx
            .insertInto('fund_report_files')
            .values({ id: newId(), report_id: report.id, kind: k, path: f.path, thumb_path: f.thumbPath ?? null, mime: f.mime, size: f.size, name: f.name, caption: 'caption' in f ? f.caption : '', added_at: now })
            .execute();
        }
      }
    });
    await removeStored(removing.map((f) => ({ path: f.path, thumbPath: f.thumb_path })));
    if (dropMedia && oldMedia.media_path) await removeStored(oldMedia.media_path);
    if (opts.submit) await audit({ actorId: actor.id, action: `fund_report.${kind}_submitted`, subjectType: 'fund_award', subjectId: applicationId, details: input.stoppedEarly ? { stoppedEarly: true } : undefined });
    return { ok: true, submitted: opts.submit };
  } catch (error) {
    await removeStored(allNew(files));
    throw error;
  }
}

/** Stewards move due dates (the mid-point before the end); reminders follow the new dates. */
export async function setDueDates(actor: Actor, applicationId: string, dates: { mid: string; end: string }, now = Date.now()): Promise<'ok' | 'mid-after-end'> {
  const { grant, subject } = await loadGrant(actor, applicationId);
  authorize(actor, 'fundAward.setDueDates', subject);
  if (dates.mid >= dates.end) return 'mid-after-end';
  await ensureReports(grant, now);
  for (const [kind, due] of [['mid', dates.mid], ['end', dates.end]] as const) {
    await db.updateTable('fund_reports').set({ due_on: due, updated_at: now }).where('application_id', '=', applicationId).where('kind', '=', kind).where('status', '=', 'due').execute();
  }
  await ensureReports(grant, now);
  await audit({ actorId: actor.id, action: 'fund_report.due_dates', subjectType: 'fund_award', subjectId: applicationId, details: dates });
  return 'ok';
}

/** A photo, receipt or the recording of a report, for stewards and the grantee only (else 404). */
export async function reportFile(actor: Actor, applicationId: string, kind: string, fileId: string) {
  const { report } = await loadReport(actor, applicationId, kind);
  if (fileId === 'recording') {
    const row = await db.selectFrom('fund_reports').select(['media_path', 'media_mime']).where('id', '=', report.id).executeTakeFirst();
    if (!row?.media_path || !row.media_mime) notFound();
    return { path: row!.media_path!, thumbPath: null, mime: row!.media_mime!, name: `recording.${row!.media_path!.split('.').pop()}`, isImage: false };
  }
  const f = await db.selectFrom('fund_report_files').select(['path', 'thumb_path', 'mime', 'name', 'kind']).where('id', '=', fileId.slice(0, 60)).where('report_id', '=', report.id).executeTakeFirst();
  if (!f) notFound();
  return { path: f!.path, thumbPath: f!.thumb_path, mime: f!.mime, name: f!.name, isImage: f!.kind === 'photo' };
}
