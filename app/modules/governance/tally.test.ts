import { describe, expect, it } from 'vitest';
import {
  droopQuota,
  ordinaryPasses,
  quorum,
  specialPasses,
  stv,
  tally,
  writtenPasses,
  writtenRequired,
  type TallyBallot,
} from './tally';

const res = (choice: 'for' | 'against' | 'abstain', n: number): TallyBallot[] =>
  Array.from({ length: n }, () => ({ choice: { kind: 'resolution', choice } }));
const rank = (ranking: string[], n: number): string[][] => Array.from({ length: n }, () => ranking);

describe('ordinary resolution: more than half of for + against', () => {
  it('passes with one more for than against', () => {
    expect(ordinaryPasses({ for: 6, against: 5, abstain: 0 })).toBe(true);
  });
  it('fails at exactly half', () => {
    expect(ordinaryPasses({ for: 5, against: 5, abstain: 0 })).toBe(false);
  });
  it('ignores abstentions in the denominator', () => {
    // 3 for, 2 against, 10 abstain: 3/5 = 60% of votes cast.
    expect(ordinaryPasses({ for: 3, against: 2, abstain: 10 })).toBe(true);
  });
  it('fails with no votes cast', () => {
    expect(ordinaryPasses({ for: 0, against: 0, abstain: 4 })).toBe(false);
  });
  it('tally() records abstentions and the outcome', () => {
    const r = tally({ kind: 'ordinary', electorate: 20, quorumPercent: 0 }, [...res('for', 4), ...res('against', 3), ...res('abstain', 2)]);
    expect(r).toMatchObject({ outcome: 'passed', counts: { for: 4, against: 3, abstain: 2 }, votesCast: 7 });
  });
});

describe('special resolution: at least 75% of votes cast', () => {
  it('passes at exactly 75%', () => {
    expect(specialPasses({ for: 3, against: 1, abstain: 0 })).toBe(true);
    expect(specialPasses({ for: 75, against: 25, abstain: 7 })).toBe(true);
  });
  it('fails just under 75%', () => {
    // 74 / 100 and 2 / 3 (66.7%)
    expect(specialPasses({ for: 74, against: 26, abstain: 0 })).toBe(false);
    expect(specialPasses({ for: 2, against: 1, abstain: 0 })).toBe(false);
  });
  it('fails with no votes cast', () => {
    expect(specialPasses({ for: 0, against: 0, abstain: 0 })).toBe(false);
  });
});

describe('quorum as a percentage of the frozen electorate', () => {
  it('is quorate exactly at the percentage', () => {
    expect(quorum(20, 5, 25).quorate).toBe(true);
    expect(quorum(20, 4, 25).quorate).toBe(false);
    expect(quorum(20, 5, 25).required).toBe(5);
  });
  it('rounds the required number up', () => {
    // 30% of 7 = 2.1 → 3 ballots needed.
    expect(quorum(7, 2, 30).quorate).toBe(false);
    expect(quorum(7, 3, 30).quorate).toBe(true);
    expect(quorum(7, 3, 30).required).toBe(3);
  });
  it('marks a unanimous but inquorate vote "not quorate"', () => {
    const r = tally({ kind: 'ordinary', electorate: 100, quorumPercent: 10 }, res('for', 9));
    expect(r.outcome).toBe('not_quorate');
    const r2 = tally({ kind: 'ordinary', electorate: 100, quorumPercent: 10 }, res('for', 10));
    expect(r2.outcome).toBe('passed');
  });
  it('counts abstentions towards quorum', () => {
    const r = tally({ kind: 'special', electorate: 10, quorumPercent: 50 }, [...res('for', 3), ...res('abstain', 2)]);
    expect(r.outcome).toBe('passed');
  });
});

