import { beforeAll, describe, expect, it } from 'vitest';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { DAY } from './dates';
import { castVote, checkReceipt } from './proposal-voting.server';
import { closeEarly, closeProposal, createProposal, extendProposal, runReminderJob, runNotifyJob, amendProposal } from './proposal-lifecycle.server';
import { currentTally, verifyCount } from './proposal-count.server';
import { getProposal, needsVote } from './proposal-read.server';
import { appointProxy, proxyVotersFor, revokeProxy } from './participation.server';
import { addCorrection, listDecisions } from './records.server';
import { draftProposal, refusal } from './test-helpers';

// These tests are about other rules and count single votes; the network's default quorum (two
// voters) is tested in quorum-default.server.test.ts.
beforeAll(() => updateNetworkSettings({ governanceQuorumVoters: 0 }));

const base = draftProposal();


describe('electorate and ballots', () => {
  it('freezes the electorate at open: a member who joins later cannot vote (403, nothing stored)', async () => {
    const a = await makeMember();
    const id = await createProposal(base, a);
    const late = await makeMember();
    const e = await refusal(castVote(id, late, late.id, { choice: 'for' }));
    expect(e).toMatchObject({ code: 'not_eligible', status: 403 });
    const stored = await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute();
    expect(stored).toHaveLength(0);
    const voters = await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', id).execute();
    expect(voters).toHaveLength(0);
  });

  it('two simultaneous votes from one member store one ballot', async () => {
    const a = await makeMember();
    const id = await createProposal(base, a);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => castVote(id, a, a.id, { choice: i % 2 ? 'for' : 'against' })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const rows = await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).where('voter_id', '=', a.id).execute();
    expect(rows).toHaveLength(1);
    // The database itself refuses a second row.
    await expect(
      db.insertInto('governance_ballots').values({ ...rows[0]!, id: 'dup' }).execute(),
    ).rejects.toThrow(/UNIQUE/);
    // Changes kept as history.
    const history = await db.selectFrom('governance_ballot_history').selectAll().where('proposal_id', '=', id).execute();
    expect(history).toHaveLength(7);
  });

  it('refuses a vote after close, and after the closing time even before the job runs', async () => {
    const a = await makeMember();
    const now = Date.now();
    const id = await createProposal({ ...base, closesAt: now + 1000 }, a, now);
    const e = await refusal(castVote(id, a, a.id, { choice: 'for' }, now + 1000));
    expect(e).toMatchObject({ code: 'not_open', status: 409 });
    await closeProposal(id, a.id);
    const e2 = await refusal(castVote(id, a, a.id, { choice: 'for' }));
    expect(e2.code).toBe('not_open');
    expect(await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
  });

  it('validates choices and requires a reason for an objection', async () => {
    const a = await makeMember();
    const id = await createProposal({ ...base, kind: 'consent' }, a);
    expect((await refusal(castVote(id, a, a.id, { choice: 'for' }))).code).toBe('invalid');
    expect((await refusal(castVote(id, a, a.id, { choice: 'object', reason: '  ' }))).code).toBe('reason_required');
    await castVote(id, a, a.id, { choice: 'object', reason: 'Not yet discussed with partners' });
    const t = await currentTally((await getProposal(id))!);
    expect(t.outcome).toBe('rejected');
  });

  it('a written-resolution agreement cannot be changed (s296(3)); its text cannot be amended once circulated', async () => {
    const members = [await makeMember(), await makeMember(), await makeMember()];
    const id = await createProposal({ ...base, kind: 'written' }, members[0]!);
    const p = (await getProposal(id))!;
    expect(p.electorate_size).toBeGreaterThanOrEqual(3);
    await castVote(id, members[0]!, members[0]!.id, { choice: 'for' });
    const e = await refusal(castVote(id, members[0]!, members[0]!.id, { choice: 'against' }));
    expect(e).toMatchObject({ code: 'final', status: 409 });
    const row = await db.selectFrom('governance_ballots').select('choice').where('proposal_id', '=', id).where('voter_id', '=', members[0]!.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.choice)).toEqual({ kind: 'resolution', choice: 'for' });
    expect((await refusal(amendProposal(id, members[0]!, { title: 'x', body: 'y', note: '' }))).code).toBe('final');
  });

  it('a written resolution closes as passed the moment a majority of the whole electorate agrees', async () => {
    const first = await makeMember();
    const id = await createProposal({ ...base, kind: 'written' }, first);
    const electorate = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', id).execute();
    const need = Math.floor(electorate.length / 2) + 1;
    for (let i = 0; i < need; i++) {
      const uid = electorate[i]!.user_id;
      const r = await castVote(id, { id: uid }, uid, { choice: 'for' });
      expect(r.passedEarly).toBe(i === need - 1);
    }
    const p = (await getProposal(id))!;
    expect(p.status).toBe('closed');
    expect(p.outcome).toBe('passed');
  });

  it('written resolutions lapse at the end of the 28-day period at most (s297; see written-resolutions.server.test.ts)', async () => {
    const a = await makeMember();
    const now = Date.UTC(2026, 10, 2, 10, 0); // Monday 2 November 2026, 10:00 GMT
    const id = await createProposal({ ...base, kind: 'written', opensAt: now, closesAt: now + 90 * DAY }, a, now);
    const p = (await getProposal(id))!;
    expect(p.closes_at).toBe(Date.UTC(2026, 10, 30, 0, 0)); // midnight at the end of 29 November
    await closeProposal(id, null, p.closes_at);
    expect((await getProposal(id))!.outcome).toBe('lapsed');
  });
});

