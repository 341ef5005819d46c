/**
 * Governance writes ask the policy layer (app/policies/governance.ts) themselves, so a route that
 * forgot to check still cannot write for a member who may not: each refusal here is a hand-made
 * request from the wrong member reaching the module directly, and nothing may be written.
 */
import { describe, expect, it, vi } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { addDirector, cicRoadmap, endDirectorship, updateCicStep } from './cic.server';
import { addCorrection, setMembershipDates } from './records.server';
import { DAY } from './dates';
import { closeProposal, createProposal, recordOutcome } from './proposal-lifecycle.server';
import { castVote } from './proposal-voting.server';
import { policies } from '~/policies';
import { draftProposal, refusal } from './test-helpers';

const YEAR = 365 * DAY;
const stepInput = (ownerId: string | null) => ({ status: 'in_progress' as const, ownerId, notes: 'Drafting with the lawyer', proposalId: null, link: null });
const stepRow = (key: string) => db.selectFrom('governance_cic_steps').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
const auditCount = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('governance module writes authorize the actor first', () => {
  it('a CIC step: an unrelated member is refused and nothing changes; its owner and a serving director may edit it', async () => {
    await cicRoadmap();
    const steward = await makeMember({ role: 'steward' });
    const owner = await makeMember();
    const director = await makeMember();
    const outsider = await makeMember();
    await updateCicStep(steward, 'choose_model', stepInput(owner.id));
    const before = await stepRow('choose_model');
    const logged = await auditCount();

    expect((await refusal(updateCicStep(outsider, 'choose_model', { ...stepInput(outsider.id), notes: 'mine now' }))).status).toBe(403);
    expect(await stepRow('choose_model')).toEqual(before);
    expect(await auditCount()).toBe(logged);

    await updateCicStep(owner, 'choose_model', { ...stepInput(owner.id), notes: 'Owner update' });
    expect((await stepRow('choose_model')).notes).toBe('Owner update');

    await addDirector(steward, { userId: director.id, termStart: Date.now() - DAY, termEnd: Date.now() + YEAR, proposalId: null });
    await updateCicStep(director, 'choose_model', { ...stepInput(owner.id), notes: 'Director update' });
    expect((await stepRow('choose_model')).notes).toBe('Director update');
  });

  it('directors: only a steward appoints or ends a term', async () => {
    const steward = await makeMember({ role: 'steward' });
    const member = await makeMember();
    const count = async () => (await db.selectFrom('governance_directors').select('id').where('user_id', '=', member.id).execute()).length;
    expect((await refusal(addDirector(member, { userId: member.id, termStart: Date.now(), termEnd: Date.now() + YEAR, proposalId: null }))).status).toBe(403);
    expect(await count()).toBe(0);
    const id = await addDirector(steward, { userId: member.id, termStart: Date.now(), termEnd: Date.now() + YEAR, proposalId: null });
    expect((await refusal(endDirectorship(member, id))).status).toBe(403);
    expect((await db.selectFrom('governance_directors').select('ceased_at').where('id', '=', id).executeTakeFirstOrThrow()).ceased_at).toBeNull();
  });

  it("the register of members: only a steward changes a member's dates", async () => {
    const member = await makeMember();
    const other = await makeMember();
    const before = await db.selectFrom('users').select(['joined_at', 'ceased_at']).where('id', '=', other.id).executeTakeFirstOrThrow();
    expect((await refusal(setMembershipDates(member, other.id, Date.now() - YEAR, Date.now()))).status).toBe(403);
    expect(await db.selectFrom('users').select(['joined_at', 'ceased_at']).where('id', '=', other.id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('the decision register: a member cannot add a correction; the outcome statement is the facilitator’s', async () => {
    const proposer = await makeMember();
    const member = await makeMember();
    const id = await createProposal(draftProposal(), proposer);
    await closeProposal(id, null);
    const decision = await db.selectFrom('governance_decisions').select('number').where('proposal_id', '=', id).executeTakeFirstOrThrow();
    const entries = async () => (await db.selectFrom('governance_decisions').select('number').execute()).length;
    const n = await entries();
    expect((await refusal(addCorrection(decision.number, member, 'not mine to correct'))).status).toBe(403);
    expect(await entries()).toBe(n);
    expect((await refusal(recordOutcome(id, member, 'We did it', null))).status).toBe(403);
    expect((await db.selectFrom('governance_proposals').select('outcome_statement').where('id', '=', id).executeTakeFirstOrThrow()).outcome_statement).toBeNull();
  });
});

describe('voting asks the policy layer (proposal.vote), not an inline electorate check', () => {
  it('a member of the electorate is refused (403, nothing stored) when proposal.vote says no, and votes when it says yes', async () => {
    const proposer = await makeMember();
    const voter = await makeMember();
    const id = await createProposal(draftProposal(), proposer);
    const spy = vi.spyOn(policies['proposal.vote'], 'allow').mockReturnValue(false);
    try {
      expect(await refusal(castVote(id, voter, voter.id, { choice: 'for' }))).toMatchObject({ code: 'forbidden', status: 403 });
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ id: voter.id }), expect.objectContaining({ inElectorate: true, status: 'open' }));
    } finally {
      spy.mockRestore();
    }
    expect(await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    await castVote(id, voter, voter.id, { choice: 'for' });
    expect(await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(1);
  });

  it('outside the electorate: 403 not_eligible whether or not it has closed (its state is not revealed); inside after close: 409 not_open', async () => {
    const proposer = await makeMember();
    const id = await createProposal({ ...draftProposal(), allowCloseEarly: true }, proposer);
    const outsider = await makeMember();
    await closeProposal(id, null);
    expect(await refusal(castVote(id, outsider, outsider.id, { choice: 'for' }))).toMatchObject({ code: 'not_eligible', status: 403 });
    expect(await refusal(castVote(id, proposer, proposer.id, { choice: 'for' }))).toMatchObject({ code: 'not_open', status: 409 });
  });
});
