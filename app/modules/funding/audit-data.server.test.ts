/**
 * Fund-audit: reads that wrote, and personal data the member's export and deletion missed.
 *  - Opening a grant's page or one of its reports (a GET, by the grantee or a steward) created the
 *    report rows and queued reminder jobs; reading now writes nothing, the decision creates them.
 *  - The export left out the conversations a member booked (with the note saying how to reach them)
 *    or offered, and the pitch scores they gave; deletion left that note, and a future booking, behind.
 */
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import { deleteAccount, exportMyData } from '~/modules/directory/account.server';
import { makeMember } from '../../../test/factories';
import { decidedGrant } from './grants.test-helpers';
import { loadReport, reportsFor, saveReport } from './reports.server';
import { loadGrant } from './grants.server';

const DAY = 86_400_000;
const reportRows = (appId: string) => db.selectFrom('fund_reports').select(['kind', 'due_on']).where('application_id', '=', appId).execute();
const reminderJobs = () => db.selectFrom('jobs').select('unique_key').where('unique_key', 'like', 'fund-report-reminder:%').execute();

describe('reading a grant writes nothing', () => {
  it('the grant page and its reports show blanks due on the default dates; the first save creates them', async () => {
    const steward = await makeMember({ role: 'steward' });
    const lead = await makeMember();
    const { appId } = await decidedGrant({ steward, lead, decidedAt: Date.now() - DAY, awarded: 500, lines: [['All', 500]] });
    const jobsBefore = (await reminderJobs()).length;

    const { grant } = await loadGrant(lead, appId);
    const shown = await reportsFor(grant);
    expect(shown.map((r) => [r.kind, r.status])).toEqual([['mid', 'due'], ['end', 'due']]);
    const mid = await loadReport(lead, appId, 'mid');
    await loadReport(steward, appId, 'end');
    expect(mid.report).toMatchObject({ status: 'due', happened: '', files: [] });
    expect(await reportRows(appId)).toEqual([]);
    expect((await reminderJobs()).length).toBe(jobsBefore);

    const none = { media: null, photos: [], receipts: [] };
    const input = { hasMedia: false, stoppedEarly: false, happened: 'Started', peopleReached: null, breakdown: [], breakdownConsent: false, changeMade: '', quote: '', spend: [], didNotWork: '', learned: '', photoConsent: false, removeFileIds: [], removeMedia: false };
    expect(await saveReport(lead, appId, 'mid', input, none, { submit: false })).toEqual({ ok: true, submitted: false });
    const rows = await reportRows(appId);
    expect(rows.map((r) => r.kind).sort()).toEqual(['end', 'mid']);
    // Due where the page said they would be.
    expect(rows.find((r) => r.kind === 'mid')!.due_on).toBe(mid.report.dueOn);
    expect((await loadReport(lead, appId, 'mid')).report.happened).toBe('Started');
    expect((await reminderJobs()).length).toBeGreaterThan(jobsBefore);
  });
});

describe('the member’s data covers conversations and pitch scores', () => {
  it('exports what they booked, offered and scored; deletion clears the note and frees a future booking', async () => {
    const steward = await makeMember({ role: 'steward' });
    const leaver = await makeMember({ name: 'Leaver', password: 'correct horse battery staple' });
    const host = await makeMember({ name: 'Host' });
    const lead = await makeMember();
    const { roundId, appId } = await decidedGrant({ steward, lead });
    // One booking per member per round: the past one was in an earlier round.
    const earlier = await decidedGrant({ steward, lead: await makeMember() });
    const now = Date.now();
    const slot = (over: Record<string, unknown>) => ({
      id: newId(), round_id: roundId, host_id: host.id, starts_at: now + DAY, minutes: 20, mode: 'phone' as const, details: 'I will call you',
      booked_by: null, booked_at: null, booker_note: '', created_at: now, ...over,
    });
    const future = slot({ booked_by: leaver.id, booked_at: now, booker_note: 'Call me on 07700 900123 after 6pm' });
    const past = slot({ round_id: earlier.roundId, starts_at: now - DAY, booked_by: leaver.id, booked_at: now - 2 * DAY, booker_note: 'WhatsApp +44 7700 900456' });
    const offered = slot({ host_id: leaver.id, details: 'Room 2, Digbeth library' });
    await db.insertInto('fund_slots').values([future, past, offered]).execute();
    await db.insertInto('fund_pitch_scores').values({ application_id: appId, reviewer_id: leaver.id, criterion_id: 'c1', score: 4, comment: 'Clear pitch', submitted_at: now }).execute();

    const data = (await exportMyData(leaver.id)).seedFund as Record<string, unknown>;
    expect(JSON.stringify(data)).toContain('Call me on 07700 900123 after 6pm');
    expect(JSON.stringify(data)).toContain('Room 2, Digbeth library');
    expect(JSON.stringify(data)).toContain('Clear pitch');

    expect(await deleteAccount(leaver.id, 'correct horse battery staple')).toBe('ok');
    const after = await db.selectFrom('fund_slots').select(['id', 'booked_by', 'booker_note']).where('id', 'in', [future.id, past.id, offered.id]).execute();
    const byId = new Map(after.map((s) => [s.id, s]));
    // The future conversation is free again for someone else; nothing they wrote is left.
    expect(byId.get(future.id)).toMatchObject({ booked_by: null, booker_note: '' });
    expect(byId.get(past.id)?.booker_note).toBe('');
    // A conversation they offered and nobody booked goes.
    expect(byId.has(offered.id)).toBe(false);
  });
});
