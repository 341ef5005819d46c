import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { documentAccess, documentForSubject, storeState } from '~/modules/collab/documents.server';
import '~/modules/collab/access-registry.server';
import { resolveOutline } from '~/modules/collab/access.server';
import { runDueJobs } from '~/modules/jobs/scheduler.server';
import { bidRole } from './access.server';
import {
  BidInputError,
  addPartner,
  addTask,
  setTaskDone,
  addSection,
  changeStatus,
  createBid,
  deleteSection,
  deleteSectionWithText,
  listPartners,
  listSections,
  moveSection,
  recordOutcome,
  removePartner,
  setBudget,
  statusHistory,
  updateBidDetails,
} from './bids.server';
import { bidDocumentAccess } from './collab-access.server';
import { NewBidSchema, SectionSchema } from './bids.schema';
import { fromLondonInput, parseMoney, sectionField, toLondonInput } from './constants';
import { registerBidJobs, scheduleDeadlineReminders, sectionsOverLimit } from './reminders.server';
import { sectionTexts } from './document.server';

const DAY = 24 * 60 * 60_000;

function details(over: Partial<Parameters<typeof createBid>[0]> = {}) {
  return {
    title: 'Safe homes, strong voices',
    funder: 'The National Lottery Community Fund',
    deadline: Date.now() + 30 * DAY,
    amount: 10_000_00,
    currency: 'GBP' as const,
    themes: ['housing'],
    skillsNeeded: ['budgeting'],
    template: 'awards-for-all',
    ...over,
  };
}

async function newBid(over: Partial<Parameters<typeof createBid>[0]> = {}) {
  const lead = await makeMember({ name: 'Lead Person' });
  const id = await createBid(details(over), lead, 'en');
  return { id, lead };
}

async function writeSection(bidId: string, sectionId: string, text: string) {
  const doc = await documentForSubject('bid', bidId);
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment(sectionField(sectionId));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(0, [paragraph]);
  await storeState(doc!.id, Y.encodeStateAsUpdate(ydoc), []);
}

