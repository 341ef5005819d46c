/**
 * Pure tally functions for every kind of governance decision. No I/O: the same function runs at close,
 * on "verify count", in the decision register and in tests, so a published result can always be
 * recomputed from the stored ballots.
 *
 * Conventions
 * - "Votes cast" for resolutions are for + against. Abstentions are recorded and count towards turnout
 *   and quorum, but are not votes cast (as in UK company law: a resolution on a poll is decided by the
 *   votes cast; an abstention is not a vote).
 * - Quorum is a whole percentage of the frozen electorate; a ballot of any kind (including abstain)
 *   counts towards turnout. A decision that misses quorum is "not_quorate" whatever the tally.
 * - All comparisons use integer arithmetic, so boundaries (exactly half, exactly 75%) are exact.
 */

export const DECISION_KINDS = ['ordinary', 'special', 'written', 'consent', 'advice', 'poll', 'election'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
/**
 * A proposal's kind: a decision counted here, or the seed fund's members' vote ('fund_vote'), whose
 * ballot and count (Method of Equal Shares) live in ~/modules/funding/vote.server.ts. Never offered on
 * /governance/new: a fund vote is opened from its round (docs/decisions/0008-fund-vote-as-proposal.md).
 */
export type ProposalKind = DecisionKind | 'fund_vote';

/** Binding kinds go into the decision register. Polls are binding only if the proposal says so. */
export function isBindingKind(kind: ProposalKind): boolean {
  return kind === 'ordinary' || kind === 'special' || kind === 'written' || kind === 'consent' || kind === 'election';
}

export const RESOLUTION_CHOICES = ['for', 'against', 'abstain'] as const;
export type ResolutionChoice = (typeof RESOLUTION_CHOICES)[number];
export const CONSENT_CHOICES = ['consent', 'object', 'abstain'] as const;
export type ConsentChoice = (typeof CONSENT_CHOICES)[number];
export const ADVICE_CHOICES = ['agree', 'disagree', 'abstain', 'block'] as const;
export type AdviceChoice = (typeof ADVICE_CHOICES)[number];

export type PollMode = 'single' | 'multiple' | 'score';
export interface PollOption {
  id: string;
  label: string;
}

/** What a ballot holds, by kind. Stored as JSON. */
export type BallotChoice =
  | { kind: 'resolution'; choice: ResolutionChoice }
  | { kind: 'consent'; choice: ConsentChoice }
  | { kind: 'advice'; choice: AdviceChoice }
  | { kind: 'poll'; options: string[] }
  | { kind: 'score'; scores: Record<string, number> }
  | { kind: 'ranking'; ranking: string[] };

export type Outcome = 'passed' | 'rejected' | 'not_quorate' | 'lapsed' | 'advisory' | 'elected' | 'pending';

export interface QuorumResult {
  /** Percentage (0–100) of the electorate required; 0 = no quorum. */
  percent: number;
  required: number;
  turnout: number;
  electorate: number;
  quorate: boolean;
  /** The quorum as a number of voters, when one applies. */
  minVoters?: number;
}

/** Smallest whole number of ballots that reaches `percent`% of `electorate`. */
export function quorumRequired(electorate: number, percent: number): number {
  if (percent <= 0) return 0;
  return Math.ceil((electorate * percent) / 100 - 1e-9);
}

/**
 * `minVoters`: a quorum as a number of voters (the network default, initially two as Companies Act
 * 2006 s318(2) sets for general meetings), never more than the electorate (s318(1): one member is a
 * quorum when there is only one). Both it and the percentage must be met.
 */
export function quorum(electorate: number, turnout: number, percent: number, minVoters = 0): QuorumResult {
  const min = Math.min(Math.max(0, minVoters), electorate);
  const required = Math.max(quorumRequired(electorate, percent), min);
  // turnout * 100 >= electorate * percent, in integers: exactly at the percentage is quorate.
  const quorate = (percent <= 0 || turnout * 100 >= electorate * percent) && turnout >= min;
  return { percent, required, turnout, electorate, quorate, ...(min > 0 ? { minVoters: min } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Resolutions
// ---------------------------------------------------------------------------------------------

export interface ResolutionCounts {
  for: number;
  against: number;
  abstain: number;
}

export function countResolution(choices: ResolutionChoice[]): ResolutionCounts {
  const c: ResolutionCounts = { for: 0, against: 0, abstain: 0 };
  for (const ch of choices) c[ch] += 1;
  return c;
}

/** Ordinary resolution: more than half of the votes cast (for + against). Exactly half fails. */
export function ordinaryPasses(c: ResolutionCounts): boolean {
  const cast = c.for + c.against;
  return cast > 0 && c.for * 2 > cast;
}

/** Special resolution: at least 75% of the votes cast (for + against). Exactly 75% passes. */
export function specialPasses(c: ResolutionCounts): boolean {
  const cast = c.for + c.against;
  return cast > 0 && c.for * 4 >= cast * 3;
}

export type WrittenMajority = 'ordinary' | 'special';

/**
 * Written resolution: the denominator is every eligible member. An ordinary written resolution needs
 * more than half of all eligible members to agree; a special one at least 75%.
 */
export function writtenPasses(forVotes: number, electorate: number, majority: WrittenMajority): boolean {
  if (electorate <= 0) return false;
  return majority === 'special' ? forVotes * 4 >= electorate * 3 : forVotes * 2 > electorate;
}

/** The smallest number of agreeing members that passes a written resolution. */
export function writtenRequired(electorate: number, majority: WrittenMajority): number {
  if (electorate <= 0) return 1;
  return majority === 'special' ? Math.ceil((electorate * 3) / 4) : Math.floor(electorate / 2) + 1;
}

// ---------------------------------------------------------------------------------------------
// STV (Scottish rules, SSI 2007/42 Schedule 1: Droop quota, weighted inclusive Gregory fractional
// transfers, values truncated to five decimal places; ties by the most recent preceding stage at which
// the tied candidates' votes differed (rules 49(2) and 51(2)), then by lot with a recorded seed).
// Single-seat elections are the same count with a quota of more than half: instant run-off.
// ---------------------------------------------------------------------------------------------

/** Vote values are integers in units of 1/100,000 of a vote (five decimal places, as the rules say). */
export const STV_SCALE = 100_000;

export type StvAction = 'first' | 'surplus' | 'exclusion' | 'elect_remaining';
export type TieBreak = 'earlier_stage' | 'lot' | null;

export interface StvStage {
  stage: number;
  action: StvAction;
  /** The candidate whose surplus was transferred or who was excluded. */
  candidate: string | null;
  /** For a surplus: the surplus (in votes) and the factor surplus / total. */
  surplus: number | null;
  tieBreak: TieBreak;
  /** Votes per continuing-or-elected candidate after this stage, in votes (5 dp). */
  votes: Record<string, number>;
  /** Papers with no further preference for a continuing candidate (cumulative, in votes). */
  nonTransferable: number;
  /**
   * Value lost because transfer values are truncated to five decimal places (cumulative). Official
   * Scottish result sheets show it on its own line, apart from non-transferable papers.
   */
  lostToFractions: number;
  elected: string[];
  excluded: string[];
}

export interface StvResult {
  seats: number;
  validBallots: number;
  quota: number;
  elected: string[];
  stages: StvStage[];
  seed: string;
  /** True when a tie had to be broken by lot (the seed makes it reproducible). */
  usedLot: boolean;
}

/** Droop quota (Scottish rules): votes / (seats + 1), any fraction dropped, plus one. */
export function droopQuota(validVotes: number, seats: number): number {
  return Math.floor(validVotes / (seats + 1)) + 1;
}

/** A small, reproducible PRNG (mulberry32) seeded from a string. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Paper {
  ranking: string[];
  /** Index in `ranking` of the candidate currently holding this paper. */
  at: number;
  value: number;
}

const round5 = (scaled: number) => scaled / STV_SCALE;

export function stv(input: { candidates: string[]; seats: number; ballots: string[][]; seed: string }): StvResult {
  const { candidates, seed } = input;
  const seats = Math.max(1, Math.min(input.seats, candidates.length));
  const known = new Set(candidates);
  // A valid ballot has a first preference for a candidate; unknown names and repeats are ignored.
  const papers: Paper[] = [];
  for (const raw of input.ballots) {
    const seen = new Set<string>();
    const ranking = raw.filter((c) => known.has(c) && !seen.has(c) && (seen.add(c), true));
    if (ranking.length > 0) papers.push({ ranking, at: 0, value: STV_SCALE });
  }
  const validBallots = papers.length;
  const quota = droopQuota(validBallots, seats);
  const quotaScaled = quota * STV_SCALE;
  const random = seededRandom(seed);
  let usedLot = false;

  const holding = new Map<string, Paper[]>(candidates.map((c) => [c, []]));
  const elected: string[] = [];
  const excluded = new Set<string>();
  const pendingSurplus: string[] = [];
  let nonTransferable = 0;
  let lostToFractions = 0;
  const history: Array<Record<string, number>> = [];
  const stages: StvStage[] = [];

  const total = (c: string) => (holding.get(c) ?? []).reduce((s, p) => s + p.value, 0);
  const continuing = () => candidates.filter((c) => !elected.includes(c) && !excluded.has(c));
  const snapshot = () => Object.fromEntries(candidates.map((c) => [c, total(c)]));

  /** Moves a paper to its next continuing preference, or to non-transferable. */
  const place = (p: Paper) => {
    while (p.at < p.ranking.length) {
      const c = p.ranking[p.at]!;
      if (!elected.includes(c) && !excluded.has(c)) {
        holding.get(c)!.push(p);
        return;
      }
      p.at += 1;
    }
    nonTransferable += p.value;
  };

  /**
   * Picks one candidate among tied ones (SSI 2007/42 Sch. 1, rules 49(2) for equal surpluses and 51(2)
   * for exclusion): look back from the MOST RECENT preceding stage to the first for a stage at which
   * their votes differed, and take the highest there (surplus order) or the lowest (exclusion). If
   * several are still level at that stage, keep looking further back among those. Never differed: lot.
   */
  const breakTie = (tied: string[], pick: 'highest' | 'lowest'): { chosen: string; how: TieBreak } => {
    if (tied.length === 1) return { chosen: tied[0]!, how: null };
    for (let i = history.length - 1; i >= 0; i--) {
      const snap = history[i]!;
      const vals = tied.map((c) => snap[c] ?? 0);
      const target = pick === 'highest' ? Math.max(...vals) : Math.min(...vals);
      const at = tied.filter((c) => (snap[c] ?? 0) === target);
      if (at.length < tied.length) {
        if (at.length === 1) return { chosen: at[0]!, how: 'earlier_stage' };
        tied = at;
      }
    }
    usedLot = true;
    const sorted = [...tied].sort();
    return { chosen: sorted[Math.floor(random() * sorted.length)]!, how: 'lot' };
  };

  const electReached = (): string[] => {
    const reached = continuing().filter((c) => total(c) >= quotaScaled);
    // Highest first; equal totals ordered by earlier stages, then lot.
    const ordered: string[] = [];
    let rest = reached;
    while (rest.length > 0) {
      const max = Math.max(...rest.map(total));
      const top = rest.filter((c) => total(c) === max);
      const { chosen } = breakTie(top, 'highest');
      ordered.push(chosen);
      rest = rest.filter((c) => c !== chosen);
    }
    for (const c of ordered) {
      if (elected.length >= seats) break;
      elected.push(c);
      if (total(c) > quotaScaled) pendingSurplus.push(c);
    }
    return ordered;
  };

  const record = (action: StvAction, candidate: string | null, surplus: number | null, tieBreak: TieBreak, newlyElected: string[], newlyExcluded: string[]) => {
    const snap = snapshot();
    history.push(snap);
    stages.push({
      stage: stages.length + 1,
      action,
      candidate,
      surplus: surplus === null ? null : round5(surplus),
      tieBreak,
      votes: Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, round5(v)])),
      nonTransferable: round5(nonTransferable),
      lostToFractions: round5(lostToFractions),
      elected: newlyElected,
      excluded: newlyExcluded,
    });
  };

  // Stage 1: first preferences.
  for (const p of papers) place(p);
  history.push(snapshot());
  const first = electReached();
  history.pop();
  record('first', null, null, null, first, []);

  while (elected.length < seats) {
    const cont = continuing();
    if (cont.length === 0) break;
    if (cont.length <= seats - elected.length) {
      // As many continuing candidates as vacancies left: they are elected.
      const ordered = [...cont].sort((a, b) => total(b) - total(a));
      elected.push(...ordered);
      record('elect_remaining', null, null, null, ordered, []);
      break;
    }
    if (pendingSurplus.length > 0) {
      // Largest surplus first; equal surpluses by earlier stages, then lot.
      const max = Math.max(...pendingSurplus.map(total));
      const { chosen, how } = breakTie(pendingSurplus.filter((c) => total(c) === max), 'highest');
      pendingSurplus.splice(pendingSurplus.indexOf(chosen), 1);
      const papersHeld = holding.get(chosen)!;
      const held = total(chosen);
      const surplus = held - quotaScaled;
      // Every paper the candidate holds moves on at value × surplus / total, truncated to 5 dp.
      const moving = papersHeld.splice(0, papersHeld.length);
      const keep: Paper = { ranking: [chosen], at: 0, value: quotaScaled };
      for (const p of moving) {
        const v = Math.floor((p.value * surplus) / held);
        if (v === 0) continue;
        p.value = v;
        p.at += 1;
        place(p);
      }
      // What the truncation loses gets its own line, so totals still add up to the valid ballots.
      papersHeld.push(keep);
      const after = candidates.reduce((s, c) => s + total(c), 0) + nonTransferable + lostToFractions;
      lostToFractions += validBallots * STV_SCALE - after;
      const newly = electReached();
      record('surplus', chosen, surplus, how, newly, []);
      continue;
    }
    // Exclude the candidate with fewest votes.
    const min = Math.min(...cont.map(total));
    const { chosen, how } = breakTie(cont.filter((c) => total(c) === min), 'lowest');
    excluded.add(chosen);
    const moving = holding.get(chosen)!.splice(0);
    for (const p of moving) {
      p.at += 1;
      place(p);
    }
    const newly = electReached();
    record('exclusion', chosen, null, how, newly, [chosen]);
  }

  return { seats, validBallots, quota, elected: elected.slice(0, seats), stages, seed, usedLot };
}

