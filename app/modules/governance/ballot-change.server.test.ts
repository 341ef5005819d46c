import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { DAY } from './dates';
import { castVote, checkReceipt } from './proposal-voting.server';
import { closeProposal, createProposal, recordOutcome, reopenConsent } from './proposal-lifecycle.server';
import { currentTally } from './proposal-count.server';
import { getProposal } from './proposal-read.server';
import { decisionsCsv } from './minutes.server';
import { listDecisions } from './records.server';
import { draftProposal, refusal } from './test-helpers';
import { readBox } from './ballot-box.server';

// These tests are about other rules and count single votes; the network's default quorum (two
// voters) is tested in quorum-default.server.test.ts.
beforeAll(() => updateNetworkSettings({ governanceQuorumVoters: 0 }));

const base = draftProposal({ title: 'Rent a hall for the AGM', body: 'We rent the community hall.', secret: true, hideResults: true });


describe('changing a secret ballot needs the code of YOUR ballot', () => {
  it("another member's receipt code does not replace their ballot", async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal(base, a);
    const mine = await castVote(id, a, a.id, { choice: 'for' });
    const theirs = await castVote(id, b, b.id, { choice: 'against' });
    // A has voted and sends B's code: refused, B's ballot stays and still verifies.
    const e = await refusal(castVote(id, a, a.id, { choice: 'for', changeCode: theirs.receipt! }));
    expect(e).toMatchObject({ code: 'code_unknown', status: 400 });
    expect(await checkReceipt(id, theirs.receipt!)).toBe(true);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(2);
    // A's own code still works.
    await castVote(id, a, a.id, { choice: 'abstain', changeCode: mine.receipt! });
    await closeProposal(id, a.id);
    expect(await currentTally((await getProposal(id))!)).toMatchObject({ counts: { for: 0, against: 1, abstain: 1 } });
  });

  it('the stored tag cannot be reproduced without the server secret', async () => {
    const a = await makeMember();
    const id = await createProposal(base, a);
    const { receipt } = await castVote(id, a, a.id, { choice: 'for' });
    const [entry] = readBox(id);
    expect(entry!.ownerTag).toMatch(/^[0-9a-f]{64}$/);
    expect(entry!.ownerTag).not.toBe(createHash('sha256').update(`${id}:${a.id}:${receipt}`).digest('hex'));
  });

  it('after 5 wrong codes the member must wait, with a clear refusal; others are not affected', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal(base, a);
    const mine = await castVote(id, a, a.id, { choice: 'for' });
    const theirs = await castVote(id, b, b.id, { choice: 'against' });
    for (let i = 0; i < 4; i++) expect((await refusal(castVote(id, a, a.id, { choice: 'against', changeCode: 'AAAAA-AAAAA' }))).code).toBe('code_unknown');
    expect((await refusal(castVote(id, a, a.id, { choice: 'against', changeCode: theirs.receipt! }))).code).toBe('code_unknown');
    // Even the right code waits now.
    expect(await refusal(castVote(id, a, a.id, { choice: 'against', changeCode: mine.receipt! }))).toMatchObject({ code: 'code_blocked', status: 429 });
    expect(await checkReceipt(id, mine.receipt!)).toBe(true);
    // B can still change their own ballot.
    await castVote(id, b, b.id, { choice: 'for', changeCode: theirs.receipt! });
  });

  it('a secret written resolution cannot be changed, even with the right code (409 final)', async () => {
    const a = await makeMember();
    await makeMember();
    await makeMember();
    const id = await createProposal({ ...base, kind: 'written', hideResults: false, allowCloseEarly: false }, a);
    // New written resolutions are never secret; one stored as secret (older data, or a direct edit)
    // must still refuse a change sent by a hand-made POST with a receipt code.
    await db.updateTable('governance_proposals').set({ secret: 1 }).where('id', '=', id).execute();
    const { receipt } = await castVote(id, a, a.id, { choice: 'against' });
    expect(await refusal(castVote(id, a, a.id, { choice: 'for', changeCode: receipt! }))).toMatchObject({ code: 'final', status: 409 });
    expect(await checkReceipt(id, receipt!)).toBe(true);
    expect(readBox(id).map((e) => JSON.parse(e.choice))).toEqual([{ kind: 'resolution', choice: 'against' }]);
  });
});

describe('consent proposal re-opened after close', () => {
  it("keeps round 1's register entry, the new entry supersedes it, and the review reminder is cancelled", async () => {
    const proposer = await makeMember();
    const objector = await makeMember();
    const id = await createProposal({ ...base, kind: 'consent', secret: false, hideResults: false }, proposer);
    await castVote(id, objector, objector.id, { choice: 'object', reason: 'Too expensive' });
    await closeProposal(id, proposer.id);
    const reviewAt = Date.now() + 30 * DAY;
    await recordOutcome(id, { id: proposer.id, role: 'member' }, 'Not agreed yet.', reviewAt);
    const reviewJob = () => db.selectFrom('jobs').select('id').where('unique_key', '=', `governance.review:${id}:${reviewAt}`).where('status', '=', 'pending').execute();
    expect(await reviewJob()).toHaveLength(1);
    // Moving the review date leaves one reminder, for the new date.
    await recordOutcome(id, { id: proposer.id, role: 'member' }, 'Not agreed yet.', reviewAt + DAY);
    expect(await reviewJob()).toHaveLength(0);
    await recordOutcome(id, { id: proposer.id, role: 'member' }, 'Not agreed yet.', reviewAt);
    expect(await reviewJob()).toHaveLength(1);

    await reopenConsent(id, proposer, { title: 'Rent a smaller hall', body: 'A cheaper hall.', note: '', days: 3 });
    expect(await reviewJob()).toHaveLength(0);
    await castVote(id, objector, objector.id, { choice: 'consent' });
    await closeProposal(id, proposer.id);

    const entries = await db.selectFrom('governance_decisions').select(['number', 'outcome', 'supersedes']).where('proposal_id', '=', id).orderBy('number').execute();
    expect(entries).toEqual([
      { number: entries[0]!.number, outcome: 'rejected', supersedes: null },
      { number: entries[1]!.number, outcome: 'passed', supersedes: entries[0]!.number },
    ]);
    // The round-2 statement is shown with the round-2 entry only.
    await recordOutcome(id, { id: proposer.id, role: 'member' }, 'Agreed with the cheaper hall.', null);
    const listed = (await listDecisions()).filter((d) => d.proposal_id === id);
    expect(listed.map((d) => d.outcome_statement)).toEqual([null, 'Agreed with the cheaper hall.']);
    const csv = await decisionsCsv();
    expect(csv.split(/\r?\n/)[0]).toMatch(/,supersedes$/);
    expect(csv).toMatch(new RegExp(`^${entries[1]!.number},.*,${entries[0]!.number}\\r?$`, 'm'));
  });
});
