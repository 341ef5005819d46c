import { describe, expect, it } from 'vitest';
import { abilitiesFor, can } from './index';
import type { ProposalSubject, ProxyAppointSubject, ProxyVoteSubject } from './governance';

const now = Date.UTC(2026, 11, 2);
const subject = (over: Partial<ProposalSubject> = {}): ProposalSubject => ({
  proposerId: 'proposer',
  kind: 'ordinary',
  status: 'open',
  secret: false,
  hideResults: false,
  allowCloseEarly: true,
  closesAt: now + 1000,
  hasStoredResult: false,
  inElectorate: true,
  now,
  ...over,
});
const memberA = { id: 'a', role: 'member' as const };
const steward = { id: 's', role: 'steward' as const };

describe('governance policy', () => {
  it('a visitor may do nothing', () => {
    for (const ability of ['proposal.read', 'proposal.vote', 'proposal.seeResults', 'proposal.seeTurnout'] as const) expect(can(null, ability, subject())).toBe(false);
  });

  it('results: the stored result after close, for everyone; a closed proposal without one shows none (page and tally resource agree)', () => {
    expect(can(memberA, 'proposal.seeResults', subject({ status: 'closed', hasStoredResult: true }))).toBe(true);
    expect(can(memberA, 'proposal.seeResults', subject({ status: 'closed', hasStoredResult: false }))).toBe(false);
    expect(can(steward, 'proposal.seeResults', subject({ status: 'closed', hasStoredResult: false }))).toBe(false);
  });

  it('while open: secret ballots show turnout only, elections never show a count, hidden results stay hidden (issue 15.8)', () => {
    expect(can(memberA, 'proposal.seeResults', subject())).toBe(true);
    expect(can(memberA, 'proposal.seeResults', subject({ secret: true }))).toBe(false);
    expect(can(memberA, 'proposal.seeTurnout', subject({ secret: true }))).toBe(true);
    expect(can(steward, 'proposal.seeResults', subject({ kind: 'election', secret: true, hideResults: false }))).toBe(false);
    expect(can(memberA, 'proposal.seeResults', subject({ hideResults: true }))).toBe(false);
    expect(can(memberA, 'proposal.seeResults', subject({ status: 'scheduled' }))).toBe(false);
  });

  it('voting: only the frozen electorate, only while open (also after closing time before the job runs)', () => {
    expect(can(memberA, 'proposal.vote', subject())).toBe(true);
    expect(can(memberA, 'proposal.vote', subject({ inElectorate: false }))).toBe(false);
    expect(can(steward, 'proposal.vote', subject({ inElectorate: false }))).toBe(false);
    expect(can(memberA, 'proposal.vote', subject({ closesAt: now }))).toBe(false);
  });

  it('facilitating is for the proposer or a steward; amending for the proposer only, never a circulated written resolution', () => {
    const abilities = ['proposal.close', 'proposal.extend', 'proposal.attach', 'proposal.amend'] as const;
    expect(abilitiesFor(memberA, subject(), abilities)).toEqual({ 'proposal.close': false, 'proposal.extend': false, 'proposal.attach': false, 'proposal.amend': false });
    expect(abilitiesFor(steward, subject(), abilities)).toEqual({ 'proposal.close': true, 'proposal.extend': true, 'proposal.attach': true, 'proposal.amend': false });
    const proposer = { id: 'proposer', role: 'member' as const };
    expect(can(proposer, 'proposal.amend', subject())).toBe(true);
    expect(can(proposer, 'proposal.amend', subject({ kind: 'written' }))).toBe(false);
    expect(can(proposer, 'proposal.close', subject({ allowCloseEarly: false }))).toBe(false);
  });

  it('CIC steps: stewards, serving directors and the step owner', () => {
    expect(can(memberA, 'cicStep.edit', { ownerId: null, actorIsDirector: false })).toBe(false);
    expect(can(memberA, 'cicStep.edit', { ownerId: 'a', actorIsDirector: false })).toBe(true);
    expect(can(memberA, 'cicStep.edit', { ownerId: null, actorIsDirector: true })).toBe(true);
    expect(can(steward, 'cicStep.edit', { ownerId: null, actorIsDirector: false })).toBe(true);
    expect(can(memberA, 'governanceGroup.manage')).toBe(false);
    expect(can(steward, 'governanceGroup.manage')).toBe(true);
  });

  it('the registers, directors and proposals: stewards correct and appoint; any member proposes; visitors nothing', () => {
    for (const ability of ['decision.correct', 'memberRegister.edit', 'director.manage'] as const) {
      expect(can(memberA, ability)).toBe(false);
      expect(can(steward, ability)).toBe(true);
      expect(can(null, ability)).toBe(false);
    }
    expect(can(memberA, 'proposal.create')).toBe(true);
    expect(can(null, 'proposal.create')).toBe(false);
    expect(can(null, 'governanceRecord.read')).toBe(false);
  });

  it('voting for someone else: only their proxy, while open, never on a written resolution (s324), secret ballots only with a keyed appointment', () => {
    const proxyVote = (over: Partial<ProxyVoteSubject> = {}): ProxyVoteSubject => ({ kind: 'election', status: 'open', closesAt: now + 1000, now, memberInElectorate: true, holdsProxy: true, appointmentKeyed: true, secret: true, ...over });
    expect(can(memberA, 'proposal.voteFor', proxyVote())).toBe(true);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ holdsProxy: false }))).toBe(false);
    expect(can(steward, 'proposal.voteFor', proxyVote({ holdsProxy: false }))).toBe(false);
    expect(can(null, 'proposal.voteFor', proxyVote())).toBe(false);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ memberInElectorate: false }))).toBe(false);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ kind: 'written', secret: false }))).toBe(false);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ status: 'closed' }))).toBe(false);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ closesAt: now }))).toBe(false);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ appointmentKeyed: false }))).toBe(false);
    expect(can(memberA, 'proposal.voteFor', proxyVote({ appointmentKeyed: false, secret: false, kind: 'ordinary' }))).toBe(true);
  });
});

