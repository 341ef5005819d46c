/**
 * The partner writes that used to decide access themselves (adding partners, the funding-call switch,
 * an organisation's own entry and name, answering an organisation's invitation) now ask
 * ~/policies/bids first: a partner who is not a lead gets 403, someone outside the bid — a steward
 * included — 404 (the bid's existence is private), and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { addOrgPartner, addPartner, createBid, listPartners, setShowName, setShowOnNotice, updateOrgEntry } from './bids.server';

const DAY = 24 * 60 * 60_000;

async function setup() {
  const lead = await makeMember({ name: 'Lead Person' });
  const partner = await makeMember();
  const outsider = await makeMember();
  const steward = await makeMember({ role: 'steward' });
  const id = await createBid(
    { title: 'Partner write checks', funder: 'F', deadline: Date.now() + 30 * DAY, amount: 1000_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'blank' },
    lead,
    'en',
  );
  await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, lead);
  return { id, lead, partner, outsider, steward };
}

const status = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 'allowed';
};

describe('partner writes authorize the actor first', () => {
  it('adding a member or an organisation: leads only (partner 403, outsider and steward 404), nothing written', async () => {
    const { id, partner, outsider, steward } = await setup();
    const newcomer = await makeMember();
    const before = (await listPartners(id)).length;
    for (const [who, expected] of [[partner, 403], [outsider, 404], [steward, 404]] as const) {
      expect(await status(addPartner(id, { userId: newcomer.id, role: 'partner', budgetShare: 0 }, who))).toBe(expected);
      expect(await status(addOrgPartner(id, { orgId: 'any', role: 'partner', budgetShare: 0 }, who))).toBe(expected);
    }
    expect((await listPartners(id)).length).toBe(before);
  });

  it('the funding-call switch: leads only; a partner 403 and an outsider 404 leave it off', async () => {
    const { id, lead, partner, outsider } = await setup();
    expect(await status(setShowOnNotice(partner, id, true))).toBe(403);
    expect(await status(setShowOnNotice(outsider, id, true))).toBe(404);
    expect((await db.selectFrom('bids').select('show_on_notice').where('id', '=', id).executeTakeFirstOrThrow()).show_on_notice).toBe(0);
    expect(await status(setShowOnNotice(lead, id, true))).toBe('allowed');
  });

  it("a partner's own name and an organisation's own entry: an outsider gets 404, another partner is refused", async () => {
    const { id, lead, partner, outsider } = await setup();
    const own = (await listPartners(id)).find((p) => p.user_id === partner.id)!.id;
    expect(await status(setShowName(outsider, id, own, true))).toBe(404);
    expect(await status(updateOrgEntry(outsider, id, own, 'x'))).toBe(404);
    expect(await setShowName(lead, id, own, true)).toBe(false);
    expect(await setShowName(partner, id, own, true)).toBe(true);
  });
});
