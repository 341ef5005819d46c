import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { makeMember } from '../../../test/factories';
import { amendProposal, closeProposal, createProposal } from './proposal-lifecycle.server';
import { draftProposal, refusal } from './test-helpers';

beforeAll(() => updateNetworkSettings({ governanceQuorumVoters: 0 }));

// amendProposal asks ~/policies/governance `proposal.amend` (the rule the page shows the form from);
// the proposal's state still answers first with its own 409 message.
describe('amending a proposal goes through the policy layer', () => {
  const versions = (id: string) => db.selectFrom('governance_proposal_versions').select('version').where('proposal_id', '=', id).execute();

  it('refuses a steward who is not the proposer (403) and writes nothing', async () => {
    const proposer = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const id = await createProposal(draftProposal(), proposer);
    const before = await versions(id);
    expect(await refusal(amendProposal(id, steward, { title: 'Hijacked', body: 'x', note: '' }))).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await versions(id)).toEqual(before);
    const row = await db.selectFrom('governance_proposals').select('title').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.title).toBe(draftProposal().title);
  });

  it('tells the proposer why when the state forbids it (409 not_open after close), not a bare 403', async () => {
    const proposer = await makeMember();
    const id = await createProposal(draftProposal(), proposer);
    await closeProposal(id, proposer.id);
    expect(await refusal(amendProposal(id, proposer, { title: 't', body: 'b', note: '' }))).toMatchObject({ code: 'not_open', status: 409 });
  });

  it('lets the proposer amend an open ordinary proposal', async () => {
    const proposer = await makeMember();
    const id = await createProposal(draftProposal(), proposer);
    expect(await amendProposal(id, proposer, { title: 'Adopt the revised code', body: 'Revised', note: 'Clause 3' })).toBe(2);
  });
});
