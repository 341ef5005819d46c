import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { decidedGrant } from './grants.test-helpers';
import { availablePot, paymentsOf, recordPayment, removePayment, roundMoney } from './money.server';
import { saveReport } from './reports.server';

type Who = Awaited<ReturnType<typeof makeMember>>;
let steward: Who, grantee: Who, other: Who;
const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const pay = (amount: number, over: Partial<{ paidOn: string; reference: string; paidTo: 'grantee' | 'host' }> = {}) => ({ amount, paidOn: today, reference: 'BACS 1', paidTo: 'grantee' as const, ...over });

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
  grantee = await makeMember({ name: 'Grantee' });
  other = await makeMember({ name: 'Someone else' });
});

describe('payments against an award', () => {
  it('records payments up to the award and refuses to overpay, writing nothing', async () => {
    const { appId } = await decidedGrant({ steward, lead: grantee, awarded: 1_000 });
    expect(await recordPayment(steward, appId, pay(600))).toEqual({ ok: true });
    const over = await recordPayment(steward, appId, pay(401));
    expect(over).toEqual({ ok: false, problems: [{ field: 'amount', error: 'overpaid' }], left: 400 });
    expect(await recordPayment(steward, appId, pay(400))).toEqual({ ok: true });
    expect(await recordPayment(steward, appId, pay(1))).toMatchObject({ ok: false, problems: [{ error: 'fully-paid' }] });
    expect((await paymentsOf(appId)).map((p) => p.amount)).toEqual([600, 400]);
  });

  it('two stewards recording at once cannot together pay more than the award', async () => {
    const { appId } = await decidedGrant({ steward, lead: grantee, awarded: 1_000 });
    const results = await Promise.all([recordPayment(steward, appId, pay(700, { reference: 'A' })), recordPayment(steward, appId, pay(700, { reference: 'B' }))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await paymentsOf(appId)).reduce((s, p) => s + p.amount, 0)).toBe(700);
  });

  it('pays the host organisation only for a group that has one', async () => {
    const orgId = newId();
    await db.insertInto('organisations').values({ id: orgId, slug: `host-${orgId}`, name: 'Host Trust', description: '', city: 'birmingham', legal_form: 'charity', created_by: steward.id, created_at: Date.now(), updated_at: Date.now() } as never).execute();
    const hosted = await decidedGrant({ steward, lead: grantee, hostOrgId: orgId });
    expect(await recordPayment(steward, hosted.appId, pay(100, { paidTo: 'host' }))).toEqual({ ok: true });
    expect((await paymentsOf(hosted.appId))[0]).toMatchObject({ paidTo: 'host', hostName: 'Host Trust' });
    const plain = await decidedGrant({ steward, lead: grantee });
    expect(await recordPayment(steward, plain.appId, pay(100, { paidTo: 'host' }))).toMatchObject({ ok: false, problems: [{ field: 'paidTo', error: 'no-host' }] });
  });

  it('only stewards record or remove payments: the grantee is refused (403), anyone else does not see the grant (404)', async () => {
    const { appId } = await decidedGrant({ steward, lead: grantee });
    expect(await status(() => recordPayment(grantee, appId, pay(10)))).toBe(403);
    expect(await status(() => recordPayment(other, appId, pay(10)))).toBe(404);
    await recordPayment(steward, appId, pay(10));
    const [p] = await paymentsOf(appId);
    expect(await status(() => removePayment(grantee, appId, p!.id))).toBe(403);
    expect(await paymentsOf(appId)).toHaveLength(1);
    expect(await removePayment(steward, appId, p!.id)).toBe(true);
    expect(await paymentsOf(appId)).toHaveLength(0);
  });
});

describe('what a closed round leaves rolls over to the next round', () => {
  it('shows the leftover on the next round, and a grant closed early returns what was not paid', async () => {
    const base = Date.now() + 1000 * DAY; // after every other round in this file
    const first = await decidedGrant({ steward, lead: grantee, pot: 5_000, awarded: 3_000, opensAt: base, name: 'Spring' });
    const next = await decidedGrant({ steward, lead: other, pot: 2_000, awarded: 2_500, opensAt: base + 100 * DAY, name: 'Autumn' });
    await db.updateTable('fund_rounds').set({ status: 'open' }).where('id', '=', next.roundId).execute();
    // Earlier rounds in this file left money too: it flows into Spring first (the chain is tested in money.test.ts).
    const before = (await roundMoney(first.roundId)).carriedIn?.amount ?? 0;
    expect(await roundMoney(first.roundId)).toMatchObject({ pot: 5_000, available: 5_000 + before, left: 2_000 + before, rollsTo: { id: next.roundId, name: 'Autumn' } });
    expect(await roundMoney(next.roundId)).toMatchObject({ pot: 2_000, carriedIn: { fromId: first.roundId, fromName: 'Spring', amount: 2_000 + before }, available: 4_000 + before, left: null });
    expect(await availablePot(next.roundId)).toBe(4_000 + before);

    // The first grant stops early after £1,000 was paid: the other £2,000 goes back to the pot and on.
    await recordPayment(steward, first.appId, pay(1_000));
    const r = await saveReport(
      grantee,
      first.appId,
      'end',
      { stoppedEarly: true, learned: 'The venue closed.', happened: '', hasMedia: false, peopleReached: null, breakdown: [], breakdownConsent: false, changeMade: '', quote: '', spend: [], didNotWork: '', photoConsent: false, removeFileIds: [], removeMedia: false },
      { media: null, photos: [], receipts: [] },
      { submit: true },
    );
    expect(r).toEqual({ ok: true, submitted: true });
    expect((await roundMoney(first.roundId)).left).toBe(4_000 + before);
    expect(await availablePot(next.roundId)).toBe(6_000 + before);
  });
});
