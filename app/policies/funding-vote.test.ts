import { describe, expect, it } from 'vitest';
import { abilitiesFor, authorize, can } from './index';
import type { FundVoteSubject } from './funding';

const memberA = { id: 'a', role: 'member' as const };
const steward = { id: 's', role: 'steward' as const };

function status(f: () => void): number {
  try {
    f();
  } catch (e) {
    return (e as Response).status;
  }
  return 200;
}

const base: FundVoteSubject = { method: 'members', roundStatus: 'open', reviewOpen: false, applicationsClosed: true, vote: 'none', votingOpen: false, inElectorate: false, appliedInRound: false };

describe("members' vote policy", () => {
  it('lets only a steward open it, only after applications close, never for a panel-decided round', () => {
    expect(can(steward, 'fundVote.open', base)).toBe(true);
    expect(status(() => authorize(memberA, 'fundVote.open', base))).toBe(403);
    expect(status(() => authorize(null, 'fundVote.open', base))).toBe(403);
    expect(can(steward, 'fundVote.open', { ...base, applicationsClosed: false })).toBe(false);
    expect(can(steward, 'fundVote.open', { ...base, method: 'panel' })).toBe(false);
    expect(can(steward, 'fundVote.open', { ...base, vote: 'open' })).toBe(false);
    expect(can(steward, 'fundVote.open', { ...base, roundStatus: 'decided' })).toBe(false);
  });

  it('opens "panel shortlists, members decide" only once the panel has reviewed', () => {
    const shortlist = { ...base, method: 'panel-then-members' as const };
    expect(can(steward, 'fundVote.open', shortlist)).toBe(false);
    expect(can(steward, 'fundVote.open', { ...shortlist, roundStatus: 'closed', reviewOpen: true })).toBe(true);
  });

  it('lets only the frozen electorate vote, and only while it is open', () => {
    const open = { ...base, roundStatus: 'closed' as const, vote: 'open' as const, votingOpen: true };
    expect(can(memberA, 'fundVote.vote', { ...open, inElectorate: true })).toBe(true);
    expect(status(() => authorize(memberA, 'fundVote.vote', open))).toBe(403);
    expect(status(() => authorize(steward, 'fundVote.vote', open))).toBe(403);
    expect(can(memberA, 'fundVote.vote', { ...open, inElectorate: true, votingOpen: false })).toBe(false);
  });

  it('closes by a steward after its time, shows the result to members only once counted, confirms once', () => {
    const open = { ...base, vote: 'open' as const, votingOpen: true, inElectorate: true };
    expect(can(steward, 'fundVote.close', open)).toBe(false);
    expect(can(steward, 'fundVote.close', { ...open, votingOpen: false })).toBe(true);
    expect(can(memberA, 'fundVote.close', { ...open, votingOpen: false })).toBe(false);
    expect(abilitiesFor(memberA, open, ['fundVote.seeResult', 'fundVote.confirm'])).toEqual({ 'fundVote.seeResult': false, 'fundVote.confirm': false });
    const closed = { ...open, vote: 'closed' as const, votingOpen: false };
    expect(abilitiesFor(memberA, closed, ['fundVote.seeResult', 'fundVote.confirm'])).toEqual({ 'fundVote.seeResult': true, 'fundVote.confirm': false });
    expect(can(steward, 'fundVote.confirm', closed)).toBe(true);
    expect(can(steward, 'fundVote.confirm', { ...closed, vote: 'confirmed' })).toBe(false);
    expect(status(() => authorize(null, 'fundVote.seeResult', closed))).toBe(403);
  });

  it('keeps a steward who applied in the round from opening the vote (choosing its shortlist) or confirming its awards', () => {
    expect(status(() => authorize(steward, 'fundVote.open', { ...base, appliedInRound: true }))).toBe(403);
    const closed = { ...base, vote: 'closed' as const, appliedInRound: true };
    expect(status(() => authorize(steward, 'fundVote.confirm', closed))).toBe(403);
    expect(can(steward, 'fundVote.confirm', { ...closed, appliedInRound: false })).toBe(true);
  });

  it('lets no host answer for an application after its round was decided without it', () => {
    const host = { status: 'submitted' as const, kind: 'group' as const, isHostMember: true, voteOpened: false, isApplicant: false, roundDecided: false };
    expect(can(memberA, 'fundHost.respond', host)).toBe(true);
    expect(status(() => authorize(memberA, 'fundHost.respond', { ...host, roundDecided: true }))).toBe(403);
  });
});
