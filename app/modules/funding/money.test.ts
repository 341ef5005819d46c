import { describe, expect, it } from 'vitest';
import { checkPayment, committed, potLedger, type LedgerRound } from './money';

const award = { awarded: 2000, paid: 1500, hasHost: false };
const pay = (over: Partial<Parameters<typeof checkPayment>[1]> = {}) => ({ amount: 500, paidOn: '2026-11-30', reference: 'BACS 0042', paidTo: 'grantee' as const, ...over });

describe('recording a payment', () => {
  it('accepts paying exactly what is left', () => {
    expect(checkPayment(award, pay(), '2026-12-03')).toEqual([]);
  });
  it('refuses to pay a pound more than the award (overpay)', () => {
    expect(checkPayment(award, pay({ amount: 501 }), '2026-12-03')).toEqual([{ field: 'amount', error: 'overpaid' }]);
  });
  it('says an award is already fully paid', () => {
    expect(checkPayment({ ...award, paid: 2000 }, pay({ amount: 1 }), '2026-12-03')).toEqual([{ field: 'amount', error: 'fully-paid' }]);
  });
  it('wants whole pounds above zero, a real past date and a reference', () => {
    expect(checkPayment(award, pay({ amount: 0, paidOn: '2026-02-30', reference: '  ' }), '2026-12-03').map((p) => p.error)).toEqual(['whole', 'date', 'required']);
    expect(checkPayment(award, pay({ amount: 10.5 }), '2026-12-03')[0]).toEqual({ field: 'amount', error: 'whole' });
    expect(checkPayment(award, pay({ paidOn: '2026-12-04' }), '2026-12-03')).toEqual([{ field: 'paidOn', error: 'future-date' }]);
  });
  it('pays a host organisation only when the grant has one', () => {
    expect(checkPayment(award, pay({ paidTo: 'host' }), '2026-12-03')).toEqual([{ field: 'paidTo', error: 'no-host' }]);
    expect(checkPayment({ ...award, hasHost: true }, pay({ paidTo: 'host' }), '2026-12-03')).toEqual([]);
  });
});

describe('what is left rolls over to the next round', () => {
  const round = (id: string, opensAt: number, pot: number, decided: boolean, c: number): LedgerRound => ({ id, name: id, pot, opensAt, createdAt: opensAt, decided, committed: c });

  it('carries a decided round’s leftover into the next round by opening date, and chains it on', () => {
    const l = potLedger([round('c', 300, 4000, false, 0), round('a', 100, 10_000, true, 8_500), round('b', 200, 3_000, true, 4_000)]);
    expect(l.get('a')).toMatchObject({ carriedIn: null, available: 10_000, left: 1_500, rollsTo: { id: 'b' } });
    expect(l.get('b')).toMatchObject({ carriedIn: { fromId: 'a', amount: 1_500 }, available: 4_500, left: 500, rollsTo: { id: 'c' } });
    expect(l.get('c')).toMatchObject({ carriedIn: { fromId: 'b', amount: 500 }, available: 4_500, left: null, rollsTo: null });
  });
  it('passes nothing on from a round that is not decided yet', () => {
    const l = potLedger([round('a', 100, 5000, false, 0), round('b', 200, 3000, false, 0)]);
    expect(l.get('b')!.carriedIn).toBeNull();
  });
  it('an award that closed early commits only what was paid, so the rest goes back to the pot', () => {
    expect(committed({ amount: 2000, paid: 600, stoppedEarly: true })).toBe(600);
    expect(committed({ amount: 2000, paid: 600, stoppedEarly: false })).toBe(2000);
  });
  it('a fully spent pot carries nothing', () => {
    const l = potLedger([round('a', 100, 5000, true, 5000), round('b', 200, 3000, false, 0)]);
    expect(l.get('a')!.left).toBe(0);
    expect(l.get('b')!.carriedIn).toBeNull();
  });
});