describe('written resolution: denominator is all eligible members', () => {
  it('ordinary: needs more than half of everyone eligible', () => {
    expect(writtenRequired(10, 'ordinary')).toBe(6);
    expect(writtenPasses(5, 10, 'ordinary')).toBe(false);
    expect(writtenPasses(6, 10, 'ordinary')).toBe(true);
    expect(writtenRequired(9, 'ordinary')).toBe(5);
  });
  it('special: at least 75% of everyone eligible, exactly 75% passes', () => {
    expect(writtenRequired(8, 'special')).toBe(6);
    expect(writtenPasses(6, 8, 'special')).toBe(true);
    expect(writtenPasses(5, 8, 'special')).toBe(false);
    expect(writtenRequired(10, 'special')).toBe(8);
  });
  it('votes cast do not matter: 5 of 5 voters is not a majority of 20 eligible', () => {
    const r = tally({ kind: 'written', electorate: 20, quorumPercent: 0 }, res('for', 5));
    expect(r.outcome).toBe('pending');
    const lapsed = tally({ kind: 'written', electorate: 20, quorumPercent: 0, lapsed: true }, res('for', 5));
    expect(lapsed.outcome).toBe('lapsed');
  });
  it('passes as soon as the share is reached, even before the lapse date', () => {
    const r = tally({ kind: 'written', electorate: 20, quorumPercent: 0 }, [...res('for', 11), ...res('against', 1)]);
    expect(r.outcome).toBe('passed');
  });
});

describe('consent', () => {
  it('passes with consents and abstentions', () => {
    const r = tally({ kind: 'consent', electorate: 5, quorumPercent: 0 }, [
      { choice: { kind: 'consent', choice: 'consent' } },
      { choice: { kind: 'consent', choice: 'abstain' } },
    ]);
    expect(r.outcome).toBe('passed');
  });
  it('one objection blocks it and its reason is reported', () => {
    const r = tally({ kind: 'consent', electorate: 5, quorumPercent: 0 }, [
      { choice: { kind: 'consent', choice: 'consent' } },
      { choice: { kind: 'consent', choice: 'object' }, reason: 'Breaks the asset lock' },
    ]);
    expect(r).toMatchObject({ outcome: 'rejected', objections: ['Breaks the asset lock'] });
  });
});

describe('advice', () => {
  it('is non-binding and keeps reasons', () => {
    const r = tally({ kind: 'advice', electorate: 5, quorumPercent: 0 }, [
      { choice: { kind: 'advice', choice: 'agree' } },
      { choice: { kind: 'advice', choice: 'block' }, reason: 'Too fast' },
      { choice: { kind: 'advice', choice: 'disagree' } },
    ]);
    expect(r).toMatchObject({ outcome: 'advisory', counts: { agree: 1, disagree: 1, abstain: 0, block: 1 }, reasons: [{ choice: 'block', reason: 'Too fast' }] });
  });
});

describe('polls', () => {
  const options = [
    { id: 'a', label: 'Saturday' },
    { id: 'b', label: 'Sunday' },
    { id: 'c', label: 'Weekday evening' },
  ];
  it('single choice counts one option per ballot', () => {
    const r = tally({ kind: 'poll', electorate: 5, quorumPercent: 0, pollMode: 'single', options }, [
      { choice: { kind: 'poll', options: ['a', 'b'] } },
      { choice: { kind: 'poll', options: ['b'] } },
    ]);
    expect(r).toMatchObject({ counts: { a: 1, b: 1, c: 0 }, leaders: ['a', 'b'] });
  });
  it('multiple choice counts each option once per ballot and ignores unknown ones', () => {
    const r = tally({ kind: 'poll', electorate: 5, quorumPercent: 0, pollMode: 'multiple', options }, [
      { choice: { kind: 'poll', options: ['a', 'b', 'b', 'zzz'] } },
      { choice: { kind: 'poll', options: ['b'] } },
    ]);
    expect(r).toMatchObject({ counts: { a: 1, b: 2, c: 0 }, leaders: ['b'] });
  });
  it('score sums valid scores only', () => {
    const r = tally({ kind: 'poll', electorate: 5, quorumPercent: 0, pollMode: 'score', maxScore: 5, options }, [
      { choice: { kind: 'score', scores: { a: 5, b: 2, c: 9 } } },
      { choice: { kind: 'score', scores: { a: 1, b: 4, c: 3 } } },
    ]);
    expect(r).toMatchObject({ counts: { a: 6, b: 6, c: 3 }, leaders: ['a', 'b'] });
  });
});

