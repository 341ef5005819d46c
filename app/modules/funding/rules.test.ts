import { describe, expect, it } from 'vitest';
import { checkMoney, checkRoundMoney, detectConflicts, moderate, ownProjects, panelAwards, screen, suppress, weightedScore, type ConflictFacts } from './rules';

describe('eligibility screening', () => {
  const qs = [
    { id: 'lives', text: 'Do you live in Birmingham, Coventry or Wolverhampton?', qualifies: true, explanation: 'This round is for the three cities.' },
    { id: 'profit', text: 'Will the grant pay for a private business profit?', qualifies: false, explanation: 'Seed grants are for community benefit.' },
  ];
  it('is eligible when every answer qualifies', () => {
    expect(screen(qs, { lives: true, profit: false })).toEqual({ status: 'eligible' });
  });
  it('explains each answer that does not qualify, before applying', () => {
    expect(screen(qs, { lives: false, profit: true })).toEqual({
      status: 'not-eligible',
      reasons: [
        { questionId: 'lives', explanation: 'This round is for the three cities.' },
        { questionId: 'profit', explanation: 'Seed grants are for community benefit.' },
      ],
    });
  });
  it('says a known "no" at once even while other questions are open', () => {
    expect(screen(qs, { lives: false }).status).toBe('not-eligible');
    expect(screen(qs, { lives: true })).toEqual({ status: 'incomplete', unanswered: ['profit'] });
  });
});

describe('amount and budget lines', () => {
  const round = { pot: 10_000, minGrant: 500, maxGrant: 3_000 };
  const lines = (...a: number[]) => a.map((amount, i) => ({ label: `line ${i}`, amount }));
  it('accepts lines that add up to an amount within the limits', () => {
    expect(checkMoney(round, 2_000, lines(1_500, 500))).toEqual([]);
  });
  it('refuses an amount above the maximum', () => {
    expect(checkMoney(round, 3_001, lines(3_001))).toContainEqual({ field: 'amount', error: 'amount-above-max' });
  });
  it('refuses an amount above the pot (even if the maximum were higher)', () => {
    expect(checkMoney({ ...round, maxGrant: 20_000 }, 12_000, lines(12_000))).toContainEqual({ field: 'amount', error: 'amount-above-pot' });
  });
  it('refuses an amount below the minimum, in pence, or negative', () => {
    expect(checkMoney(round, 100, lines(100))).toContainEqual({ field: 'amount', error: 'amount-below-min' });
    expect(checkMoney(round, 1000.5, lines(1000.5))).toContainEqual({ field: 'amount', error: 'amount-not-whole' });
    expect(checkMoney(round, -5, lines(-5))).toContainEqual({ field: 'amount', error: 'amount-not-whole' });
  });
  it('refuses lines that do not add up, are missing, or have no label', () => {
    expect(checkMoney(round, 2_000, lines(1_500, 400))).toEqual([{ field: 'lines', error: 'lines-do-not-add-up' }]);
    expect(checkMoney(round, 2_000, [])).toEqual([{ field: 'lines', error: 'lines-missing' }]);
    expect(checkMoney(round, 2_000, [{ label: ' ', amount: 2_000 }])).toEqual([{ field: 'lines', error: 'line-label-missing' }]);
    expect(checkMoney(round, 2_000, lines(...Array(9).fill(1)))).toContainEqual({ field: 'lines', error: 'lines-too-many' });
  });
  it('checks a round’s own limits', () => {
    expect(checkRoundMoney({ pot: 1000, minGrant: 800, maxGrant: 500 })).toContain('min-above-max');
    expect(checkRoundMoney({ pot: 1000, minGrant: 100, maxGrant: 1500 })).toContain('max-above-pot');
    expect(checkRoundMoney({ pot: 1000, minGrant: 100, maxGrant: 500 })).toEqual([]);
  });
});