describe('govsplit: re-opening a consent proposal', () => {
  it('is the proposer’s alone (not a steward), only for consent proposals that have opened', () => {
    const proposer = { id: 'proposer', role: 'member' as const };
    expect(can(proposer, 'proposal.reopen', subject({ kind: 'consent' }))).toBe(true);
    expect(can(proposer, 'proposal.reopen', subject({ kind: 'consent', status: 'closed' }))).toBe(true);
    expect(can(steward, 'proposal.reopen', subject({ kind: 'consent' }))).toBe(false);
    expect(can(memberA, 'proposal.reopen', subject({ kind: 'consent' }))).toBe(false);
    expect(can(proposer, 'proposal.reopen', subject({ kind: 'consent', status: 'scheduled' }))).toBe(false);
    expect(can(proposer, 'proposal.reopen', subject())).toBe(false);
    expect(can(null, 'proposal.comment', subject())).toBe(false);
  });

  // Appointing a proxy was decided inside the module (participation.server) with its own electorate
  // check; the policy is now the one place that says who may, as for every other governance action.
  it('appointing a proxy: standing always; for one vote only in its electorate, never for a written resolution, a closed vote or a seed-fund vote', () => {
    const appoint = (proposal: ProxyAppointSubject['proposal'], grantorInElectorate = true): ProxyAppointSubject => ({ proposal, grantorInElectorate, holderIsSomeoneElse: true, holderActive: true });
    const open = { kind: 'ordinary' as const, status: 'open' as const };
    expect(can(memberA, 'proxy.appoint', appoint(null))).toBe(true);
    expect(can(null, 'proxy.appoint', appoint(null))).toBe(false);
    expect(can(memberA, 'proxy.appoint', appoint(open))).toBe(true);
    expect(can(memberA, 'proxy.appoint', appoint(open, false))).toBe(false);
    expect(can(steward, 'proxy.appoint', appoint(open, false))).toBe(false);
    // The electorate is frozen when voting opens: a scheduled vote may be covered in advance.
    expect(can(memberA, 'proxy.appoint', appoint({ kind: 'ordinary', status: 'scheduled' }, false))).toBe(true);
    expect(can(memberA, 'proxy.appoint', appoint({ kind: 'ordinary', status: 'closed' }))).toBe(false);
    expect(can(memberA, 'proxy.appoint', appoint({ kind: 'written', status: 'open' }))).toBe(false);
    expect(can(memberA, 'proxy.appoint', appoint({ kind: 'fund_vote', status: 'open' }))).toBe(false);
    expect(can(memberA, 'proxy.appoint', { ...appoint(null), holderIsSomeoneElse: false })).toBe(false);
    expect(can(memberA, 'proxy.appoint', { ...appoint(null), holderActive: false })).toBe(false);
  });
});
