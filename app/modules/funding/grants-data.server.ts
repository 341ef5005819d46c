import type { Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';

/**
 * "Your data", grants part (fundmoney): for each grant the member leads, the payments recorded and
 * every report in full (files by type and size). On deletion the reports lose what is personal —
 * written and recorded answers, the quote, the breakdown and the photos — while the numbers the round's
 * record needs (people reached, spend by line) stay, and so do payments and receipts: the CIC must keep
 * its accounting records (Companies Act 2006, ss. 386–388).
 */
export async function grantsData(userId: string) {
  const grants = await db
    .selectFrom('fund_awards as w')
    .innerJoin('fund_applications as a', 'a.id', 'w.application_id')
    .select(['a.id', 'a.title', 'w.amount as awarded'])
    .where('a.lead_id', '=', userId)
    .execute();
  if (!grants.length) return [];
  const ids = grants.map((g) => g.id);
  const [payments, reports] = await Promise.all([
    db.selectFrom('fund_payments').select(['application_id', 'amount', 'paid_on', 'reference', 'paid_to']).where('application_id', 'in', ids).orderBy('paid_on').execute(),
    db.selectFrom('fund_reports').selectAll().where('application_id', 'in', ids).execute(),
  ]);
  const files = reports.length ? await db.selectFrom('fund_report_files').select(['report_id', 'kind', 'name', 'mime', 'size', 'caption']).where('report_id', 'in', reports.map((r) => r.id)).execute() : [];
  return grants.map((g) => ({
    title: g.title,
    awarded: g.awarded,
    payments: payments.filter((p) => p.application_id === g.id).map(({ application_id: _a, ...p }) => p),
    reports: reports
      .filter((r) => r.application_id === g.id)
      .map((r) => ({
        kind: r.kind,
        dueOn: r.due_on,
        status: r.status,
        stoppedEarly: r.stopped_early === 1,
        happened: r.happened,
        recording: r.media_mime ? { type: r.media_mime, bytes: r.media_size } : null,
        peopleReached: r.people_reached,
        breakdown: JSON.parse(r.breakdown) as unknown,
        changeMade: r.change_made,
        quote: r.quote,
        spend: JSON.parse(r.spend) as unknown,
        didNotWork: r.did_not_work,
        learned: r.learned,
        submittedAt: r.submitted_at,
        files: files.filter((f) => f.report_id === r.id).map(({ report_id: _r, ...f }) => f),
      })),
  }));
}

/** Clears the personal parts of the member's grant reports; returns the files to remove after commit. */
export async function eraseGrantReports(trx: Transaction<Database>, userId: string): Promise<{ path: string; thumbPath?: string | null }[]> {
  const reports = await trx
    .selectFrom('fund_reports as r')
    .innerJoin('fund_applications as a', 'a.id', 'r.application_id')
    .select(['r.id', 'r.media_path'])
    .where('a.lead_id', '=', userId)
    .execute();
  if (!reports.length) return [];
  const ids = reports.map((r) => r.id);
  const photos = await trx.selectFrom('fund_report_files').select(['id', 'path', 'thumb_path']).where('report_id', 'in', ids).where('kind', '=', 'photo').execute();
  if (photos.length) await trx.deleteFrom('fund_report_files').where('id', 'in', photos.map((p) => p.id)).execute();
  await trx
    .updateTable('fund_reports')
    .set({ happened: '', media_path: null, media_mime: null, media_size: null, breakdown: '[]', breakdown_consent: 0, change_made: '', quote: '', did_not_work: '', learned: '' })
    .where('id', 'in', ids)
    .execute();
  await trx.updateTable('fund_report_files').set({ caption: '' }).where('report_id', 'in', ids).execute();
  return [...photos.map((p) => ({ path: p.path, thumbPath: p.thumb_path })), ...reports.filter((r) => r.media_path).map((r) => ({ path: r.media_path! }))];
}