// ---------------------------------------------------------------------------------------------
// One entry point: tally any proposal's ballots.
// ---------------------------------------------------------------------------------------------

export interface TallyConfig {
  kind: DecisionKind;
  electorate: number;
  quorumPercent: number;
  /** Quorum as a number of voters (network default); 0 or absent = none. */
  quorumMin?: number;
  /** Written resolutions: which majority of all eligible members is needed. */
  writtenMajority?: WrittenMajority;
  /** Written resolutions: the lapse time has passed without enough agreement. */
  lapsed?: boolean;
  /** Polls */
  pollMode?: PollMode;
  options?: PollOption[];
  maxScore?: number;
  /** Elections */
  seats?: number;
  candidates?: string[];
  seed?: string;
}

export interface TallyBallot {
  choice: BallotChoice;
  reason?: string | null;
}

export type TallyResult =
  | { kind: 'ordinary' | 'special'; outcome: Outcome; quorum: QuorumResult; counts: ResolutionCounts; votesCast: number }
  | { kind: 'written'; outcome: Outcome; quorum: QuorumResult; counts: ResolutionCounts; required: number; majority: WrittenMajority }
  | { kind: 'consent'; outcome: Outcome; quorum: QuorumResult; counts: Record<ConsentChoice, number>; objections: string[] }
  | { kind: 'advice'; outcome: Outcome; quorum: QuorumResult; counts: Record<AdviceChoice, number>; reasons: Array<{ choice: AdviceChoice; reason: string }> }
  | { kind: 'poll'; outcome: Outcome; quorum: QuorumResult; mode: PollMode; counts: Record<string, number>; leaders: string[] }
  | { kind: 'election'; outcome: Outcome; quorum: QuorumResult; stv: StvResult };

