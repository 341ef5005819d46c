/**
 * Every bid write function authorizes the actor itself (~/policies/bids), as `removePartner` does:
 * a route that forgot `bidContext(…, need)` still could not change a bid for the wrong member. A
 * reviewer (who can see the bid) is refused with 403, someone who is not a partner — a steward
 * included — with 404 (the bid's existence is private), and nothing is written either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { tmpDir, type PendingUpload } from '~/modules/uploads/uploads.server';
import { acceptAttachment } from './attachments.server';
import {
  addPartner,
  addSection,
  addTask,
  changeStatus,
  createBid,
  deleteSection,
  deleteTask,
  listPartners,
  listSections,
  listTasks,
  moveSection,
  recordOutcome,
  setBudget,
  setTaskDone,
  updateBidDetails,
  updateSection,
} from './bids.server';

const DAY = 24 * 60 * 60_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function setup() {
  const lead = await makeMember({ name: 'Lead Person' });
  const partner = await makeMember();
  const reviewer = await makeMember();
  const outsider = await makeMember();
  const steward = await makeMember({ role: 'steward' });
  const id = await createBid(
    { title: 'Write checks', funder: 'F', deadline: Date.now() + 30 * DAY, amount: 1000_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'blank' },
    lead,
    'en',
  );
  await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, lead);
  await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, lead);
  return { id, lead, partner, reviewer, outsider, steward };
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

describe('bid write functions authorize the actor first', () => {
  it('sections and tasks: leads and partners; a reviewer gets 403, an outsider or steward 404; nothing changes', async () => {
    const { id, lead, partner, reviewer, outsider, steward } = await setup();
    const section = await addSection(partner, id, { title: 'Need', wordLimit: null });
    const task = await addTask(lead, id, { title: 'Bank details', dueOn: null });
    for (const [who, expected] of [[reviewer, 403], [outsider, 404], [steward, 404]] as const) {
      expect(await status(addSection(who, id, { title: 'Mine', wordLimit: null }))).toBe(expected);
      expect(await status(updateSection(who, id, section, { title: 'Renamed', wordLimit: 5 }))).toBe(expected);
      expect(await status(moveSection(who, id, section, 'up'))).toBe(expected);
      expect(await status(deleteSection(who, id, section))).toBe(expected);
      expect(await status(addTask({ ...who, name: 'X' }, id, { title: 'Sneaky', dueOn: null }))).toBe(expected);
      expect(await status(setTaskDone(who, id, task, true))).toBe(expected);
      expect(await status(deleteTask(who, id, task))).toBe(expected);
    }
    expect((await listSections(id)).map((s) => [s.id, s.title, s.word_limit])).toEqual([[section, 'Need', null]]);
    expect((await listTasks(id)).map((t) => [t.id, t.done_at])).toEqual([[task, null]]);
  });

  it('budget, details, status and outcome: leads only; a partner gets 403; nothing changes', async () => {
    const { id, lead, partner, reviewer, outsider } = await setup();
    const leadRow = (await listPartners(id)).find((p) => p.user_id === lead.id)!;
    const before = await db.selectFrom('bids').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const [who, expected] of [[partner, 403], [reviewer, 403], [outsider, 404]] as const) {
      expect(await status(setBudget(who, id, { [leadRow.id]: 1000_00 }))).toBe(expected);
      expect(await status(updateBidDetails(who, id, { title: 'Taken over', funder: 'F', deadline: before.deadline, amount: 1000_00, currency: 'GBP', themes: [], skillsNeeded: [] }))).toBe(expected);
      expect(await status(changeStatus(who, id, 'withdrawn'))).toBe(expected);
      expect(await status(recordOutcome(who, id, { result: 'awarded', awardedAmount: 1000_00, decidedOn: Date.now() }))).toBe(expected);
    }
    expect(await db.selectFrom('bids').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
    expect((await listPartners(id)).find((p) => p.user_id === lead.id)!.budget_share).toBe(0);
    await setBudget(lead, id, { [leadRow.id]: 1000_00 });
    expect(await changeStatus(lead, id, 'drafting')).toBe(true);
  });

  it('a refused upload is removed from the temporary folder and nothing is stored', async () => {
    const { id, reviewer } = await setup();
    fs.mkdirSync(tmpDir(), { recursive: true });
    const tmp = path.join(tmpDir(), newId());
    fs.writeFileSync(tmp, PDF);
    const upload: PendingUpload = { field: 'file', name: 'letter.pdf', size: PDF.length, tmpPath: tmp, problem: null, maxBytes: 20 * 1024 * 1024 };
    expect(await status(acceptAttachment(reviewer, id, [upload]))).toBe(403);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(await db.selectFrom('bid_attachments').select('id').where('bid_id', '=', id).execute()).toEqual([]);
  });
});