describe('secret ballots', () => {
  it('stores no column or timing that links a ballot to a voter', async () => {
    const voters = [await makeMember(), await makeMember(), await makeMember(), await makeMember()];
    const id = await createProposal({ ...base, secret: true, hideResults: true }, voters[0]!);
    const choices = ['for', 'against', 'for', 'abstain'];
    const receipts: string[] = [];
    for (let i = 0; i < voters.length; i++) receipts.push((await castVote(id, voters[i]!, voters[i]!.id, { choice: choices[i]! })).receipt!);

    // 1. No open ballot rows and no history rows for a secret proposal.
    expect(await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    expect(await db.selectFrom('governance_ballot_history').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    // 2. The secret ballot table's columns: nothing about the voter or time.
    const cols = await sql<{ name: string }>`select name from pragma_table_info('governance_secret_ballots')`.execute(db);
    // owner_tag is an HMAC under a server secret that is not in the database (GOVERNANCE_BALLOT_SECRET):
    // without that secret nobody reading the file can test which member a tag belongs to.
    expect(cols.rows.map((c) => c.name).sort()).toEqual(['choice', 'id', 'owner_tag', 'proposal_id', 'reason', 'receipt_hash']);
    const voterCols = await sql<{ name: string }>`select name from pragma_table_info('governance_voters')`.execute(db);
    // submission_tag: HMAC(secret, proposal:voter:form token) — names the form, not the ballot.
    // proxy_sealed_tag: a proxy's ballot tag sealed to a key only the member's proxy code opens; it
    // says a proxy voted, not which ballot (secret-proxy.server.ts), and is cleared at close.
    // sealed_receipt (seed-fund votes only, fundgov): the fund ballot's receipt sealed under the form
    // token, which is never stored — it answers a resent form and opens for nobody else (ballot-box.server).
    expect(voterCols.rows.map((c) => c.name).sort()).toEqual(['proposal_id', 'proxy_sealed_tag', 'sealed_receipt', 'submission_tag', 'user_id']);
    // 3. No rowid on either table, so insertion order is not recoverable from it.
    await expect(sql`select rowid from governance_secret_ballots`.execute(db)).rejects.toThrow();
    await expect(sql`select rowid from governance_voters`.execute(db)).rejects.toThrow();
    // 4. While voting is open no ballot is in the database at all: they wait in the encrypted ballot box.
    const rows = await sql<{ id: string; choice: string }>`select id, choice from governance_secret_ballots where proposal_id = ${id}`.execute(db);
    expect(rows.rows).toHaveLength(0);
    // 5. The voters' row order is by user id, not by time of voting.
    const vrows = await sql<{ user_id: string }>`select user_id from governance_voters where proposal_id = ${id}`.execute(db);
    const vids = vrows.rows.map((r) => r.user_id);
    expect(vids).toEqual([...vids].sort());
    // 6. Nothing in any audit or notification row names a choice for a voter.
    const auditRows = await db.selectFrom('audit_log').select('details').where('subject_id', '=', id).execute();
    for (const a of auditRows) expect(a.details).not.toMatch(/for|against|abstain/);
    // 7. The receipt hash cannot be reversed to the voter: it is a hash of a random code.
    for (const r of rows.rows) expect(JSON.stringify(r)).not.toContain(voters[0]!.id);
    // Receipts check; a secret ballot can be changed only with its receipt code (nothing else finds it).
    for (const code of receipts) expect(await checkReceipt(id, code)).toBe(true);
    expect(await checkReceipt(id, 'AAAA-AAAA-AAAA-AAAA-AAAA')).toBe(false);
    expect((await refusal(castVote(id, voters[0]!, voters[0]!.id, { choice: 'for' }))).code).toBe('code_required');
    // Voter 2 changes "against" to "for": the replaced ballot is kept without voter, time or receipt.
    const changed = await castVote(id, voters[1]!, voters[1]!.id, { choice: 'for', changeCode: receipts[1]! });
    expect(await checkReceipt(id, receipts[1]!)).toBe(false);
    expect(await checkReceipt(id, changed.receipt!)).toBe(true);
    const pastCols = await sql<{ name: string }>`select name from pragma_table_info('governance_secret_ballots_past')`.execute(db);
    expect(pastCols.rows.map((c) => c.name).sort()).toEqual(['choice', 'counted', 'id', 'proposal_id', 'reason', 'round']);
    await expect(sql`select rowid from governance_secret_ballots_past`.execute(db)).rejects.toThrow();
    // Changing leaves no trace in the audit log or the voters table (no update time anywhere).
    expect(await db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).where('action', 'not in', ['governance.proposal_created', 'governance.proposal_opened']).execute()).toHaveLength(0);
    await closeProposal(id, voters[0]!.id);
    // After close: one live ballot per voter, in random-id order; no row mentions any voter.
    const after = await sql<{ id: string }>`select * from governance_secret_ballots where proposal_id = ${id}`.execute(db);
    expect(after.rows).toHaveLength(4);
    expect(after.rows.map((r) => r.id)).toEqual(after.rows.map((r) => r.id).sort());
    const everything = JSON.stringify([after.rows, (await sql`select * from governance_secret_ballots_past`.execute(db)).rows]);
    for (const v of voters) expect(everything).not.toContain(v.id);
    expect(await checkReceipt(id, changed.receipt!)).toBe(true);
    const t = await currentTally((await getProposal(id))!);
    expect(t).toMatchObject({ counts: { for: 3, against: 0, abstain: 1 } });
  });
});

describe('proxies', () => {
  it('a proxy votes for the member, marked; the member voting in person cancels the proxy vote', async () => {
    const grantor = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(base, grantor);
    await appointProxy(grantor, holder.id, id);
    expect(await proxyVotersFor(holder.id, id)).toEqual([{ id: grantor.id, name: grantor.name, votedInPerson: false, votedByProxy: false, needsNewAppointment: false }]);
    await castVote(id, holder, grantor.id, { choice: 'against' });
    let row = await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).where('voter_id', '=', grantor.id).executeTakeFirstOrThrow();
    expect(row.proxy_id).toBe(holder.id);
    await castVote(id, grantor, grantor.id, { choice: 'for' });
    row = await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).where('voter_id', '=', grantor.id).executeTakeFirstOrThrow();
    expect(row.proxy_id).toBeNull();
    expect(JSON.parse(row.choice)).toEqual({ kind: 'resolution', choice: 'for' });
    // The proxy may not override the member's own vote.
    expect((await refusal(castVote(id, holder, grantor.id, { choice: 'against' }))).code).toBe('final');
    expect((await proxyVotersFor(holder.id, id))[0]).toMatchObject({ votedInPerson: true });
  });

  it('refuses a proxy vote without an appointment and after revocation (secret ballots: secret-proxy.server.test.ts)', async () => {
    const grantor = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(base, grantor);
    expect((await refusal(castVote(id, holder, grantor.id, { choice: 'for' }))).code).toBe('no_proxy');
    const { id: proxyId } = await appointProxy(grantor, holder.id, null);
    await revokeProxy(grantor, proxyId);
    expect((await refusal(castVote(id, holder, grantor.id, { choice: 'for' }))).code).toBe('no_proxy');
    expect(await db.selectFrom('governance_ballots').selectAll().where('voter_id', '=', grantor.id).where('proposal_id', '=', id).execute()).toHaveLength(0);
  });

  it('limits how many members one holder can act for', async () => {
    const holder = await makeMember();
    const grantors = [await makeMember(), await makeMember(), await makeMember()];
    const fourth = await makeMember();
    const id = await createProposal(base, holder);
    for (const g of grantors) await appointProxy(g, holder.id, id);
    expect((await refusal(appointProxy(fourth, holder.id, id))).code).toBe('proxy_limit');
    expect((await refusal(appointProxy(fourth, fourth.id, id))).code).toBe('invalid');
  });
});

