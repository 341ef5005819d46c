import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { db } from '../connection';
import { newId } from '../../app/modules/auth/tokens.server';
import { allowTypes, pendingFromTmp, storeUpload, tmpDir } from '../../app/modules/uploads/uploads.server';
import { recordPayment } from '../../app/modules/funding/money.server';
import { ensureReports, saveReport, type NewFiles, type SaveReportInput } from '../../app/modules/funding/reports.server';
import { addDays, dayOf } from '../../app/modules/funding/report-rules';

const DAY = 24 * 60 * 60_000;

/** A picture made here and stored through the uploads module, as an upload from a phone would be. */
async function picture(label: string, colour: string, thumb: boolean) {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const tmp = path.join(tmpDir(), newId());
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="420"><rect width="100%" height="100%" fill="${colour}"/><text x="32" y="220" font-size="40" fill="#fff">${label}</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg().toFile(tmp);
  const pending = pendingFromTmp(tmp, `${label}.jpg`)!;
  const r = await storeUpload(pending, { allow: allowTypes('images'), folder: 'fund-reports', images: thumb ? { maxDimension: 1600, thumbnail: 480 } : { maxDimension: 2400 } });
  if (!r.file) throw new Error(`seed picture refused: ${r.problem}`);
  return { path: r.file.path, thumbPath: r.file.thumbPath ?? null, mime: r.file.mime, size: r.file.size, name: r.file.name };
}

const blank: SaveReportInput = {
  stoppedEarly: false,
  happened: '',
  hasMedia: false,
  peopleReached: null,
  breakdown: [],
  breakdownConsent: false,
  changeMade: '',
  quote: '',
  spend: [],
  didNotWork: '',
  learned: '',
  photoConsent: false,
  removeFileIds: [],
  removeMedia: false,
};

/**
 * Money and reports demo (issue 14 items 8–9): a decided round, "Seed fund: spring 2026", with three
 * grants — Somali Tenants Voice (paid to its host, Brum Community Trust; end report in, with a photo
 * and a receipt), Kurdish women's story nights (half paid; mid-point report in, end due next month)
 * and a home-schooling maths club that stopped early and closed with what it learned. What the round
 * did not commit rolls over to the next round. Idempotent: does nothing when the round exists.
 */