describe('STV', () => {
  it('Droop quota: votes / (seats + 1), fraction dropped, plus one', () => {
    expect(droopQuota(20, 3)).toBe(6);
    expect(droopQuota(4000, 4)).toBe(801); // the 4-seat, 4,000-vote example published on saltire.net
    expect(droopQuota(5000, 4)).toBe(1001);
    expect(droopQuota(5000, 1)).toBe(2501);
  });

  /**
   * Published worked example: the "food election" in Wikipedia's "Single transferable vote" article
   * (section "Example"; also reproduced at liquisearch.com/single_transferable_vote/example).
   * 20 voters, 3 seats, Droop quota 6. Ballots: 4 Orange; 2 Pear > Orange; 8 Chocolate > Strawberry;
   * 4 Chocolate > Sweets; 1 Strawberry; 1 Sweets.
   * Round 1: Chocolate 12 elected. Round 2: surplus 6 transfers at 6/12: Strawberry 1+4=5, Sweets 1+2=3;
   * nobody reaches quota. Pear (2) excluded → Orange 6, elected with no surplus. Sweets excluded;
   * Strawberry takes the last seat. Winners: Chocolate, Orange, Strawberry.
   */
  it('reproduces the published food-election example round by round', () => {
    const r = stv({
      candidates: ['Orange', 'Pear', 'Chocolate', 'Strawberry', 'Sweets'],
      seats: 3,
      seed: 'test',
      ballots: [
        ...rank(['Orange'], 4),
        ...rank(['Pear', 'Orange'], 2),
        ...rank(['Chocolate', 'Strawberry'], 8),
        ...rank(['Chocolate', 'Sweets'], 4),
        ...rank(['Strawberry'], 1),
        ...rank(['Sweets'], 1),
      ],
    });
    expect(r.quota).toBe(6);
    expect(r.stages[0]).toMatchObject({ action: 'first', votes: { Orange: 4, Pear: 2, Chocolate: 12, Strawberry: 1, Sweets: 1 }, elected: ['Chocolate'] });
    expect(r.stages[1]).toMatchObject({ action: 'surplus', candidate: 'Chocolate', surplus: 6, votes: { Orange: 4, Pear: 2, Chocolate: 6, Strawberry: 5, Sweets: 3 }, elected: [] });
    expect(r.stages[2]).toMatchObject({ action: 'exclusion', candidate: 'Pear', votes: { Orange: 6, Pear: 0, Strawberry: 5, Sweets: 3 }, elected: ['Orange'] });
    expect(r.stages[3]).toMatchObject({ action: 'exclusion', candidate: 'Sweets' });
    expect(r.elected).toEqual(['Chocolate', 'Orange', 'Strawberry']);
    expect(r.usedLot).toBe(false);
  });

  /**
   * Published example: Moray Council, "Single Transferable Vote Explained" (moray.gov.uk page_68268),
   * a one-seat by-election in the imaginary ward of Taghaidh: 5,000 valid votes, quota 2,501. The
   * lowest candidate (Caine, 732 votes) is excluded; of the 732 papers 13 go to Barnes, 429 to Dunn,
   * 194 to Adams and 96 are non-transferable. (Only the stage-2 transfers are published; the first
   * preferences below are chosen so that Caine is lowest and Barnes ends on 779 as published.)
   */
  it('single seat is instant run-off with non-transferable papers (Moray worked example transfers)', () => {
    const ballots = [
      ...rank(['Adams'], 1700),
      ...rank(['Barnes'], 766),
      ...rank(['Dunn'], 1802),
      ...rank(['Caine', 'Barnes'], 13),
      ...rank(['Caine', 'Dunn'], 429),
      ...rank(['Caine', 'Adams'], 194),
      ...rank(['Caine'], 96),
    ];
    const r = stv({ candidates: ['Adams', 'Barnes', 'Caine', 'Dunn'], seats: 1, seed: 'moray', ballots });
    expect(r.quota).toBe(2501);
    expect(r.stages[1]).toMatchObject({ action: 'exclusion', candidate: 'Caine', votes: { Barnes: 779, Dunn: 2231, Adams: 1894 }, nonTransferable: 96 });
    // Barnes excluded next; their papers have no further preference; Dunn then leads and is the last continuing.
    expect(r.stages[2]).toMatchObject({ action: 'exclusion', candidate: 'Barnes' });
    expect(r.elected).toEqual(['Dunn']);
  });

  it('transfers surpluses fractionally, truncated to five decimal places (hand-computed)', () => {
    // 12 ballots, 2 seats: quota floor(12/3)+1 = 5. A has 9: surplus 4, each of A's 9 papers moves at
    // 4/9 = 0.44444 (truncated). B: 1 + 6 × 0.44444 = 3.66664; C: 2 + 3 × 0.44444 = 3.33332;
    // 0.00004 is lost to truncation and shown as non-transferable.
    const r = stv({
      candidates: ['A', 'B', 'C'],
      seats: 2,
      seed: 'x',
      ballots: [...rank(['A', 'B'], 6), ...rank(['A', 'C'], 3), ...rank(['B'], 1), ...rank(['C'], 2)],
    });
    expect(r.quota).toBe(5);
    // Official Scottish result sheets show fractions lost to truncation on their own line, apart
    // from papers that are non-transferable because they show no further preference.
    expect(r.stages[1]).toMatchObject({ action: 'surplus', candidate: 'A', surplus: 4, votes: { A: 5, B: 3.66664, C: 3.33332 }, nonTransferable: 0, lostToFractions: 0.00004 });
    expect(r.elected).toEqual(['A', 'B']);
  });

  it('breaks an exclusion tie by the earlier stage', () => {
    // 10 ballots, 1 seat, quota 6. First preferences P 4, Q 3, R 2, S 1. S is excluded and its paper
    // goes to Q: P 4, Q 4, R 2. R is excluded (its papers exhaust): P 4, Q 4 — a tie for exclusion.
    // At the most recent preceding stage where they differed (stage 1), P had 4 and Q 3: Q is excluded.
    const r = stv({
      candidates: ['P', 'Q', 'R', 'S'],
      seats: 1,
      seed: 'tie',
      ballots: [...rank(['P'], 4), ...rank(['Q'], 3), ...rank(['R'], 2), ...rank(['S', 'Q'], 1)],
    });
    const last = r.stages.find((s) => s.candidate === 'Q');
    expect(last).toMatchObject({ action: 'exclusion', tieBreak: 'earlier_stage' });
    expect(r.elected).toEqual(['P']);
    expect(r.usedLot).toBe(false);
  });

  /**
   * The Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1, rule 51(2): when
   * candidates tie for exclusion, "regard shall be had to the total number of votes credited to those
   * candidates at the most recent preceding stage of the count at which they had an unequal number of
   * votes", and the one with the fewest then is excluded. Looking back from the earliest stage instead
   * changes the winner in this case (from issue 15): one seat, 18 ballots, quota 10.
   * Stage 1: X 6, Y 4, A 3, B 5 — A excluded, 3 papers to Y. Stage 2: X 6, Y 7, B 5 — B excluded, 1
   * paper to X, 4 exhaust. Stage 3: X 7, Y 7 — a tie. The most recent stage where they differed is
   * stage 2 (X 6, Y 7), so X is excluded and Y elected. (Stage 1 had X ahead, which would elect X.)
   */
  it('breaks an exclusion tie by the MOST RECENT preceding stage where the votes differed (SSI 2007/42 r.51(2))', () => {
    const r = stv({
      candidates: ['X', 'Y', 'A', 'B'],
      seats: 1,
      seed: 'ssi-2007-42',
      ballots: [...rank(['X'], 6), ...rank(['Y'], 4), ...rank(['A', 'Y'], 3), ...rank(['B', 'X'], 1), ...rank(['B'], 4)],
    });
    expect(r.quota).toBe(10);
    expect(r.stages[1]).toMatchObject({ action: 'exclusion', candidate: 'A', votes: { X: 6, Y: 7, B: 5 } });
    expect(r.stages[2]).toMatchObject({ action: 'exclusion', candidate: 'B', votes: { X: 7, Y: 7 }, nonTransferable: 4 });
    expect(r.stages[3]).toMatchObject({ action: 'exclusion', candidate: 'X', tieBreak: 'earlier_stage' });
    expect(r.elected).toEqual(['Y']);
    expect(r.usedLot).toBe(false);
  });

  /**
   * SSI 2007/42, Schedule 1, rule 49(2): "where two or more surpluses are equal, regard shall be had to
   * the number of votes credited to those candidates at the most recent preceding stage of the count
   * at which they had unequal numbers of votes and the surplus of the candidate who had the greatest
   * number of votes at that stage shall be transferred first".
   * 3 seats, 30 ballots, quota floor(30/4)+1 = 8.
   * Stage 1: P 6, Q 5, A 2, B 5, R 6, S 6 — A excluded, its 2 papers to Q.
   * Stage 2: P 6, Q 7, B 5, R 6, S 6 — B excluded: 3 papers to P, 2 to Q.
   * Stage 3: P 9, Q 9 — both elected with equal surpluses of 1.
   * The most recent preceding stage at which they differed is stage 2, where Q led (7 to 6): Q's
   * surplus goes first. Looking from the earliest stage (P 6, Q 5) would wrongly take P's first.
   */
  it('transfers equal surpluses in order of the most recent preceding stage where they differed (SSI 2007/42 r.49(2))', () => {
    const r = stv({
      candidates: ['P', 'Q', 'A', 'B', 'R', 'S'],
      seats: 3,
      seed: 'surplus-order',
      ballots: [
        ...rank(['P', 'R'], 6),
        ...rank(['Q', 'S'], 5),
        ...rank(['A', 'Q'], 2),
        ...rank(['B', 'P'], 3),
        ...rank(['B', 'Q'], 2),
        ...rank(['R'], 6),
        ...rank(['S'], 6),
      ],
    });
    expect(r.quota).toBe(8);
    expect(r.stages[1]).toMatchObject({ action: 'exclusion', candidate: 'A', votes: { P: 6, Q: 7 } });
    expect(r.stages[2]).toMatchObject({ action: 'exclusion', candidate: 'B', votes: { P: 9, Q: 9 }, elected: ['Q', 'P'] });
    expect(r.stages[3]).toMatchObject({ action: 'surplus', candidate: 'Q', surplus: 1, tieBreak: 'earlier_stage' });
    expect(r.stages[4]).toMatchObject({ action: 'surplus', candidate: 'P', surplus: 1 });
    expect(r.usedLot).toBe(false);
  });

  it('keeps every stage balanced: candidates + non-transferable + lost to fractions = valid ballots', () => {
    const r = stv({
      candidates: ['A', 'B', 'C', 'D'],
      seats: 2,
      seed: 'sum',
      ballots: [...rank(['A', 'B', 'C'], 7), ...rank(['A', 'C'], 4), ...rank(['B', 'D'], 2), ...rank(['C'], 3), ...rank(['D', 'A'], 1)],
    });
    for (const st of r.stages) {
      const held = Object.values(st.votes).reduce((a, b) => a + b, 0);
      expect(Math.round((held + st.nonTransferable + st.lostToFractions) * 100_000)).toBe(r.validBallots * 100_000);
    }
  });

  it('breaks a tie that never differed by lot, reproducibly from the recorded seed', () => {
    const run = (seed: string) =>
      stv({ candidates: ['A', 'B', 'C'], seats: 1, seed, ballots: [...rank(['A'], 2), ...rank(['B'], 2), ...rank(['C'], 3)] });
    const r1 = run('seed-1');
    expect(r1.usedLot).toBe(true);
    expect(r1.stages[1]).toMatchObject({ action: 'exclusion', tieBreak: 'lot' });
    expect(run('seed-1')).toEqual(r1);
    // Across many seeds both A and B get excluded sometimes: it is a fair draw, not alphabetical.
    const excludedFirst = new Set(Array.from({ length: 40 }, (_, i) => run(`s${i}`).stages[1]!.candidate));
    expect(excludedFirst).toEqual(new Set(['A', 'B']));
  });

  it('elects remaining candidates when they equal the vacancies left, and ignores invalid preferences', () => {
    const r = stv({ candidates: ['A', 'B'], seats: 2, seed: 's', ballots: [['A', 'A', 'nobody'], ['B'], []] });
    expect(r.validBallots).toBe(2);
    expect(r.elected.sort()).toEqual(['A', 'B']);
  });

  it('tally() of an election applies quorum', () => {
    const r = tally(
      { kind: 'election', electorate: 10, quorumPercent: 50, seats: 1, candidates: ['A', 'B'], seed: 's' },
      [{ choice: { kind: 'ranking', ranking: ['A'] } }],
    );
    expect(r.outcome).toBe('not_quorate');
  });
});
