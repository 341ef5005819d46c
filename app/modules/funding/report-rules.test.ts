import { describe, expect, it } from 'vitest';
import { reminderTimes, reportProblems, type ReportInput } from './report-rules';

const lines = [{ label: 'Room hire', amount: 600 }, { label: 'Materials', amount: 400 }];
const ctx = { budgetLines: lines, awarded: 1000, paid: 1000, photos: 1, receipts: 2 };
const full: ReportInput = {
  stoppedEarly: false,
  happened: 'Twelve sessions ran; we added two in half term.',
  hasMedia: false,
  peopleReached: 40,
  breakdown: [{ label: 'Children', count: 25 }],
  breakdownConsent: true,
  changeMade: 'Parents now meet each other every week.',
  quote: '“My son reads to me now.”',
  spend: [{ line: 0, spent: 650 }, { line: 1, spent: 350 }],
  didNotWork: 'Evening sessions: nobody came in winter.',
  learned: '',
};
const errors = (kind: 'mid' | 'end', r: Partial<ReportInput>, c: Partial<typeof ctx> = {}, submit = true) => reportProblems(kind, { ...full, ...r }, { ...ctx, ...c }, submit).map((p) => `${p.field}:${p.error}`);

describe('report rules', () => {
  it('accepts a complete end report whose spend accounts for every pound paid', () => {
    expect(errors('end', {})).toEqual([]);
  });
  it('refuses an end report whose spend does not match what was paid', () => {
    const p = reportProblems('end', { ...full, spend: [{ line: 0, spent: 600 }, { line: 1, spent: 300 }] }, ctx, true);
    expect(p).toEqual([{ field: 'spend', error: 'spend-not-matching', values: { spent: 900, paid: 1000 } }]);
  });
  it('refuses spend on a budget line the application never had (also in a draft)', () => {
    expect(errors('end', { spend: [{ line: 0, spent: 500 }, { line: 5, spent: 500 }] }, {}, false)).toContain('spend:unknown-line');
    expect(errors('end', { spend: [{ line: 0, spent: 500 }, { line: 0, spent: 500 }] }, {}, false)).toContain('spend:unknown-line');
  });
  it('at mid-point only money received can have been spent', () => {
    expect(errors('mid', { spend: [{ line: 0, spent: 700 }] }, { paid: 500 })).toContain('spend:spend-more-than-paid');
    expect(errors('mid', { spend: [{ line: 0, spent: 400 }], didNotWork: '' }, { paid: 500 })).toEqual([]);
  });
  it('a breakdown is only given where the people counted agreed, and never adds up to more than were reached', () => {
    expect(errors('end', { breakdownConsent: false }, {}, false)).toEqual(['breakdownConsent:breakdown-consent']);
    expect(errors('end', { breakdown: [{ label: 'Children', count: 41 }] })).toEqual(['breakdown:breakdown-too-many']);
    expect(errors('end', { breakdown: [], breakdownConsent: false })).toEqual([]);
  });
  it('up to three photos', () => {
    expect(errors('end', {}, { photos: 4 }, false)).toEqual(['photos:too-many-photos']);
    expect(errors('end', {}, { photos: 3 })).toEqual([]);
  });
  it('spending needs receipts', () => {
    expect(errors('end', {}, { receipts: 0 })).toEqual(['receipts:receipts-required']);
  });
  it('asks for what happened (written or recorded), people reached and one change', () => {
    expect(errors('mid', { happened: '', peopleReached: null, changeMade: ' ' })).toEqual(['happened:required', 'peopleReached:required', 'changeMade:required']);
    expect(errors('mid', { happened: '', hasMedia: true })).toEqual([]);
  });
  it('a project that stopped early closes with what was learned — nothing else is demanded', () => {
    const early = { stoppedEarly: true, happened: '', peopleReached: null, changeMade: '', didNotWork: '', spend: [{ line: 0, spent: 300 }] };
    expect(errors('end', { ...early, learned: '' }, { paid: 500 })).toEqual(['learned:required']);
    expect(errors('end', { ...early, learned: 'The hall closed; we learned to book two venues.' }, { paid: 500 })).toEqual([]);
    expect(errors('end', { ...early, learned: 'x', spend: [{ line: 0, spent: 600 }] }, { paid: 500 })).toContain('spend:spend-more-than-paid');
    expect(errors('mid', { ...early, learned: 'x' }, { paid: 500 }, false)).toContain('stoppedEarly:not-end');
  });
  it('reminds a week before and on the day, never in the past', () => {
    const due = '2027-03-10';
    expect(reminderTimes(due, Date.parse('2027-01-01T00:00:00Z')).map((r) => [r.stage, new Date(r.at).toISOString()])).toEqual([
      ['soon', '2027-03-03T08:00:00.000Z'],
      ['due', '2027-03-10T08:00:00.000Z'],
    ]);
    expect(reminderTimes(due, Date.parse('2027-03-05T00:00:00Z')).map((r) => r.stage)).toEqual(['due']);
  });
});