export async function seedFundMoney(people: Record<string, string>): Promise<void> {
  const name = 'Seed fund: spring 2026';
  if (await db.selectFrom('fund_rounds').select('id').where('name', '=', name).executeTakeFirst()) return;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  const now = Date.now();
  const opens = now - 320 * DAY;
  const decided = now - 200 * DAY;
  const roundId = newId();
  await db
    .insertInto('fund_rounds')
    .values({
      id: roundId,
      name,
      description: 'Small grants of £500 to £2,500 for migrant-led projects starting this spring.',
      pot: 6_000,
      min_grant: 500,
      max_grant: 2_500,
      themes: JSON.stringify(['housing', 'women', 'education']),
      cities: JSON.stringify(['birmingham', 'coventry', 'wolverhampton']),
      eligibility: '[]',
      questions: JSON.stringify([{ id: 'q1', text: 'What do you want to do, and for whom?', wordLimit: 250 }]),
      criteria: JSON.stringify([{ id: 'c1', label: 'Need and community benefit', weight: 1 }]),
      decision_method: 'panel',
      allow_partial: 1,
      min_lived_experience: 1,
      opens_at: opens,
      closes_at: opens + 30 * DAY,
      status: 'decided',
      notice_id: null,
      review_opened_at: opens + 31 * DAY,
      decided_at: decided,
      created_by: steward.id,
      created_at: opens - DAY,
      updated_at: decided,
    })
    .execute();
  for (const key of ['mentor1', 'mentor3']) await db.insertInto('fund_panel').values({ round_id: roundId, user_id: people[key]!, added_at: opens }).execute();
  const host = await db.selectFrom('organisations').select('id').where('slug', '=', 'brum-community-trust').executeTakeFirst();

  const grant = async (key: string, title: string, amount: number, lines: [string, number][], summary: string, hostId: string | null) => {
    const id = newId();
    await db
      .insertInto('fund_applications')
      .values({
        id,
        round_id: roundId,
        lead_id: people[key]!,
        kind: hostId ? 'group' : 'member',
        org_id: null,
        host_org_id: hostId,
        host_status: hostId ? 'accepted' : null,
        title,
        summary,
        amount,
        budget_lines: JSON.stringify(lines.map(([label, a]) => ({ label, amount: a }))),
        themes: '[]',
        eligibility_answers: '{}',
        status: 'funded',
        submitted_at: opens + 10 * DAY,
        withdrawn_at: null,
        created_at: opens + 2 * DAY,
        updated_at: decided,
      })
      .execute();
    await db.insertInto('fund_answers').values({ application_id: id, question_id: 'q1', text: summary, media_path: null, media_mime: null, media_size: null, updated_at: opens + 10 * DAY }).execute();
    await db.insertInto('fund_awards').values({ application_id: id, round_id: roundId, amount, partial: 0, confirmed_by: steward.id, confirmed_at: decided }).execute();
    await ensureReports({ applicationId: id, decidedAt: decided }, now);
    return id;
  };
  const pay = (id: string, amount: number, daysAgo: number, reference: string, paidTo: 'grantee' | 'host' = 'grantee') =>
    recordPayment(steward, id, { amount, paidOn: dayOf(now - daysAgo * DAY), reference, paidTo }, now);
  const noFiles: NewFiles = { media: null, photos: [], receipts: [] };

  // 1. Completed: paid to the host organisation, both reports in.
  const tenants = await grant('amina', 'Know your tenancy rights', 2_000, [['Workshops and interpreters', 1_400], ['Printed guides', 600]], 'Six workshops in Somali on tenancy rights and disrepair.', host?.id ?? null);
  await pay(tenants, 1_000, 190, 'NOMI-SF26-01A', host ? 'host' : 'grantee');
  await pay(tenants, 1_000, 90, 'NOMI-SF26-01B', host ? 'host' : 'grantee');
  const tenantsReceipt = await picture('Receipt: printing', '#555555', false);
  await saveReport(member('amina'), tenants, 'mid', { ...blank, happened: 'Three workshops so far; more families came than planned.', peopleReached: 35, changeMade: 'Families now report disrepair in writing.', spend: [{ line: 0, spent: 700 }, { line: 1, spent: 300 }] }, { ...noFiles, receipts: [tenantsReceipt] }, { submit: true }, now - 100 * DAY);
  const [photo, receipt] = [await picture('Workshop', '#2f6f4f', true), await picture('Receipt: interpreters', '#444444', false)];
  await saveReport(
    member('amina'),
    tenants,
    'end',
    {
      ...blank,
      happened: 'Six workshops ran as planned; we added a drop-in after Friday prayers because mothers could not come in the evening.',
      peopleReached: 74,
      breakdown: [{ label: 'Women', count: 51 }, { label: 'First year in the UK', count: 20 }],
      breakdownConsent: true,
      changeMade: 'Eleven families had repairs done after writing to their landlord with our template.',
      quote: '“For the first time I knew what to write, and the damp was fixed.”',
      spend: [{ line: 0, spent: 1_450 }, { line: 1, spent: 550 }],
      didNotWork: 'Evening sessions: hardly anyone came in winter.',
      photoConsent: true,
    },
    { media: null, photos: [{ ...photo, caption: 'A workshop in the community room' }], receipts: [receipt] },
    { submit: true },
    now - 10 * DAY,
  );

  // 2. Running: half paid, mid-point report in, end report due next month.
  const stories = await grant('layla', 'Kurdish women’s story nights', 1_500, [['Room hire', 600], ['Art materials', 500], ['Exhibition', 400]], 'Monthly story nights where Kurdish women make art from their stories.', null);
  await db.updateTable('fund_reports').set({ due_on: addDays(dayOf(now), -60) }).where('application_id', '=', stories).where('kind', '=', 'mid').execute();
  await db.updateTable('fund_reports').set({ due_on: addDays(dayOf(now), 30) }).where('application_id', '=', stories).where('kind', '=', 'end').execute();
  await ensureReports({ applicationId: stories, decidedAt: decided }, now);
  await pay(stories, 750, 150, 'NOMI-SF26-02A');
  const storiesReceipt = await picture('Receipt: room hire', '#666666', false);
  await saveReport(
    member('layla'),
    stories,
    'mid',
    { ...blank, happened: 'Four story nights so far; the women chose to paint rather than write.', peopleReached: 18, changeMade: 'Two women now lead the nights themselves.', quote: '“Here my story is not a case file.”', spend: [{ line: 0, spent: 300 }, { line: 1, spent: 250 }] },
    { ...noFiles, receipts: [storiesReceipt] },
    { submit: true },
    now - 62 * DAY,
  );

  // 3. Stopped early: closes with what was learned, not as a failure; the unpaid part returns to the pot.
  const maths = await grant('olena', 'Home-schooling maths club', 1_800, [['Tutor sessions', 1_200], ['Laptops on loan', 600]], 'A weekly maths club for refugee children learning at home.', null);
  await pay(maths, 600, 180, 'NOMI-SF26-03A');
  const mathsReceipt = await picture('Receipt: tutor', '#777777', false);
  await saveReport(
    member('olena'),
    maths,
    'end',
    {
      ...blank,
      stoppedEarly: true,
      learned: 'Most families were given school places in the autumn, so the club was no longer needed. We learned to ask the council about school places before planning a year-long club; our tutor now volunteers at the Saturday school.',
      peopleReached: 12,
      spend: [{ line: 0, spent: 600 }],
    },
    { ...noFiles, receipts: [mathsReceipt] },
    { submit: true },
    now - 40 * DAY,
  );
}
