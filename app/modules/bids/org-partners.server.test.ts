import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { makeMember, outbox } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { removeMember } from '~/modules/directory/orgs.server';
import { bidMemberIds, bidRole } from './access.server';
import {
  BidInputError,
  addOrgPartner,
  addPartner,
  addTask,
  budgetSummary,
  createBid,
  listMyBids,
  listPartners,
  orgInvitationsFor,
  removePartner,
  respondToOrgInvitation,
  setBudget,
  setShowName,
  setShowOnNotice,
  updateOrgEntry,
} from './bids.server';
import { bidDocumentAccess } from './collab-access.server';
import { biddersForNotice } from './bidders.server';

const DAY = 24 * 60 * 60_000;

async function makeOrg(name: string, lead: { id: string }, members: Array<{ id: string }> = []) {
  const id = newId();
  const now = Date.now();
  await db
    .insertInto('organisations')
    .values({
      id,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(0, 6).toLowerCase()}`,
      name,
      description: '',
      city: null,
      legal_form: 'charity',
      registration_number: null,
      host_org_id: null,
      host_org_name: null,
      year_started: null,
      website: null,
      public_listing: 0,
      created_by: lead.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.insertInto('organisation_members').values({ org_id: id, user_id: lead.id, role: 'lead', created_at: now }).execute();
  for (const m of members) await db.insertInto('organisation_members').values({ org_id: id, user_id: m.id, role: 'member', created_at: now }).execute();
  return id;
}

async function newBid(over: { noticeId?: string; amount?: number } = {}) {
  const lead = await makeMember({ name: 'Bid Lead' });
  const id = await createBid(
    {
      title: 'Warm spaces together',
      funder: 'Test Funder',
      deadline: Date.now() + 30 * DAY,
      amount: over.amount ?? 10_000_00,
      currency: 'GBP',
      themes: [],
      skillsNeeded: [],
      template: 'blank',
      noticeId: over.noticeId,
    },
    lead,
    'en',
  );
  return { id, lead };
}

/** An organisation with a lead and a member, invited to the bid with `role`; the lead accepts. */
async function orgOnBid(bidId: string, bidLead: { id: string; role: 'member' | 'steward'; name: string }, role: 'lead' | 'partner' | 'reviewer', share = 0) {
  const orgLead = await makeMember({ name: 'Org Lead' });
  const orgMember = await makeMember({ name: 'Org Member' });
  const orgId = await makeOrg('Coventry Women’s Voices', orgLead, [orgMember]);
  const partnerId = await addOrgPartner(bidId, { orgId, role, budgetShare: share }, bidLead);
  expect(await respondToOrgInvitation(orgLead, partnerId, true)).toBe(bidId);
  return { orgId, orgLead, orgMember, partnerId };
}

async function makeNotice(author: { id: string }, over: { type?: string; isPublic?: boolean } = {}) {
  const id = newId();
  const now = Date.now();
  await sql`insert into notices (id, author_id, type, title, city, expires_at, is_public, created_at, updated_at)
    values (${id}, ${author.id}, ${over.type ?? 'funding'}, ${'Community Fund round 3'}, ${'birmingham'}, ${now + 30 * DAY}, ${over.isPublic ? 1 : 0}, ${now}, ${now})`.execute(db);
  return id;
}

describe('organisation partners: invitation', () => {
  it('the organisation’s leads are told in the app and by email; nobody of it sees the bid before a lead accepts', async () => {
    const { id, lead } = await newBid();
    const orgLead = await makeMember({ name: 'Org Lead' });
    const orgMember = await makeMember({ name: 'Org Member' });
    const orgId = await makeOrg('Midlands Migrant Forum', orgLead, [orgMember]);
    const partnerId = await addOrgPartner(id, { orgId, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Bid Lead' });

    const notes = await db.selectFrom('notifications').selectAll().where('user_id', '=', orgLead.id).execute();
    expect(notes.map((n) => n.kind)).toEqual(['bids.org_invited']);
    expect((await outbox(orgLead.email))[0]?.subject).toBe('Bid Lead invited Midlands Migrant Forum to the joint bid “Warm spaces together”');
    // Plain members of the organisation are not asked.
    expect(await db.selectFrom('notifications').selectAll().where('user_id', '=', orgMember.id).execute()).toHaveLength(0);

    expect(await bidRole(id, orgLead.id)).toBeNull();
    expect(await bidRole(id, orgMember.id)).toBeNull();
    expect((await orgInvitationsFor(orgLead.id)).map((i) => i.id)).toEqual([partnerId]);
    expect(await orgInvitationsFor(orgMember.id)).toEqual([]);

    // A plain member cannot answer for the organisation; the lead can, once.
    expect(await respondToOrgInvitation(orgMember, partnerId, true)).toBeNull();
    expect(await respondToOrgInvitation(orgLead, partnerId, true)).toBe(id);
    expect(await respondToOrgInvitation(orgLead, partnerId, false)).toBeNull();
    expect(await bidRole(id, orgMember.id)).toBe('partner');
    expect((await db.selectFrom('notifications').select('kind').where('user_id', '=', lead.id).execute()).map((n) => n.kind)).toContain('bids.org_accepted');
  });

  it('the same organisation cannot be invited twice; an organisation without leads cannot be invited', async () => {
    const { id, lead } = await newBid();
    const orgLead = await makeMember();
    const orgId = await makeOrg('Twice Org', orgLead);
    await addOrgPartner(id, { orgId, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'L' });
    await expect(addOrgPartner(id, { orgId, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'L' })).rejects.toMatchObject({ field: 'orgId', message: 'bids.orgPartners.already' });
    await db.deleteFrom('organisation_members').where('org_id', '=', orgId).execute();
    const other = await makeOrg('Leaderless', orgLead);
    await db.deleteFrom('organisation_members').where('org_id', '=', other).execute();
    await expect(addOrgPartner(id, { orgId: other, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'L' })).rejects.toBeInstanceOf(BidInputError);
    expect((await listPartners(id)).filter((p) => p.kind === 'org')).toHaveLength(1);
  });

  it('a decline frees the organisation’s budget share and gives nobody access', async () => {
    const { id, lead } = await newBid({ amount: 1000_00 });
    const orgLead = await makeMember();
    const orgId = await makeOrg('Declining Org', orgLead);
    const partnerId = await addOrgPartner(id, { orgId, role: 'partner', budgetShare: 400_00 }, { id: lead.id, role: 'member', name: 'L' });
    expect(await respondToOrgInvitation(orgLead, partnerId, false)).toBe(id);
    expect(await bidRole(id, orgLead.id)).toBeNull();
    const row = (await listPartners(id)).find((p) => p.id === partnerId)!;
    expect(row.status).toBe('declined');
    expect(row.budget_share).toBe(0);
    // A declined organisation cannot be given a share again.
    const leadRow = (await listPartners(id)).find((p) => p.user_id === lead.id)!;
    await expect(setBudget(lead, id, { [leadRow.id]: 600_00, [partnerId]: 400_00 })).rejects.toMatchObject({ field: `share-${partnerId}` });
  });
});

describe('organisation partners: access everywhere it is checked', () => {
  it('an organisation’s member gets the organisation’s role; a non-member gets nothing', async () => {
    const { id, lead } = await newBid();
    const { orgMember, orgLead } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'L' }, 'partner');
    const outsider = await makeMember();
    expect(await bidRole(id, orgMember.id)).toBe('partner');
    expect(await bidRole(id, orgLead.id)).toBe('partner');
    expect(await bidRole(id, outsider.id)).toBeNull();
    expect(await bidDocumentAccess(id, orgMember.id)).toBe('edit');
    expect(await bidDocumentAccess(id, outsider.id)).toBeNull();
    expect(await bidMemberIds(id)).toEqual(expect.arrayContaining([lead.id, orgLead.id, orgMember.id]));
    expect(await bidMemberIds(id)).not.toContain(outsider.id);
    expect((await listMyBids(orgMember.id)).map((b) => [b.id, b.role])).toEqual([[id, 'partner']]);
    expect(await listMyBids(outsider.id)).toEqual([]);
  });

  it('a member of a reviewer organisation is read-only on the socket resolver', async () => {
    const { id, lead } = await newBid();
    const { orgMember } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'L' }, 'reviewer');
    expect(await bidRole(id, orgMember.id)).toBe('reviewer');
    expect(await bidDocumentAccess(id, orgMember.id)).toBe('comment');
  });

  it('the strongest role counts when a member is a partner both directly and through an organisation', async () => {
    const { id, lead } = await newBid();
    const { orgMember } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'L' }, 'partner');
    await addPartner(id, { userId: orgMember.id, role: 'reviewer', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'L' });
    expect(await bidRole(id, orgMember.id)).toBe('partner');
  });

  it('a member who leaves the organisation loses access at once (page and socket), and their tasks are freed when the organisation leaves', async () => {
    const { id, lead } = await newBid();
    const { orgId, orgMember, orgLead, partnerId } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'L' }, 'partner');
    expect(await removeMember(orgId, orgMember, orgMember.id)).toBe('ok');
    expect(await bidRole(id, orgMember.id)).toBeNull();
    expect(await bidDocumentAccess(id, orgMember.id)).toBeNull();
    expect(await listMyBids(orgMember.id)).toEqual([]);
    expect(await bidMemberIds(id)).not.toContain(orgMember.id);
    // Suspended members lose access too.
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', orgLead.id).execute();
    expect(await bidRole(id, orgLead.id)).toBeNull();
    await db.updateTable('users').set({ status: 'active' }).where('id', '=', orgLead.id).execute();

    const taskId = await addTask(lead, id, { title: 'Letter of support', assigneeId: orgLead.id, dueOn: null });
    expect(await removePartner({ id: lead.id, role: 'member' }, id, partnerId)).toBe(true);
    expect(await bidRole(id, orgLead.id)).toBeNull();
    const task = await db.selectFrom('bid_tasks').select('assignee_id').where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task.assignee_id).toBeNull();
  });

  it('only leads of the organisation manage its entry, and only its leads or the member choose whether their name shows', async () => {
    const { id, lead } = await newBid();
    const { orgMember, orgLead, partnerId } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'L' }, 'partner');
    expect(await updateOrgEntry(orgMember, id, partnerId, 'Workshops in Tigrinya')).toBe(false);
    expect(await updateOrgEntry(lead, id, partnerId, 'Workshops in Tigrinya')).toBe(false);
    expect(await updateOrgEntry(orgLead, id, partnerId, 'Workshops in Tigrinya')).toBe(true);
    expect((await listPartners(id)).find((p) => p.id === partnerId)!.delivers).toBe('Workshops in Tigrinya');

    // Names are hidden until each partner opts in; nobody opts in for someone else.
    const shown = async () => (await listPartners(id)).map((p) => [p.name, p.show_name]);
    expect(await shown()).toEqual([['Bid Lead', 0], ['Coventry Women’s Voices', 0]]);
    expect(await setShowName(orgMember, id, partnerId, true)).toBe(false);
    expect(await setShowName(lead, id, partnerId, true)).toBe(false);
    const leadRow = (await listPartners(id)).find((p) => p.user_id === lead.id)!;
    expect(await setShowName(orgLead, id, leadRow.id, true)).toBe(false);
    expect(await shown()).toEqual([['Bid Lead', 0], ['Coventry Women’s Voices', 0]]);
    expect(await setShowName(orgLead, id, partnerId, true)).toBe(true);
    expect(await setShowName(lead, id, leadRow.id, true)).toBe(true);
    expect(await shown()).toEqual([['Bid Lead', 1], ['Coventry Women’s Voices', 1]]);
  });
});

describe('budget with organisation shares', () => {
  it('organisation and member shares must add up to the amount requested; nothing is saved otherwise', async () => {
    const { id, lead } = await newBid({ amount: 9000_00 });
    const { partnerId } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'L' }, 'partner', 3000_00);
    const invitedOrgLead = await makeMember();
    const invitedOrg = await makeOrg('Still Thinking', invitedOrgLead);
    // An invitation still open can hold a share while the partners plan.
    const invitedId = await addOrgPartner(id, { orgId: invitedOrg, role: 'partner', budgetShare: 2000_00 }, { id: lead.id, role: 'member', name: 'L' });
    // Over what is left to share out: refused.
    const other = await makeMember();
    const otherOrg = await makeOrg('Too Much', other);
    await expect(addOrgPartner(id, { orgId: otherOrg, role: 'partner', budgetShare: 4001_00 }, { id: lead.id, role: 'member', name: 'L' })).rejects.toMatchObject({ field: 'budgetShare' });

    const leadRow = (await listPartners(id)).find((p) => p.user_id === lead.id)!;
    await expect(setBudget(lead, id, { [leadRow.id]: 3000_00, [partnerId]: 3000_00, [invitedId]: 2000_00 })).rejects.toMatchObject({ message: 'bids.budget.under' });
    expect((await listPartners(id)).map((p) => p.budget_share).sort((a, b) => a - b)).toEqual([0, 2000_00, 3000_00]);
    await setBudget(lead, id, { [leadRow.id]: 4000_00, [partnerId]: 3000_00, [invitedId]: 2000_00 });
    const partners = await listPartners(id);
    expect(budgetSummary(9000_00, partners.map((p) => p.budget_share))).toEqual({ allocated: 9000_00, remainder: 0, balanced: true });
    expect(partners.find((p) => p.id === partnerId)!.name).toBe('Coventry Women’s Voices');
  });
});

describe('who is bidding, on the funding call', () => {
  it('a bid that did not opt in never shows; an opted-in bid shows only names that may show, never its title to others', async () => {
    const author = await makeMember();
    const noticeId = await makeNotice(author);
    const { id, lead } = await newBid({ noticeId });
    expect((await db.selectFrom('bids').select('notice_id').where('id', '=', id).executeTakeFirstOrThrow()).notice_id).toBe(noticeId);
    const { partnerId, orgMember } = await orgOnBid(id, { id: lead.id, role: 'member', name: 'Bid Lead' }, 'partner');
    const quiet = await makeMember({ name: 'Quiet Partner' });
    await addPartner(id, { userId: quiet.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Bid Lead' });
    const invitedLead = await makeMember();
    await addOrgPartner(id, { orgId: await makeOrg('Not Yet Answered', invitedLead), role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Bid Lead' });
    const orgLeadId = (await db.selectFrom('organisation_members').select('user_id').where('role', '=', 'lead').where('org_id', '=', (await listPartners(id)).find((p) => p.id === partnerId)!.org_id!).executeTakeFirstOrThrow()).user_id;
    const choiceNotes = async (userId: string) => (await db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', userId).where('kind', '=', 'bids.show_name_choice').execute());

    const viewer = await makeMember();
    // Off by default: nobody sees anything.
    expect(await biddersForNotice(noticeId, viewer.id)).toEqual([]);
    expect(await biddersForNotice(noticeId, lead.id)).toEqual([]);

    // Turned on, names are still hidden until each partner opts in; the partners are told they can.
    await setShowOnNotice(lead, id, true);
    expect(await biddersForNotice(noticeId, viewer.id)).toEqual([]);
    expect(await choiceNotes(quiet.id)).toEqual([{ kind: 'bids.show_name_choice', link: `/bids/${id}/partners#on-notice-h` }]);
    expect(await choiceNotes(orgLeadId)).toHaveLength(1);
    expect(await choiceNotes(orgMember.id)).toHaveLength(0); // the organisation's leads choose for it
    expect(await choiceNotes(invitedLead.id)).toHaveLength(0); // not on the bid yet
    expect(await choiceNotes(lead.id)).toHaveLength(0); // turned it on themself
    // Saving it again does not tell them twice.
    await setShowOnNotice(lead, id, true);
    expect(await choiceNotes(quiet.id)).toHaveLength(1);

    await setShowName(lead, id, (await listPartners(id)).find((p) => p.user_id === lead.id)!.id, true);
    await setShowName({ id: orgLeadId, role: 'member' }, id, partnerId, true);
    const seen = await biddersForNotice(noticeId, viewer.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.bid).toBeNull();
    expect(seen[0]!.names.map((n) => n.name)).toEqual(['Bid Lead', 'Coventry Women’s Voices']);
    expect(JSON.stringify(seen)).not.toContain('Warm spaces together');
    // A partner sees their own bid's title and link.
    const mine = await biddersForNotice(noticeId, orgMember.id);
    expect(mine[0]!.bid).toEqual({ id, title: 'Warm spaces together' });

    // The organisation hides its name again: only the lead is left.
    await setShowName({ id: orgLeadId, role: 'member' }, id, partnerId, false);
    expect((await biddersForNotice(noticeId, viewer.id))[0]!.names.map((n) => n.name)).toEqual(['Bid Lead']);

    // Withdrawn bids stop showing; other notices show nothing.
    expect(await biddersForNotice(await makeNotice(author), viewer.id)).toEqual([]);
    await db.updateTable('bids').set({ status: 'withdrawn' }).where('id', '=', id).execute();
    expect(await biddersForNotice(noticeId, viewer.id)).toEqual([]);
  });

  it('a visitor sees nothing, even on a public notice of an opted-in bid', async () => {
    const author = await makeMember();
    const noticeId = await makeNotice(author, { isPublic: true });
    const { id, lead } = await newBid({ noticeId });
    await setShowOnNotice(lead, id, true);
    await setShowName(lead, id, (await listPartners(id))[0]!.id, true);
    expect(await biddersForNotice(noticeId, null)).toEqual([]);
    expect(await biddersForNotice(noticeId, undefined)).toEqual([]);
    expect((await biddersForNotice(noticeId, author.id))[0]!.names).toHaveLength(1);
  });

  it('a bid keeps its funding call only when the notice exists and is a funding call', async () => {
    const author = await makeMember();
    const event = await makeNotice(author, { type: 'event' });
    const { id } = await newBid({ noticeId: event });
    expect((await db.selectFrom('bids').select('notice_id').where('id', '=', id).executeTakeFirstOrThrow()).notice_id).toBeNull();
    const { id: id2 } = await newBid({ noticeId: 'no-such-notice' });
    expect((await db.selectFrom('bids').select('notice_id').where('id', '=', id2).executeTakeFirstOrThrow()).notice_id).toBeNull();
  });
});