describe('facilitation, results and register', () => {
  it('hidden results are not computed for members before close; verify count matches after', async () => {
    const a = await makeMember();
    const id = await createProposal({ ...base, hideResults: true }, a);
    await castVote(id, a, a.id, { choice: 'for' });
    const p = (await getProposal(id))!;
    expect(p.result).toBeNull();
    await closeProposal(id, a.id);
    const closed = (await getProposal(id))!;
    expect(closed.result).not.toBeNull();
    expect((await verifyCount(closed)).matches).toBe(true);
  });

  it('only the facilitator closes early or extends; extension must be later', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal(base, a);
    expect((await refusal(closeEarly(id, b))).status).toBe(403);
    expect((await refusal(extendProposal(id, b, Date.now() + 30 * DAY))).status).toBe(403);
    const p = (await getProposal(id))!;
    expect((await refusal(extendProposal(id, a, p.closes_at - 1000))).code).toBe('invalid');
    await extendProposal(id, a, p.closes_at + DAY);
    expect((await getProposal(id))!.closes_at).toBe(p.closes_at + DAY);
    const noEarly = await createProposal({ ...base, allowCloseEarly: false }, a);
    expect((await refusal(closeEarly(noEarly, a))).status).toBe(403);
  });

  it('records binding decisions in an immutable, sequential register; corrections are new entries', async () => {
    const a = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const id = await createProposal({ ...base, kind: 'special', title: 'Change the articles' }, a);
    await castVote(id, a, a.id, { choice: 'for' });
    await closeProposal(id, a.id);
    const advice = await createProposal({ ...base, kind: 'advice' }, a);
    await closeProposal(advice, a.id);
    const decisions = await listDecisions();
    const entry = decisions.find((d) => d.proposal_id === id)!;
    expect(entry).toMatchObject({ kind: 'special', outcome: 'passed', turnout: 1 });
    expect(decisions.some((d) => d.proposal_id === advice)).toBe(false);
    await expect(db.updateTable('governance_decisions').set({ outcome: 'rejected' }).where('number', '=', entry.number).execute()).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('governance_decisions').where('number', '=', entry.number).execute()).rejects.toThrow(/immutable/);
    expect((await refusal(addCorrection(entry.number, a, 'typo'))).status).toBe(403);
    const n = await addCorrection(entry.number, steward, 'The date in the minutes was wrong.');
    expect(n).toBe(entry.number + 1 + (decisions.length - decisions.indexOf(entry) - 1));
    const again = await listDecisions();
    expect(again.find((d) => d.number === n)).toMatchObject({ corrects: entry.number });
  });

  it('"needs your vote" lists open proposals I have not voted on; reminders go only to non-voters', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal(base, a);
    expect((await needsVote(a.id)).map((p) => p.id)).toContain(id);
    await castVote(id, a, a.id, { choice: 'for' });
    expect((await needsVote(a.id)).map((p) => p.id)).not.toContain(id);
    const p = (await getProposal(id))!;
    await runReminderJob({ id, closesAt: p.closes_at });
    const toA = await db.selectFrom('notifications').selectAll().where('user_id', '=', a.id).where('kind', '=', 'governance.closing_soon').execute();
    const toB = await db.selectFrom('notifications').selectAll().where('user_id', '=', b.id).where('kind', '=', 'governance.closing_soon').execute();
    expect(toA).toHaveLength(0);
    expect(toB.length).toBeGreaterThan(0);
  });

  it('amendments are versioned and earlier voters are told', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal(base, a);
    await castVote(id, b, b.id, { choice: 'for' });
    expect((await refusal(amendProposal(id, b, { title: 't', body: 'b', note: '' }))).status).toBe(403);
    const v = await amendProposal(id, a, { title: 'Adopt the revised code', body: 'Revised text', note: 'Clarified clause 3' });
    expect(v).toBe(2);
    await runNotifyJob({ id, what: 'amended', version: v });
    const told = await db.selectFrom('notifications').selectAll().where('user_id', '=', b.id).where('kind', '=', 'governance.amended').execute();
    expect(told).toHaveLength(1);
  });
});