export function tally(config: TallyConfig, ballots: TallyBallot[]): TallyResult {
  const q = quorum(config.electorate, ballots.length, config.quorumPercent, config.quorumMin ?? 0);
  switch (config.kind) {
    case 'ordinary':
    case 'special': {
      const counts = countResolution(ballots.flatMap((b) => (b.choice.kind === 'resolution' ? [b.choice.choice] : [])));
      const passes = config.kind === 'ordinary' ? ordinaryPasses(counts) : specialPasses(counts);
      return { kind: config.kind, quorum: q, counts, votesCast: counts.for + counts.against, outcome: !q.quorate ? 'not_quorate' : passes ? 'passed' : 'rejected' };
    }
    case 'written': {
      const counts = countResolution(ballots.flatMap((b) => (b.choice.kind === 'resolution' ? [b.choice.choice] : [])));
      const majority = config.writtenMajority ?? 'ordinary';
      const passes = writtenPasses(counts.for, config.electorate, majority);
      // The denominator is everyone eligible, so quorum is inherent: no separate quorum applies.
      const wq = { ...q, percent: 0, required: 0, quorate: true };
      return { kind: 'written', quorum: wq, counts, majority, required: writtenRequired(config.electorate, majority), outcome: passes ? 'passed' : config.lapsed ? 'lapsed' : 'pending' };
    }
    case 'consent': {
      const counts: Record<ConsentChoice, number> = { consent: 0, object: 0, abstain: 0 };
      const objections: string[] = [];
      for (const b of ballots) {
        if (b.choice.kind !== 'consent') continue;
        counts[b.choice.choice] += 1;
        if (b.choice.choice === 'object') objections.push((b.reason ?? '').trim());
      }
      return { kind: 'consent', quorum: q, counts, objections, outcome: !q.quorate ? 'not_quorate' : counts.object > 0 ? 'rejected' : 'passed' };
    }
    case 'advice': {
      const counts: Record<AdviceChoice, number> = { agree: 0, disagree: 0, abstain: 0, block: 0 };
      const reasons: Array<{ choice: AdviceChoice; reason: string }> = [];
      for (const b of ballots) {
        if (b.choice.kind !== 'advice') continue;
        counts[b.choice.choice] += 1;
        if (b.reason && b.reason.trim()) reasons.push({ choice: b.choice.choice, reason: b.reason.trim() });
      }
      return { kind: 'advice', quorum: q, counts, reasons, outcome: !q.quorate ? 'not_quorate' : 'advisory' };
    }
    case 'poll': {
      const mode = config.pollMode ?? 'single';
      const options = config.options ?? [];
      const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o.id, 0]));
      for (const b of ballots) {
        if (mode === 'score' && b.choice.kind === 'score') {
          for (const o of options) {
            const s = b.choice.scores[o.id];
            if (typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= (config.maxScore ?? 5)) counts[o.id]! += s;
          }
        } else if (mode !== 'score' && b.choice.kind === 'poll') {
          const picked = mode === 'single' ? b.choice.options.slice(0, 1) : [...new Set(b.choice.options)];
          for (const id of picked) if (id in counts) counts[id]! += 1;
        }
      }
      const max = Math.max(0, ...Object.values(counts));
      const leaders = max > 0 ? options.filter((o) => counts[o.id] === max).map((o) => o.id) : [];
      return { kind: 'poll', quorum: q, mode, counts, leaders, outcome: !q.quorate ? 'not_quorate' : 'advisory' };
    }
    case 'election': {
      const result = stv({
        candidates: config.candidates ?? [],
        seats: config.seats ?? 1,
        seed: config.seed ?? '',
        ballots: ballots.flatMap((b) => (b.choice.kind === 'ranking' ? [b.choice.ranking] : [])),
      });
      return { kind: 'election', quorum: q, stv: result, outcome: !q.quorate ? 'not_quorate' : result.elected.length > 0 ? 'elected' : 'rejected' };
    }
  }
}
