import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema, RoundSchema } from './funding.schema';

function form(entries: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
}

describe('application form input', () => {
  it('a 10,000-character answer gets a "too long" message on its field, not a 500', () => {
    const s = parseWithZod(form({ intent: 'save', 'answers.q1': 'x'.repeat(10_000) }), { schema: ApplicationSchema });
    expect(s.status).toBe('error');
    expect(s.reply().error?.['answers.q1']).toEqual(['common.validation.tooLong']);
  });

  it('an amount in pence or with letters is refused with a clear message', () => {
    for (const amount of ['12.50', '2k', '-5']) {
      const s = parseWithZod(form({ intent: 'save', amount }), { schema: ApplicationSchema });
      expect(s.reply().error?.amount).toEqual(['funding.errors.whole']);
    }
    const ok = parseWithZod(form({ intent: 'save', amount: '£2,500' }), { schema: ApplicationSchema });
    expect(ok.status === 'success' && ok.value.amount).toBe(2500);
  });

  it('a hand-made POST with an unknown intent is refused', () => {
    expect(parseWithZod(form({ intent: 'approve-myself' }), { schema: ApplicationSchema }).status).toBe('error');
  });
});

describe('round form input', () => {
  it('needs whole pounds and real dates', () => {
    const s = parseWithZod(form({ name: 'R', description: 'D', pot: 'lots', minGrant: '1', maxGrant: '2', opensOn: 'soon', closesOn: '2027-01-01', decisionMethod: 'panel' }), { schema: RoundSchema });
    const e = s.reply().error ?? {};
    expect(e.pot).toEqual(['funding.errors.whole']);
    expect(e.opensOn).toEqual(['funding.errors.date']);
  });
});
