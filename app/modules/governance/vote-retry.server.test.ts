/**
 * Issue 12.8: a vote is stored but its answer never reaches the phone (the connection drops, the
 * server is killed). The phone sends the same form again. It must get the same outcome and the same
 * receipt — not "you have already voted, enter your receipt code" for a code it never saw — and the
 * database must still hold nothing that links a ballot to its voter.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { RECEIPT_LENGTH, castVote, faults, newReceipt, receiptHash } from './proposal-voting.server';
import { closeProposal, createProposal } from './proposal-lifecycle.server';
import { currentTally } from './proposal-count.server';
import { getProposal } from './proposal-read.server';
import { newFormToken, readBox } from './ballot-box.server';
import { draftProposal, refusal } from './test-helpers';

const secret = draftProposal({ secret: true, hideResults: true });

async function dump(): Promise<string> {
  const tables = ['governance_voters', 'governance_secret_ballots', 'governance_secret_ballots_past', 'governance_ballots', 'audit_log', 'jobs'];
  const out: unknown[] = [];
  for (const t of tables) out.push((await sql`select * from ${sql.table(t)}`.execute(db)).rows);
  return JSON.stringify(out);
}

describe('the same vote form sent twice (answer lost)', () => {
  it('secret ballot: the retry gets the same receipt; one ballot is stored', async () => {
    const a = await makeMember();
    const id = await createProposal(secret, a);
    const formToken = newFormToken();
    const first = await castVote(id, a, a.id, { choice: 'for', formToken });
    // The answer is lost; the browser sends the very same form again.
    const again = await castVote(id, a, a.id, { choice: 'for', formToken });
    expect(again.receipt).toBe(first.receipt);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
    // The database holds neither the receipt nor anything derived from the token alone.
    const everything = await dump();
    expect(everything).not.toContain(first.receipt!);
    expect(everything).not.toContain(formToken);
    expect(everything).not.toContain(receiptHash(id, first.receipt!));
    // A new form (a second vote attempt, not a retry) still needs the receipt code.
    expect((await refusal(castVote(id, a, a.id, { choice: 'against', formToken: newFormToken() }))).code).toBe('code_required');
  });

  it('secret ballot: the server dies after "has voted" and before the ballot; the retry finishes the vote', async () => {
    const a = await makeMember();
    const id = await createProposal(secret, a);
    const formToken = newFormToken();
    faults.dieBeforeBallotStored = true;
    try {
      await expect(castVote(id, a, a.id, { choice: 'against', formToken })).rejects.toThrow(/simulated crash/);
    } finally {
      faults.dieBeforeBallotStored = false;
    }
    expect(readBox(id)).toHaveLength(0);
    const retry = await castVote(id, a, a.id, { choice: 'against', formToken });
    expect(retry.receipt).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(await castVote(id, a, a.id, { choice: 'against', formToken })).toEqual(retry);
    await closeProposal(id, null);
    expect(await currentTally((await getProposal(id))!)).toMatchObject({ counts: { for: 0, against: 1, abstain: 0 } });
  });

  it('a retry of the agreement that passed a written resolution says "passed", not "voting is closed"', async () => {
    const first = await makeMember();
    const id = await createProposal(draftProposal({ kind: 'written' }), first);
    const electorate = await db.selectFrom('governance_electorate').select('user_id').where('proposal_id', '=', id).execute();
    const need = Math.floor(electorate.length / 2) + 1;
    let last = { token: '', voter: '' };
    for (let i = 0; i < need; i++) {
      const uid = electorate[i]!.user_id;
      last = { token: newFormToken(), voter: uid };
      await castVote(id, { id: uid }, uid, { choice: 'for', formToken: last.token });
    }
    expect((await getProposal(id))!.status).toBe('closed');
    const retry = await castVote(id, { id: last.voter }, last.voter, { choice: 'for', formToken: last.token });
    expect(retry).toEqual({ receipt: null, passedEarly: true });
  });

  it('40 voters each sending their form twice at once (80 concurrent requests): one receipt per voter, every ballot counted once', async () => {
    const members: Awaited<ReturnType<typeof makeMember>>[] = [];
    for (let i = 0; i < 40; i++) members.push(await makeMember());
    const id = await createProposal(secret, members[0]!);
    const tokens = members.map(() => newFormToken());
    const results = await Promise.all(members.flatMap((m, i) => [castVote(id, m, m.id, { choice: 'for', formToken: tokens[i] }), castVote(id, m, m.id, { choice: 'for', formToken: tokens[i] })]));
    for (let i = 0; i < members.length; i++) expect(results[2 * i]!.receipt).toBe(results[2 * i + 1]!.receipt);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(members.length);
  });
});

describe('receipt codes (issue 15.9)', () => {
  it('carry at least 80 random bits, in groups of four that are easy to copy', () => {
    // 20 characters from a 32-character alphabet: 20 × 5 = 100 bits.
    expect(RECEIPT_LENGTH * Math.log2(32)).toBeGreaterThanOrEqual(80);
    const codes = new Set(Array.from({ length: 2000 }, () => newReceipt()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
  });

  it('are accepted however they are typed back (lower case, spaces, no dashes)', async () => {
    const a = await makeMember();
    const id = await createProposal(secret, a);
    const { receipt } = await castVote(id, a, a.id, { choice: 'for' });
    const typed = receipt!.toLowerCase().replace(/-/g, ' ');
    await castVote(id, a, a.id, { choice: 'against', changeCode: typed });
  });
});
