import { beforeAll, describe, expect, it } from 'vitest';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { DAY } from './dates';
import { canReopen, closeProposal, createProposal, reopenConsent, runNotifyJob } from './proposal-lifecycle.server';
import { castVote, checkReceipt } from './proposal-voting.server';
import { currentTally } from './proposal-count.server';
import { earlierObjections, getProposal, needsVote } from './proposal-read.server';
import { DIRECTORS_GROUP, addGroupMember, createGroup, groupMembers, listGroups, removeGroupMember, renameGroup } from './groups.server';
import { addDirector } from './cic.server';
import { cic34Figures } from './cic34.server';
import { appointProxy } from './participation.server';
import { draftProposal, refusal } from './test-helpers';

// These tests are about other rules and count single votes; the network's default quorum (two
// voters) is tested in quorum-default.server.test.ts.
beforeAll(() => updateNetworkSettings({ governanceQuorumVoters: 0 }));

const base = draftProposal({ title: 'Open a Birmingham hub', body: 'We open a hub in Digbeth.' });


describe('named groups as the electorate', () => {
  it('only stewards manage groups; every change is in the governance audit log', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    expect((await refusal(createGroup(member, 'Stewards'))).status).toBe(403);
    const id = await createGroup(steward, 'Birmingham hub');
    expect((await refusal(createGroup(steward, 'birmingham HUB'))).code).toBe('group_name_taken');
    expect((await refusal(addGroupMember(member, id, member.id))).status).toBe(403);
    await addGroupMember(steward, id, member.id);
    await renameGroup(steward, id, 'Birmingham and Black Country hub');
    expect((await refusal(renameGroup(member, id, 'Mine'))).status).toBe(403);
    expect((await groupMembers(id))!.members.map((m) => m.id)).toEqual([member.id]);
    await removeGroupMember(steward, id, member.id);
    expect((await groupMembers(id))!.members).toEqual([]);
    const actions = await db.selectFrom('audit_log').select('action').where('subject_id', '=', id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['governance.group_created', 'governance.group_member_added', 'governance.group_renamed', 'governance.group_member_removed']);
    // The built-in directors group follows the register: it cannot be edited by hand.
    expect((await refusal(addGroupMember(steward, DIRECTORS_GROUP, member.id))).status).toBe(403);
    expect((await refusal(renameGroup(steward, DIRECTORS_GROUP, 'Board'))).status).toBe(403);
  });

  it('a member outside the group cannot vote (403, nothing stored); group changes after opening do not change the electorate', async () => {
    const steward = await makeMember({ role: 'steward' });
    const inside = await makeMember();
    const outside = await makeMember();
    const later = await makeMember();
    const group = await createGroup(steward, 'Stewards of the hub');
    await addGroupMember(steward, group, inside.id);
    await addGroupMember(steward, group, steward.id);
    const id = await createProposal({ ...base, electorateGroupId: group }, steward);
    const p = (await getProposal(id))!;
    expect(p.electorate_size).toBe(2);
    expect(p.electorate_group_id).toBe(group);

    const e = await refusal(castVote(id, outside, outside.id, { choice: 'for' }));
    expect(e).toMatchObject({ code: 'not_eligible', status: 403 });
    expect(await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    expect(await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    expect((await needsVote(outside.id)).map((x) => x.id)).not.toContain(id);
    expect((await needsVote(inside.id)).map((x) => x.id)).toContain(id);

    // After opening: adding a member and removing one does not change who may vote.
    await addGroupMember(steward, group, later.id);
    await removeGroupMember(steward, group, inside.id);
    expect((await refusal(castVote(id, later, later.id, { choice: 'for' }))).status).toBe(403);
    await castVote(id, inside, inside.id, { choice: 'for' });
    expect((await getProposal(id))!.electorate_size).toBe(2);
    // A proxy held by someone outside the group cannot vote for someone outside it either.
    await appointProxy(outside, inside.id, null);
    expect((await refusal(castVote(id, inside, outside.id, { choice: 'for' }))).status).toBe(403);
  });

  it('a group vote scheduled for later freezes the group as it is when it opens', async () => {
    const steward = await makeMember({ role: 'steward' });
    const a = await makeMember();
    const b = await makeMember();
    const group = await createGroup(steward, 'Coventry hub');
    await addGroupMember(steward, group, a.id);
    const now = Date.now();
    const id = await createProposal(
      {
        ...base,
        electorateGroupId: group,
        opensAt: now + DAY,
        closesAt: now + 3 * DAY,
      },
      steward,
      now
    );
    await addGroupMember(steward, group, b.id);
    const { openProposal } = await import('./proposal-lifecycle.server');
    await openProposal(id, null, now + DAY);
    const electorate = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', id).execute();
    expect(electorate.map((r) => r.user_id).sort()).toEqual([a.id, b.id].sort());
  });

  it('the Directors group is the serving directors on the register', async () => {
    const steward = await makeMember({ role: 'steward' });
    const director = await makeMember();
    const former = await makeMember();
    const now = Date.now();
    await addDirector(steward, {
      userId: director.id,
      termStart: now - DAY,
      termEnd: now + 365 * DAY,
      proposalId: null,
    });
    await addDirector(steward, {
      userId: former.id,
      termStart: now - 400 * DAY,
      termEnd: now - 35 * DAY,
      proposalId: null,
    });
    const groups = await listGroups();
    expect(groups.find((g) => g.id === DIRECTORS_GROUP)).toMatchObject({
      builtin: 'directors',
      members: 1,
    });
    const id = await createProposal({ ...base, electorateGroupId: DIRECTORS_GROUP }, steward);
    const electorate = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', id).execute();
    expect(electorate.map((r) => r.user_id)).toEqual([director.id]);
    expect((await refusal(castVote(id, former, former.id, { choice: 'for' }))).status).toBe(403);
  });

  it('refuses an unknown group', async () => {
    const a = await makeMember();
    expect((await refusal(createProposal({ ...base, electorateGroupId: 'nope' }, a))).code).toBe('invalid');
  });
});

describe('consent: amend and re-open after an objection', () => {
  it('starts a new round: earlier objections are kept but no longer count; members are told; electorate unchanged', async () => {
    const proposer = await makeMember();
    const objector = await makeMember();
    const id = await createProposal({ ...base, kind: 'consent' }, proposer);
    const before = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', id).execute();
    const newcomer = await makeMember();
    await castVote(id, proposer, proposer.id, { choice: 'consent' });
    // No objection yet: nothing to re-open.
    expect(
      (
        await refusal(
          reopenConsent(id, proposer, {
            title: 't',
            body: 'b',
            note: '',
            days: 3,
          })
        )
      ).code
    ).toBe('not_reopenable');
    await castVote(id, objector, objector.id, {
      choice: 'object',
      reason: 'The rent is too high',
    });
    await closeProposal(id, proposer.id);
    let p = (await getProposal(id))!;
    expect(p.outcome).toBe('rejected');
    expect(await canReopen(p, proposer)).toBe(true);
    expect(await canReopen(p, objector)).toBe(false);
    expect(
      (
        await refusal(
          reopenConsent(id, objector, {
            title: 't',
            body: 'b',
            note: '',
            days: 3,
          })
        )
      ).status
    ).toBe(403);

    const now = Date.now();
    const r = await reopenConsent(
      id,
      proposer,
      {
        title: 'Open a smaller hub',
        body: 'A shared desk instead.',
        note: 'Cheaper option',
        days: 5,
      },
      now
    );
    expect(r).toEqual({ round: 2, version: 2 });
    p = (await getProposal(id))!;
    expect(p).toMatchObject({
      status: 'open',
      round: 2,
      title: 'Open a smaller hub',
      closes_at: now + 5 * DAY,
      outcome: null,
      result: null,
    });
    // The first round's decision stays in the register; the frozen electorate is unchanged.
    const entries = await db.selectFrom('governance_decisions').select('outcome').where('proposal_id', '=', id).execute();
    expect(entries.map((e) => e.outcome)).toEqual(['rejected']);
    const after = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', id).execute();
    expect(after).toEqual(before);
    expect((await refusal(castVote(id, newcomer, newcomer.id, { choice: 'consent' }))).status).toBe(403);
    // The old objection no longer counts, but is on record.
    expect((await currentTally(p)).outcome).toBe('passed');
    expect(await earlierObjections(p)).toEqual([{ round: 1, reason: 'The rent is too high', name: objector.name }]);
    // Everyone voted again from scratch.
    expect((await needsVote(objector.id)).map((x) => x.id)).toContain(id);
    await castVote(id, objector, objector.id, { choice: 'consent' });
    // Members are told.
    await runNotifyJob({ id, what: 'reopened' });
    const told = await db.selectFrom('notifications').select('user_id').where('kind', '=', 'governance.reopened').where('link', '=', `/governance/proposals/${id}`).execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(before.map((b) => b.user_id).sort());
    const today = new Date();
    const financialYear = today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
    const consentDecisions = async () => (await cic34Figures(financialYear)).decisions.find((d) => d.kind === 'consent')?.count ?? 0;
    const countedBefore = await consentDecisions();
    await closeProposal(id, proposer.id);
    // The CIC34 report counts the proposal once: the later round supersedes the earlier entry.
    expect(await consentDecisions()).toBe(countedBefore);
    const register = await db.selectFrom('governance_decisions').select(['outcome', 'title']).where('proposal_id', '=', id).orderBy('number').execute();
    expect(register).toEqual([
      { outcome: 'rejected', title: 'Open a Birmingham hub' },
      { outcome: 'passed', title: 'Open a smaller hub' },
    ]);
    expect(
      (
        await refusal(
          reopenConsent(id, proposer, {
            title: 't',
            body: 'b',
            note: '',
            days: 3,
          })
        )
      ).code
    ).toBe('not_reopenable');
  });

  it('can re-open while still open, and only consent proposals', async () => {
    const proposer = await makeMember();
    const objector = await makeMember();
    const id = await createProposal({ ...base, kind: 'consent', secret: true }, proposer);
    // Secret ballots now always hide results until close (issue 15.8); a proposal made before that
    // may still show them, and re-opening it must empty its ballot box into the history.
    await db.updateTable('governance_proposals').set({ hide_results: 0 }).where('id', '=', id).execute();
    await castVote(id, objector, objector.id, {
      choice: 'object',
      reason: 'Needs a budget',
    });
    await reopenConsent(id, proposer, {
      title: 'With a budget',
      body: 'Budget attached.',
      note: '',
      days: 2,
    });
    const p = (await getProposal(id))!;
    expect(p.round).toBe(2);
    expect(await db.selectFrom('governance_secret_ballots').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    expect(await earlierObjections(p)).toEqual([{ round: 1, reason: 'Needs a budget', name: null }]);
    // The objector may vote again in the new round.
    await castVote(id, objector, objector.id, { choice: 'consent' });
    // With results hidden, nothing (not even "you may re-open") reveals an objection before close.
    const hidden = await createProposal({ ...base, kind: 'consent', hideResults: true }, proposer);
    await castVote(hidden, objector, objector.id, { choice: 'object', reason: 'No' });
    expect(await canReopen((await getProposal(hidden))!, proposer)).toBe(false);
    expect((await refusal(reopenConsent(hidden, proposer, { title: 't', body: 'b', note: '', days: 2 }))).code).toBe('not_reopenable');
    await closeProposal(hidden, proposer.id);
    expect(await canReopen((await getProposal(hidden))!, proposer)).toBe(true);
    const ordinary = await createProposal(base, proposer);
    expect(
      (
        await refusal(
          reopenConsent(ordinary, proposer, {
            title: 't',
            body: 'b',
            note: '',
            days: 2,
          })
        )
      ).code
    ).toBe('not_reopenable');
  });
});

describe('secret ballots can be changed with the receipt code until close', () => {
  it('replaces the ballot found by the code; nothing links either row to the voter', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal({ ...base, secret: true, hideResults: true }, a);
    const first = await castVote(id, a, a.id, { choice: 'against' });
    await castVote(id, b, b.id, { choice: 'against' });
    // Without the code, or with a wrong one: refused, nothing changes.
    expect((await refusal(castVote(id, a, a.id, { choice: 'for' }))).code).toBe('code_required');
    expect((await refusal(castVote(id, a, a.id, { choice: 'for', changeCode: 'AAAAA-AAAAA' }))).code).toBe('code_unknown');
    const second = await castVote(id, a, a.id, {
      choice: 'for',
      changeCode: first.receipt!.toLowerCase(),
    });
    expect(second.receipt!).not.toBe(first.receipt!);
    expect(await checkReceipt(id, first.receipt!)).toBe(false);
    expect(await checkReceipt(id, second.receipt!)).toBe(true);
    // The old code cannot be used again.
    expect(
      (
        await refusal(
          castVote(id, a, a.id, {
            choice: 'abstain',
            changeCode: first.receipt!,
          })
        )
      ).code
    ).toBe('code_unknown');
    // Ballots wait in the encrypted ballot box until close, then are written in a random order.
    await closeProposal(id, a.id);
    const live = await db.selectFrom('governance_secret_ballots').selectAll().where('proposal_id', '=', id).execute();
    expect(live).toHaveLength(2);
    const past = await db.selectFrom('governance_secret_ballots_past').selectAll().where('proposal_id', '=', id).execute();
    expect(past).toHaveLength(1);
    expect(past[0]).toMatchObject({
      round: 1,
      counted: 0,
      choice: JSON.stringify({ kind: 'resolution', choice: 'against' }),
    });
    // No voter or time column, no rowid on the history table either.
    const cols = await sql<{
      name: string;
    }>`select name from pragma_table_info('governance_secret_ballots_past')`.execute(db);
    expect(cols.rows.map((c) => c.name).sort()).toEqual(['choice', 'counted', 'id', 'proposal_id', 'reason', 'round']);
    await expect(sql`select rowid from governance_secret_ballots_past`.execute(db)).rejects.toThrow();
    for (const row of [...live, ...past]) expect(JSON.stringify(row)).not.toMatch(new RegExp(`${a.id}|${b.id}`));
    expect(await currentTally((await getProposal(id))!)).toMatchObject({
      counts: { for: 1, against: 1, abstain: 0 },
    });
    expect(
      (
        await refusal(
          castVote(id, a, a.id, {
            choice: 'against',
            changeCode: second.receipt!,
          })
        )
      ).code
    ).toBe('not_open');
  });
});

describe('CIC34 figures from bids and notices', () => {
  it('counts bids submitted and won with amounts in the year, and notices with suppressed people counts', async () => {
    const year = 2001;
    const inYear = Date.UTC(2001, 5, 1);
    const before = Date.UTC(2001, 1, 1);
    const author = await makeMember();
    const insertBid = async (id: string, amount: number, currency: string, awarded: number | null, changes: Array<[string, number]>) => {
      await sql`insert into bids (id, title, funder, deadline, amount, currency, status, awarded_amount, created_at, updated_at)
        values (${id}, ${id}, 'Lottery', ${inYear}, ${amount}, ${currency}, ${changes[changes.length - 1]![0]}, ${awarded}, ${before}, ${before})`.execute(db);
      for (const [status, at] of changes) await sql`insert into bid_status_changes (bid_id, status, changed_at) values (${id}, ${status}, ${at})`.execute(db);
    };
    await insertBid('b1', 10_000_00, 'GBP', 8_000_00, [
      ['drafting', before],
      ['submitted', inYear],
      ['awarded', inYear + DAY],
    ]);
    await insertBid('b2', 5_000_00, 'GBP', null, [
      ['submitted', inYear],
      ['not_awarded', inYear + DAY],
    ]);
    await insertBid('b3', 2_000_00, 'EUR', null, [['submitted', inYear]]);
    // Submitted the year before, won in this year: counts as won, not as submitted.
    await insertBid('b4', 3_000_00, 'GBP', 3_000_00, [
      ['submitted', before],
      ['awarded', inYear],
    ]);
    // Outside the year entirely.
    await insertBid('b5', 1_000_00, 'GBP', null, [['submitted', Date.UTC(2002, 4, 1)]]);

    const insertNotice = async (id: string, hidden = 0) =>
      sql`insert into notices (id, author_id, type, title, body, body_html, city, expires_at, hidden, created_at, updated_at)
        values (${id}, ${author.id}, 'offer', ${id}, '', '', 'birmingham', ${inYear + 30 * DAY}, ${hidden}, ${inYear}, ${inYear})`.execute(db);
    await insertNotice('n1');
    await insertNotice('n2');
    await insertNotice('n3', 1);
    const responders = [await makeMember(), await makeMember(), await makeMember()];
    for (const r of responders) await sql`insert into notice_responses (notice_id, user_id, kind, created_at) values ('n1', ${r.id}, 'interested', ${inYear + DAY})`.execute(db);

    const f = await cic34Figures(year);
    expect(f.bids.submitted.count).toBe(3);
    expect(f.bids.submitted.amounts.sort((x, y) => x.currency.localeCompare(y.currency))).toEqual([
      { currency: 'EUR', amount: 2_000_00 },
      { currency: 'GBP', amount: 15_000_00 },
    ]);
    expect(f.bids.won).toEqual({
      count: 2,
      amounts: [{ currency: 'GBP', amount: 11_000_00 }],
    });
    // Notices: the hidden one is not counted; 3 responders and 1 author are under 5, so suppressed.
    expect(f.notices).toEqual({
      shared: 2,
      sharedBy: null,
      respondedTo: 1,
      responses: null,
      respondents: null,
    });
    for (let i = 0; i < 2; i++) {
      const more = await makeMember();
      await sql`insert into notice_responses (notice_id, user_id, kind, created_at) values ('n2', ${more.id}, 'help', ${inYear + DAY})`.execute(db);
    }
    const g = await cic34Figures(year);
    expect(g.notices).toMatchObject({
      respondedTo: 2,
      responses: 5,
      respondents: 5,
    });
  });
});
