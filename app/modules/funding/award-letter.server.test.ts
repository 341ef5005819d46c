import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { fixedT } from '~/modules/i18n/i18next.server';
import { makeMember, outbox } from '../../../test/factories';
import { respondAsCoApplicant, saveApplication, startApplication } from './applications.server';
import { createRound, getRound, openRound, setLivedExperience } from './rounds.server';
import { submitScores } from './reviews.server';
import { confirmAwards, openReview, reviewSubject } from './panel.server';
import { acceptAward, acceptances, awardLetter, awardLetterPdf, letterBlocks, type AwardLetter } from './award-letter.server';

const HOUR = 3_600_000;
type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, rev1: Who, rev2: Who, lead: Who, co: Who, unfunded: Who, outsider: Who;
let roundId = '';
let fundedId = '';
let unfundedId = '';
const AFTER_CLOSE = Date.now() + 3 * HOUR;
const CONDITIONS = 'Spend the grant by 31 March 2027.\n\nTell the stewards before you change the budget by more than £100.';

async function status(fn: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await fn();
    return 'ok';
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

beforeAll(async () => {
  steward = await makeMember({ role: 'steward' });
  rev1 = await makeMember({ name: 'Reviewer Rahel' });
  rev2 = await makeMember({ name: 'Reviewer Bogdan' });
  lead = await makeMember({ name: 'Leila Ahmadi', locale: 'fa' });
  co = await makeMember({ name: 'Cosmin Pop', locale: 'ro' });
  unfunded = await makeMember({ name: 'Umar Khan', locale: 'ur' });
  outsider = await makeMember({ name: 'Olek Outsider' });
  const now = Date.now();
  const r = await createRound(steward, {
    name: 'Spring seeds',
    description: 'd',
    pot: 1500,
    minGrant: 500,
    maxGrant: 1000,
    themes: [],
    cities: [],
    eligibility: [],
    questions: [{ text: 'What?', wordLimit: 50 }],
    criteria: [{ label: 'Need', weight: 1 }],
    decisionMethod: 'panel',
    allowPartial: false,
    minLivedExperience: 1,
    opensAt: now - HOUR,
    closesAt: now + 2 * HOUR,
    panel: [rev1.id, rev2.id],
    conditions: `  ${CONDITIONS}\n`,
  });
  if (!('id' in r)) throw new Error('round');
  roundId = r.id;
  await openRound(steward, r.id);
  for (const [who, title, co_] of [
    [lead, 'Sewing circle', [co.id]],
    [unfunded, 'Cricket club', []],
  ] as const) {
    const s = await startApplication(who, r.id, {});
    if (!('id' in s)) throw new Error('start');
    const saved = await saveApplication(who, s.id, { title, summary: 'S', amount: 1000, budgetLines: [{ label: 'Fabric', amount: 600 }, { label: 'Room', amount: 400 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [...co_], answers: { q1: 'Sew.' }, media: {}, removeMedia: [] }, { submit: true });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    if (who === lead) fundedId = s.id;
    else unfundedId = s.id;
  }
  await respondAsCoApplicant(co, fundedId, true);
  await setLivedExperience(rev1, true);
  expect(await openReview(steward, roundId, AFTER_CLOSE)).toBe('ok');
  for (const rev of [rev1, rev2]) {
    await submitScores(rev, fundedId, { c1: { score: 5, comment: 'A SECRET REVIEW COMMENT' } }, AFTER_CLOSE);
    await submitScores(rev, unfundedId, { c1: { score: 2, comment: 'Say what is new.' } }, AFTER_CLOSE);
  }
  expect(await confirmAwards(steward, roundId, AFTER_CLOSE)).toBe('ok');
});

const base: AwardLetter = {
  applicationId: 'abcdefgh1234',
  reference: 'NOMI-SF-ABCDEFGH',
  roundName: 'Spring seeds',
  projectTitle: 'Sewing circle',
  applicantName: 'Leila Ahmadi',
  coApplicantNames: ['Cosmin Pop'],
  hostOrgName: null,
  orgName: null,
  amount: 1000,
  asked: 1000,
  partial: false,
  budgetLines: [{ label: 'Fabric', amount: 600 }],
  conditions: CONDITIONS,
  confirmedAt: Date.UTC(2026, 11, 3, 12),
  acceptedAt: null,
  acceptedByName: null,
  locale: 'fa',
};

describe('the letter’s content', () => {
  it('names the grant, the project, the round, the budget and every condition, and says how to accept', async () => {
    const text = letterBlocks(await fixedT('en'), 'en', base).map((b) => b.text);
    expect(text[0]).toBe('Award letter');
    expect(text).toContain('To: Leila Ahmadi');
    expect(text).toContain('With: Cosmin Pop');
    expect(text.join('\n')).toContain('awards your project “Sewing circle” a grant of £1,000');
    expect(text.join('\n')).toContain('“Spring seeds”');
    expect(text).toContain('Fabric: £600');
    expect(text).toContain('Spend the grant by 31 March 2027.');
    expect(text).toContain('Tell the stewards before you change the budget by more than £100.');
    expect(text.join('\n')).toContain('Date: 3 December 2026');
    expect(text.join('\n')).toContain('choose “I accept this award”');
  });

  it('says when there are no extra conditions, and explains a partial grant', async () => {
    const text = letterBlocks(await fixedT('en'), 'en', { ...base, conditions: '  ', partial: true, amount: 700 }).map((b) => b.text).join('\n');
    expect(text).toContain('This round sets no extra conditions');
    expect(text).toContain('a grant of £700');
    expect(text).toContain('This is a partial grant: you asked for £1,000.');
  });

  it('is written in the applicant’s language, says an English copy follows, and records an acceptance', async () => {
    const fa = letterBlocks(await fixedT('fa'), 'fa', { ...base, acceptedAt: base.confirmedAt, acceptedByName: 'Leila Ahmadi' }, { englishFollows: true }).map((b) => b.text);
    expect(fa[0]).toBe('نامهٔ اعطای کمک‌هزینه');
    expect(fa).toContain('نسخهٔ انگلیسی این نامه در ادامه آمده است.');
    expect(fa.join('\n')).toContain('Leila Ahmadi');
    expect(fa.join('\n')).toContain('«Sewing circle»');
    expect(fa.join('\n')).toMatch(/در NOMI Workspace در .+ توسط Leila Ahmadi پذیرفته شد/);
    const copy = letterBlocks(await fixedT('en'), 'en', base, { englishCopy: true }).map((b) => b.text);
    expect(copy[0]).toBe('Award letter (English copy)');
  });
});

describe('hearing the decision', () => {
  it('every applicant is told in their own language: the funded to their letter, the others to their feedback', async () => {
    const [toLead] = await outbox(lead.email);
    expect(toLead!.subject).toBe('پروژهٔ شما «Sewing circle» تأمین مالی شد: نامهٔ اعطای کمک‌هزینه را بخوانید و بپذیرید');
    expect(toLead!.text_body).toContain(`/funds/applications/${fundedId}/award`);
    const [toCo] = await outbox(co.email);
    expect(toCo!.subject).toBe('Proiectul tău „Sewing circle” a primit finanțare: citește și acceptă scrisoarea de acordare');
    const [toUnfunded] = await outbox(unfunded.email);
    expect(toUnfunded!.subject).toBe('سیڈ فنڈ نے «Cricket club» پر فیصلہ کر لیا: پینل کی رائے پڑھیں');
    expect(toUnfunded!.text_body).toContain(`/funds/applications/${unfundedId}`);
    // Nothing from the review travels in the message, and nobody outside the application hears of it.
    expect(JSON.stringify(await db.selectFrom('notifications').select('params').where('kind', 'in', ['funding.awarded', 'funding.not_funded']).execute())).not.toMatch(/SECRET|Rahel|Bogdan/);
    expect(await outbox(outsider.email)).toEqual([]);
  });
});

describe('who gets the letter', () => {
  it('the lead applicant gets it in their language, with co-applicants and the round’s conditions, and nothing from the review', async () => {
    const { letter } = await awardLetter(lead, fundedId);
    expect(letter).toMatchObject({ locale: 'fa', amount: 1000, projectTitle: 'Sewing circle', applicantName: 'Leila Ahmadi', coApplicantNames: ['Cosmin Pop'], conditions: CONDITIONS, acceptedAt: null });
    expect(JSON.stringify(letter)).not.toMatch(/SECRET|Rahel|Bogdan/);
  });

  it('co-applicants and stewards may read it; reviewers, other members and an unfunded application get 404', async () => {
    expect(await status(() => awardLetter(co, fundedId))).toBe('ok');
    expect(await status(() => awardLetter(steward, fundedId))).toBe('ok');
    expect(await status(() => awardLetter(rev1, fundedId))).toBe(404);
    expect(await status(() => awardLetter(outsider, fundedId))).toBe(404);
    expect(await status(() => awardLetter(unfunded, fundedId))).toBe(404);
    expect(await status(() => awardLetter(unfunded, unfundedId))).toBe(404);
    expect(await status(() => awardLetter(steward, unfundedId))).toBe(404);
    expect(await status(() => awardLetter(lead, 'no-such-application'))).toBe(404);
  });
});

const pdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!pdftotext)('the PDF (read back with pdftotext)', () => {
  it('has the letter in Farsi, then the English copy on a new page, both with the conditions', async () => {
    const { letter } = await awardLetter(lead, fundedId);
    const pdf = await awardLetterPdf(letter);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-award-')), 'letter.pdf');
    fs.writeFileSync(file, pdf);
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const english = pages.findIndex((p) => p.includes('Award letter (English copy)'));
    expect(english).toBeGreaterThan(0);
    const farsi = pages.slice(0, english).join('\n');
    expect(farsi).toContain('شرایط');
    expect(farsi).toContain('Spend the grant by 31 March 2027.');
    const en = pages.slice(english).join('\n').replace(/\s+/g, ' ');
    expect(en).toContain('Dear Leila Ahmadi,');
    expect(en).toContain('a grant of £1,000');
    expect(en).toContain('Spend the grant by 31 March 2027.');
    expect(en).toContain(letter.reference);
  });

  it('is English only for an English-speaking applicant', async () => {
    const { letter } = await awardLetter(lead, fundedId);
    const pdf = await awardLetterPdf({ ...letter, locale: 'en' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-award-')), 'letter.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    expect(text).toContain('Award letter');
    expect(text).not.toContain('English copy');
  });
});

describe('accepting the award', () => {
  it('only the lead applicant accepts: co-applicants and stewards 403, reviewers and others 404, nothing written', async () => {
    expect(await status(() => acceptAward(co, fundedId))).toBe(403);
    expect(await status(() => acceptAward(steward, fundedId))).toBe(403);
    expect(await status(() => acceptAward(rev1, fundedId))).toBe(404);
    expect(await status(() => acceptAward(outsider, fundedId))).toBe(404);
    const row = await db.selectFrom('fund_awards').select(['accepted_at', 'accepted_by']).where('application_id', '=', fundedId).executeTakeFirstOrThrow();
    expect(row).toEqual({ accepted_at: null, accepted_by: null });
  });

  it('only for an award: an unfunded applicant has nothing to accept (404)', async () => {
    expect(await status(() => acceptAward(unfunded, unfundedId))).toBe(404);
    expect(await db.selectFrom('fund_awards').select('application_id').where('application_id', '=', unfundedId).execute()).toEqual([]);
  });

  it('records the time and who accepted, once: a second press keeps the first time', async () => {
    const t1 = Date.UTC(2026, 11, 4, 9, 30);
    expect(await acceptAward(lead, fundedId, t1)).toBe('ok');
    expect(await acceptAward(lead, fundedId, t1 + HOUR)).toBe('already-accepted');
    const row = await db.selectFrom('fund_awards').select(['accepted_at', 'accepted_by']).where('application_id', '=', fundedId).executeTakeFirstOrThrow();
    expect(row).toEqual({ accepted_at: t1, accepted_by: lead.id });
    const { letter, subject } = await awardLetter(co, fundedId);
    expect(letter).toMatchObject({ acceptedAt: t1, acceptedByName: 'Leila Ahmadi' });
    expect(subject.accepted).toBe(true);
  });

  it('two presses at the same moment record one acceptance', async () => {
    await db.updateTable('fund_awards').set({ accepted_at: null, accepted_by: null }).where('application_id', '=', fundedId).execute();
    const results = await Promise.all([acceptAward(lead, fundedId, 1), acceptAward(lead, fundedId, 2)]);
    expect(results.sort()).toEqual(['already-accepted', 'ok']);
  });

  it('stewards see who accepted; panel members and applicants are refused (403)', async () => {
    const round = (await getRound(steward, roundId))!;
    const list = await acceptances(steward, round, await reviewSubject(steward, round));
    expect(list).toEqual([{ applicationId: fundedId, title: 'Sewing circle', leadName: 'Leila Ahmadi', amount: 1000, acceptedAt: expect.any(Number) }]);
    for (const who of [rev1, lead, outsider]) expect(await status(async () => acceptances(who, round, await reviewSubject(who, round)))).toBe(403);
  });
});