describe('conflicts of interest from the network’s own data', () => {
  const base: ConflictFacts = {
    leadApplicantId: 'amal',
    coApplicantIds: ['bogdan'],
    orgId: null,
    hostOrgId: 'host-org',
    mentorships: [],
    bidPartners: [],
    orgMembers: [],
  };
  const kinds = (reviewer: string, f: Partial<ConflictFacts>) => detectConflicts(reviewer, { ...base, ...f }).map((c) => c.kind);

  it('finds none for an unrelated reviewer', () => {
    expect(kinds('rev', {})).toEqual([]);
  });
  it('flags a reviewer who mentors an applicant, or is mentored by one', () => {
    expect(kinds('rev', { mentorships: [{ mentorId: 'rev', menteeId: 'amal', status: 'active' }] })).toEqual(['mentoring']);
    expect(kinds('rev', { mentorships: [{ mentorId: 'bogdan', menteeId: 'rev', status: 'closed' }] })).toEqual(['mentoring']);
  });
  it('ignores mentoring that was only requested or declined', () => {
    expect(kinds('rev', { mentorships: [{ mentorId: 'rev', menteeId: 'amal', status: 'declined' }] })).toEqual([]);
  });
  it('flags a partner on the same bid (member or the applying organisation)', () => {
    const bidPartners = [
      { bidId: 'b1', userId: 'rev', orgId: null, status: 'accepted' },
      { bidId: 'b1', userId: 'amal', orgId: null, status: 'accepted' },
    ];
    expect(kinds('rev', { bidPartners })).toEqual(['bid-partner']);
    expect(kinds('rev', { orgId: 'o1', bidPartners: [bidPartners[0], { bidId: 'b1', userId: null, orgId: 'o1', status: 'invited' }] })).toEqual(['bid-partner']);
    expect(kinds('rev', { bidPartners: [bidPartners[0], { ...bidPartners[1], status: 'declined' }] })).toEqual([]);
  });
  it('flags the same organisation (the applying one or an applicant’s) and the host organisation', () => {
    expect(kinds('rev', { orgId: 'o1', orgMembers: [{ orgId: 'o1', userId: 'rev' }] })).toEqual(['same-organisation']);
    expect(kinds('rev', { orgMembers: [{ orgId: 'o2', userId: 'rev' }, { orgId: 'o2', userId: 'bogdan' }] })).toEqual(['same-organisation']);
    expect(kinds('rev', { orgMembers: [{ orgId: 'host-org', userId: 'rev' }] })).toEqual(['host-organisation']);
  });
  it('flags a co-applicant and the applicant themself', () => {
    expect(kinds('bogdan', {})).toEqual(['co-applicant']);
    expect(kinds('amal', {})).toEqual(['applicant']);
  });
});

describe('score moderation', () => {
  const criteria = [{ id: 'need', weight: 2 }, { id: 'plan', weight: 1 }];
  it('weights criteria and needs every one scored', () => {
    expect(weightedScore(criteria, { need: 5, plan: 2 })).toBe(4);
    expect(weightedScore(criteria, { need: 5 })).toBeNull();
  });
  it('shows spread and flags large disagreement', () => {
    const m = moderate([2, 4.5]);
    expect(m.spread).toBe(2.5);
    expect(m.flagged).toBe(true);
    expect(moderate([3, 3.5, 4]).flagged).toBe(false);
  });
  it('flags an outlier against the others’ median', () => {
    expect(moderate([4, 4.5, 4, 1.5]).outliers).toEqual([3]);
    expect(moderate([]).count).toBe(0);
  });
});

describe('panel decides', () => {
  const items = [
    { id: 'a', amount: 3000, score: 4.5, submittedAt: 1 },
    { id: 'b', amount: 4000, score: 4.0, submittedAt: 2 },
    { id: 'c', amount: 2000, score: 3.5, submittedAt: 3 },
    { id: 'd', amount: 500, score: null, submittedAt: 4 },
  ];
  it('funds in score order until the pot is spent, skipping what no longer fits', () => {
    expect(panelAwards(items, 5500, { allowPartial: false, minGrant: 500 })).toEqual([
      { id: 'a', award: 3000, partial: false },
      { id: 'c', award: 2000, partial: false },
    ]);
  });
  it('offers a partial grant when allowed', () => {
    expect(panelAwards(items, 5500, { allowPartial: true, minGrant: 500 })).toEqual([
      { id: 'a', award: 3000, partial: false },
      { id: 'b', award: 2500, partial: true },
    ]);
  });
  it('breaks a tie in score by earlier submission', () => {
    const tied = [{ id: 'late', amount: 100, score: 4, submittedAt: 9 }, { id: 'early', amount: 100, score: 4, submittedAt: 1 }];
    expect(panelAwards(tied, 100, { allowPartial: false, minGrant: 1 })[0].id).toBe('early');
  });
});

describe('members’ vote and reports', () => {
  it('finds a voter’s own and co-applied projects on their ballot', () => {
    const applicants = new Map([['p1', ['amal', 'bogdan']], ['p2', ['chen']]]);
    expect(ownProjects('bogdan', ['p1', 'p2'], applicants)).toEqual(['p1']);
    expect(ownProjects('dina', ['p1', 'p2'], applicants)).toEqual([]);
  });
  it('suppresses people counts under five', () => {
    expect([0, 1, 4, 5, 12].map(suppress)).toEqual([0, null, null, 5, 12]);
  });
});