describe('templates', () => {
  it('creates the funder template sections with their word limits, in order, plus the document', async () => {
    const { id, lead } = await newBid();
    const sections = await listSections(id);
    expect(sections.map((s) => [s.title, s.word_limit])).toEqual([
      ['Project summary', 100],
      ['Why your project is needed', 300],
      ['What you will do (activities)', 400],
      ['The difference your project will make', 300],
      ['Who will benefit', 200],
      ['Budget', 150],
    ]);
    const doc = await documentForSubject('bid', id);
    expect(doc).not.toBeNull();
    const bid = await db.selectFrom('bids').select(['document_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(bid.document_id).toBe(doc!.id);
    expect(await bidRole(id, lead.id)).toBe('lead');
  });

  it('a blank bid has no sections; an unknown template is refused and nothing is written', async () => {
    const { id } = await newBid({ template: 'blank' });
    expect(await listSections(id)).toEqual([]);
    const before = await db.selectFrom('bids').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const lead = await makeMember();
    await expect(createBid(details({ template: 'nope' }), lead, 'en')).rejects.toBeInstanceOf(BidInputError);
    const after = await db.selectFrom('bids').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('section titles are written in the creator’s language', async () => {
    const lead = await makeMember({ locale: 'pl' });
    const id = await createBid(details(), lead, 'pl');
    const sections = await listSections(id);
    expect(sections).toHaveLength(6);
    expect(sections[0]!.title).not.toBe('Project summary');
  });
});

describe('validation', () => {
  const form = (over: Record<string, string>) => {
    const fd = new FormData();
    const base: Record<string, string> = {
      title: 'Bid',
      funder: 'Funder',
      deadline: toLondonInput(Date.now() + 10 * DAY),
      amount: '5000',
      currency: 'GBP',
      template: 'blank',
      ...over,
    };
    for (const [k, v] of Object.entries(base)) fd.set(k, v);
    return Object.fromEntries(fd);
  };
  it('refuses a deadline in the past on creation', () => {
    const r = NewBidSchema.safeParse(form({ deadline: toLondonInput(Date.now() - DAY) }));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('bids.validation.deadlinePast');
    expect(NewBidSchema.safeParse(form({})).success).toBe(true);
  });
  it('refuses a word limit of 0 or below, accepts none or a positive number', () => {
    for (const wordLimit of ['0', '-5', '2.5', 'abc']) {
      const r = SectionSchema.safeParse({ title: 'Need', wordLimit });
      expect(r.success, wordLimit).toBe(false);
      expect(r.error!.issues[0]!.message).toBe('bids.validation.wordLimit');
    }
    expect(SectionSchema.parse({ title: 'Need', wordLimit: '' }).wordLimit).toBeNull();
    expect(SectionSchema.parse({ title: 'Need', wordLimit: '250' }).wordLimit).toBe(250);
  });
  it('reads money exactly in minor units', () => {
    expect(parseMoney('9,500.50')).toBe(950050);
    expect(parseMoney('£1 200')).toBe(120000);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('-3')).toBeNull();
    expect(parseMoney('1.234')).toBeNull();
  });
  it('reads deadlines as UK time, in winter and in summer', () => {
    expect(fromLondonInput('2027-01-15T17:00')).toBe(Date.UTC(2027, 0, 15, 17));
    expect(fromLondonInput('2027-07-15T17:00')).toBe(Date.UTC(2027, 6, 15, 16));
    expect(fromLondonInput('2027-02-30T10:00')).toBeNull();
    expect(toLondonInput(Date.UTC(2027, 6, 15, 16))).toBe('2027-07-15T17:00');
  });
});

describe('access rules', () => {
  it('partners edit, reviewers comment, everyone else (stewards included) gets nothing', async () => {
    const { id, lead } = await newBid();
    const partner = await makeMember();
    const reviewer = await makeMember();
    const outsider = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, lead);
    await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, lead);
    expect(await bidDocumentAccess(id, lead.id)).toBe('edit');
    expect(await bidDocumentAccess(id, partner.id)).toBe('edit');
    expect(await bidDocumentAccess(id, reviewer.id)).toBe('comment');
    expect(await bidDocumentAccess(id, outsider.id)).toBeNull();
    expect(await bidDocumentAccess(id, steward.id)).toBeNull();
    // The collab module asks the same resolver through its registry.
    const doc = await documentForSubject('bid', id);
    expect(await documentAccess(doc!.id, reviewer.id)).toBe('comment');
    expect(await documentAccess(doc!.id, steward.id)).toBeNull();
    expect(await documentAccess(doc!.id, partner.id)).toBe('edit');
    // A suspended partner loses access at once.
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', partner.id).execute();
    expect(await bidDocumentAccess(id, partner.id)).toBeNull();
    // Removing a partner takes their access away.
    const reviewerRow = (await listPartners(id)).find((p) => p.user_id === reviewer.id)!;
    await removePartner({ id: lead.id, role: 'member' }, id, reviewerRow.id);
    expect(await documentAccess(doc!.id, reviewer.id)).toBeNull();
  });

  it('the outline lists the sections in order as fields with their titles', async () => {
    const { id, lead } = await newBid({ template: 'blank' });
    const a = await addSection(lead, id, { title: 'First', wordLimit: null });
    const b = await addSection(lead, id, { title: 'Second', wordLimit: 50 });
    await moveSection(lead, id, b, 'up');
    expect(await resolveOutline('bid', id)).toEqual([
      { name: `section-${b}`, heading: 'Second' },
      { name: `section-${a}`, heading: 'First' },
    ]);
    await deleteSection(lead, id, a);
    expect((await resolveOutline('bid', id)).map((f) => f.heading)).toEqual(['Second']);
  });

  it('deleting a section whose row cannot be deleted keeps its text; a deleted section’s text is kept in a named version', async () => {
    const { id, lead } = await newBid({ template: 'blank' });
    const bid = await db.selectFrom('bids').select(['id', 'document_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const s = await addSection(lead, id, { title: 'Budget notes', wordLimit: null });
    await writeSection(id, s, 'Our careful budget reasoning');
    const text = async () => (await sectionTexts(bid.document_id, [s]))[0]!.text;
    await sql`create trigger bid_sections_no_delete before delete on bid_sections begin select raise(abort, 'disk full'); end`.execute(db);
    try {
      await expect(deleteSectionWithText({ ...lead, locale: 'en' }, bid, s)).rejects.toThrow();
    } finally {
      await sql`drop trigger bid_sections_no_delete`.execute(db);
    }
    expect((await listSections(id)).map((x) => x.id)).toEqual([s]);
    expect(await text()).toBe('Our careful budget reasoning');

    // Another bid's section is not touched.
    const other = await newBid({ template: 'blank' });
    expect(await deleteSectionWithText(other.lead, { id: other.id, document_id: bid.document_id }, s)).toBe(false);
    expect(await text()).toBe('Our careful budget reasoning');

    expect(await deleteSectionWithText({ ...lead, locale: 'en' }, bid, s)).toBe(true);
    expect(await listSections(id)).toEqual([]);
    expect(await text()).toBe('');
    const named = await db.selectFrom('collab_snapshots').select('name').where('document_id', '=', bid.document_id!).where('reason', '=', 'named').execute();
    expect(named.map((n) => n.name)).toContain('Before deleting the section “Budget notes”');
  });

  it('removing a partner gives their tasks back to “anyone” in the same step', async () => {
    const { id, lead } = await newBid();
    const partner = await makeMember({ name: 'Task Holder' });
    await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Lead Person' });
    const task = await addTask(lead, id, { title: 'Draft the budget', assigneeId: partner.id, dueOn: null });
    const row = (await listPartners(id)).find((p) => p.user_id === partner.id)!;
    // If their tasks cannot be given back, the partner is not removed either.
    await sql`create trigger bid_tasks_no_update before update on bid_tasks begin select raise(abort, 'disk full'); end`.execute(db);
    try {
      await expect(removePartner({ id: lead.id, role: 'member' }, id, row.id)).rejects.toThrow();
    } finally {
      await sql`drop trigger bid_tasks_no_update`.execute(db);
    }
    expect((await listPartners(id)).map((p) => p.user_id)).toContain(partner.id);
    expect((await db.selectFrom('bid_tasks').select('assignee_id').where('id', '=', task).executeTakeFirstOrThrow()).assignee_id).toBe(partner.id);
    expect(await removePartner({ id: lead.id, role: 'member' }, id, row.id)).toBe(true);
    expect((await db.selectFrom('bid_tasks').select('assignee_id').where('id', '=', task).executeTakeFirstOrThrow()).assignee_id).toBeNull();
  });

  it('a bid cannot lose its last lead', async () => {
    const { id, lead } = await newBid();
    const leadRow = (await listPartners(id))[0]!;
    await expect(removePartner({ id: lead.id, role: 'member' }, id, leadRow.id)).rejects.toBeInstanceOf(BidInputError);
    expect(await listPartners(id)).toHaveLength(1);
  });

  it('only a lead removes partners: a partner is refused (403), an outsider and a steward see no bid (404); nothing changes', async () => {
    const { id, lead } = await newBid();
    const partner = await makeMember();
    const outsider = await makeMember();
    await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Lead Person' });
    const leadRow = (await listPartners(id)).find((p) => p.user_id === lead.id)!;
    await expect(removePartner({ id: partner.id, role: 'member' }, id, leadRow.id)).rejects.toMatchObject({ status: 403 });
    await expect(removePartner({ id: outsider.id, role: 'member' }, id, leadRow.id)).rejects.toMatchObject({ status: 404 });
    await expect(removePartner({ id: outsider.id, role: 'steward' }, id, leadRow.id)).rejects.toMatchObject({ status: 404 });
    expect(await listPartners(id)).toHaveLength(2);
  });
});

describe('budget', () => {
  it('refuses a partner share above what is left, writing nothing', async () => {
    const { id, lead } = await newBid({ amount: 1000_00 });
    const a = await makeMember();
    const b = await makeMember();
    await addPartner(id, { userId: a.id, role: 'partner', budgetShare: 700_00 }, lead);
    await expect(addPartner(id, { userId: b.id, role: 'partner', budgetShare: 400_00 }, lead)).rejects.toMatchObject({ field: 'budgetShare', message: 'bids.budget.overAmount' });
    expect(await bidRole(id, b.id)).toBeNull();
    await expect(addPartner(id, { userId: b.id, role: 'reviewer', budgetShare: 1 }, lead)).rejects.toMatchObject({ message: 'bids.budget.reviewerShare' });
  });

  it('shares must add up exactly to the amount requested; otherwise nothing is saved', async () => {
    const { id, lead } = await newBid({ amount: 1000_00 });
    const a = await makeMember();
    await addPartner(id, { userId: a.id, role: 'partner', budgetShare: 100_00 }, lead);
    const [leadRow, aRow] = await listPartners(id);
    await expect(setBudget(lead, id, { [leadRow!.id]: 500_00, [aRow!.id]: 400_00 })).rejects.toMatchObject({ message: 'bids.budget.under', values: { allocated: 900_00, remainder: 100_00 } });
    await expect(setBudget(lead, id, { [leadRow!.id]: 700_00, [aRow!.id]: 400_00 })).rejects.toMatchObject({ message: 'bids.budget.over', values: { remainder: 100_00 } });
    expect((await listPartners(id)).map((p) => p.budget_share)).toEqual([0, 100_00]);
    await setBudget(lead, id, { [leadRow!.id]: 600_00, [aRow!.id]: 400_00 });
    expect((await listPartners(id)).map((p) => p.budget_share)).toEqual([600_00, 400_00]);
  });

  it('reviewers cannot hold a share in the split', async () => {
    const { id, lead } = await newBid({ amount: 100_00 });
    const r = await makeMember();
    await addPartner(id, { userId: r.id, role: 'reviewer', budgetShare: 0 }, lead);
    const [leadRow, rRow] = await listPartners(id);
    await expect(setBudget(lead, id, { [leadRow!.id]: 50_00, [rRow!.id]: 50_00 })).rejects.toMatchObject({ message: 'bids.budget.reviewerShare' });
  });
});

describe('status history', () => {
  it('records each change with its date, once', async () => {
    const { id, lead } = await newBid();
    expect(await changeStatus(lead, id, 'drafting')).toBe(true);
    expect(await changeStatus(lead, id, 'drafting')).toBe(false);
    expect(await changeStatus(lead, id, 'in_review')).toBe(true);
    const history = await statusHistory(id);
    expect(history.map((h) => h.status)).toEqual(['in_review', 'drafting', 'idea']);
    expect(history.every((h) => h.changed_at > 0 && h.changed_by_name === 'Lead Person')).toBe(true);
  });

  it('an award records the outcome and adds a track-record entry to each partner organisation, once', async () => {
    const lead = await makeMember();
    const partner = await makeMember();
    const now = Date.now();
    const orgA = newId();
    const orgB = newId();
    for (const [org, user] of [
      [orgA, lead],
      [orgB, partner],
    ] as const) {
      await db
        .insertInto('organisations')
        .values({ id: org, slug: `org-${org}`, name: `Org ${org}`, description: '', city: null, legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: null, created_at: now, updated_at: now })
        .execute();
      await db.insertInto('organisation_members').values({ org_id: org, user_id: user.id, role: 'lead', created_at: now }).execute();
    }
    const id = await createBid(details({ leadOrgId: orgA }), lead, 'en');
    await addPartner(id, { userId: partner.id, orgId: orgB, role: 'partner', budgetShare: 0 }, lead);
    await recordOutcome(lead, id, { result: 'awarded', awardedAmount: 8000_00, decidedOn: now, feedback: 'Strong partnership' });
    await recordOutcome(lead, id, { result: 'awarded', awardedAmount: 8000_00, decidedOn: now, feedback: 'Strong partnership' });
    const grants = await db.selectFrom('org_grants').selectAll().where('org_id', 'in', [orgA, orgB]).execute();
    expect(grants).toHaveLength(2);
    expect(grants.every((g) => g.amount === 8000 && g.funder === 'The National Lottery Community Fund')).toBe(true);
    const bid = await db.selectFrom('bids').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([bid.status, bid.awarded_amount, bid.outcome_feedback]).toEqual(['awarded', 8000_00, 'Strong partnership']);
    expect((await statusHistory(id))[0]!.status).toBe('awarded');
  });

  it('a partner cannot claim an organisation they do not belong to', async () => {
    const { id, lead } = await newBid();
    const other = await makeMember();
    const now = Date.now();
    const org = newId();
    await db
      .insertInto('organisations')
      .values({ id: org, slug: `org-${org}`, name: 'Someone else', description: '', city: null, legal_form: 'cic', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: null, created_at: now, updated_at: now })
      .execute();
    await expect(addPartner(id, { userId: other.id, orgId: org, role: 'partner', budgetShare: 0 }, lead)).rejects.toMatchObject({ field: 'orgId' });
    await expect(createBid(details({ leadOrgId: org }), other, 'en')).rejects.toMatchObject({ field: 'leadOrgId' });
  });
});

describe('reminders', () => {
  it('deadline reminders are queued once however often they are scheduled', async () => {
    const { id } = await newBid({ deadline: Date.now() + 20 * DAY });
    const count = () => db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('unique_key', 'like', `bids:%:${id}:%`).executeTakeFirstOrThrow();
    expect(Number((await count()).n)).toBe(3);
    const bid = await db.selectFrom('bids').select('deadline').where('id', '=', id).executeTakeFirstOrThrow();
    expect(await scheduleDeadlineReminders(id, bid.deadline)).toBe(0);
    expect(await scheduleDeadlineReminders(id, bid.deadline)).toBe(0);
    expect(Number((await count()).n)).toBe(3);
  });

  it('skips reminders already in the past', async () => {
    const { id } = await newBid({ deadline: Date.now() + 3 * DAY });
    const jobs = await db.selectFrom('jobs').select('unique_key').where('unique_key', 'like', `bids:%:${id}:%`).execute();
    expect(jobs.map((j) => j.unique_key.split(':')[0] + ':' + j.unique_key.split(':')[1]).sort()).toEqual(['bids:deadline', 'bids:over-limit']);
  });

  it('reminds every partner, in-app and by email; a moved deadline cancels the old reminders', async () => {
    registerBidJobs();
    const start = Date.now();
    const { id, lead } = await newBid({ deadline: start + 10 * DAY });
    const partner = await makeMember();
    const reviewer = await makeMember();
    await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, lead);
    await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, lead);
    await db.deleteFrom('notifications').execute();
    // Move the deadline: the old 7-day reminder must not fire.
    const bid = await db.selectFrom('bids').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const moved = start + 12 * DAY;
    await updateBidDetails(lead, id, { title: bid.title, funder: bid.funder, deadline: moved, amount: bid.amount, currency: 'GBP', themes: [], skillsNeeded: [] });
    await runDueJobs(start + 3.5 * DAY);
    const mine = () => db.selectFrom('notifications').select(['user_id', 'params']).where('kind', '=', 'bids.deadline_soon').where('link', '=', `/bids/${id}`).execute();
    expect(await mine()).toHaveLength(0);
    await runDueJobs(moved - 7 * DAY + 1000);
    const sent = await mine();
    expect(sent.map((n) => n.user_id).sort()).toEqual([lead.id, partner.id, reviewer.id].sort());
    expect(JSON.parse(sent[0]!.params)).toMatchObject({ count: 7 });
    const mail = await db.selectFrom('outbox').select('subject').where('to_address', '=', partner.email).where('kind', '=', 'bids.deadline_soon').execute();
    expect(mail).toHaveLength(1);
    // Running again does not send again.
    await runDueJobs(moved - 7 * DAY + 2000);
    expect(await mine()).toHaveLength(3);
  });

  it('warns 2 days before when a section is over its limit, counting with the shared word counter', async () => {
    registerBidJobs();
    const start = Date.now();
    const { id, lead } = await newBid({ deadline: start + 5 * DAY, template: 'blank' });
    const s = await addSection(lead, id, { title: 'Need', wordLimit: 3 });
    await writeSection(id, s, 'Pięć słów jest tutaj naprawdę');
    const bid = await db.selectFrom('bids').select('document_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await sectionTexts(bid.document_id, [s]))[0]!.words).toBe(5);
    expect(await sectionsOverLimit(id, bid.document_id)).toEqual([{ title: 'Need', words: 5, limit: 3 }]);
    await db.deleteFrom('notifications').execute();
    await runDueJobs(start + 3 * DAY + 1000);
    const over = await db.selectFrom('notifications').select('params').where('kind', '=', 'bids.over_limit').where('link', '=', `/bids/${id}`).execute();
    expect(over).toHaveLength(1);
    expect(JSON.parse(over[0]!.params)).toMatchObject({ sections: 'Need', count: 1 });
  });

  it('reminds a task’s assignee on its due date unless it is done, once', async () => {
    registerBidJobs();
    const start = Date.now();
    const { id, lead } = await newBid({ deadline: start + 30 * DAY, template: 'blank' });
    const helper = await makeMember();
    await addPartner(id, { userId: helper.id, role: 'partner', budgetShare: 0 }, lead);
    const due = Date.UTC(new Date(start + 4 * DAY).getUTCFullYear(), new Date(start + 4 * DAY).getUTCMonth(), new Date(start + 4 * DAY).getUTCDate(), 12);
    const open = await addTask(lead, id, { title: 'Letter of support', assigneeId: helper.id, dueOn: due });
    const done = await addTask(lead, id, { title: 'Bank details', assigneeId: helper.id, dueOn: due });
    expect(await db.selectFrom('notifications').select('kind').where('user_id', '=', helper.id).where('kind', '=', 'bids.task_assigned').execute()).toHaveLength(2);
    await setTaskDone(helper, id, done, true);
    await runDueJobs(due);
    await runDueJobs(due + 1000);
    const reminders = await db.selectFrom('notifications').select('params').where('user_id', '=', helper.id).where('kind', '=', 'bids.task_due').execute();
    expect(reminders.map((r) => JSON.parse(r.params).task)).toEqual(['Letter of support']);
    expect(open).toBeTruthy();
  });
});
