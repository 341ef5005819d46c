/**
 * Issue 15.6: with no quorum, one vote passed an ordinary resolution. A network-wide default, set by
 * stewards, applies when a proposal sets none: initially two voters, as the Companies Act 2006
 * s318(2) sets for a general meeting (unless the articles say otherwise).
 */
import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../test/factories';
import { getNetworkSettings, updateNetworkSettings } from '~/modules/network/settings.server';
import { castVote } from './proposal-voting.server';
import { closeProposal, createProposal } from './proposal-lifecycle.server';
import { getProposal } from './proposal-read.server';
import { quorum } from './tally';
import { draftProposal } from './test-helpers';

describe('default quorum (s318)', () => {
  it('is two voters out of the box: one "for" does not pass an ordinary resolution', async () => {
    expect((await getNetworkSettings()).governanceQuorumVoters).toBe(2);
    const a = await makeMember();
    await makeMember();
    const id = await createProposal(draftProposal({ quorumPercent: 0 }), a);
    await castVote(id, a, a.id, { choice: 'for' });
    await closeProposal(id, a.id);
    expect((await getProposal(id))!.outcome).toBe('not_quorate');
  });

  it('two voters make it quorate; a proposal with its own percentage keeps it', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const id = await createProposal(draftProposal({ quorumPercent: 0 }), a);
    await castVote(id, a, a.id, { choice: 'for' });
    await castVote(id, b, b.id, { choice: 'against' });
    await castVote(id, b, b.id, { choice: 'abstain' });
    await closeProposal(id, a.id);
    expect((await getProposal(id))!.outcome).toBe('passed');
    const own = await createProposal(draftProposal({ quorumPercent: 10 }), a);
    expect((await getProposal(own))!.quorum_min).toBe(0);
  });

  it('uses the default stewards set at the time the proposal is made', async () => {
    await updateNetworkSettings({ governanceQuorumVoters: 3 });
    const a = await makeMember();
    const id = await createProposal(draftProposal({ quorumPercent: 0 }), a);
    expect((await getProposal(id))!.quorum_min).toBe(3);
    await updateNetworkSettings({ governanceQuorumVoters: 2 });
  });

  it('never asks for more voters than the electorate (s318(1): one member is a quorum when there is one)', () => {
    expect(quorum(1, 1, 0, 2)).toMatchObject({ quorate: true, required: 1 });
    expect(quorum(10, 1, 0, 2)).toMatchObject({ quorate: false, required: 2 });
    expect(quorum(10, 2, 0, 2)).toMatchObject({ quorate: true, required: 2 });
    expect(quorum(10, 2, 30, 2)).toMatchObject({ quorate: false, required: 3 });
  });
});
