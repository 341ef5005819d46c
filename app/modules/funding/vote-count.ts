/**
 * Counting a members' vote: the Method of Equal Shares (./mes.ts) over the shortlist, with the "add
 * one" completion (each voter's share raised £1 at a time until the next step would overspend), cost
 * as utility, and ties broken by lower cost, then more approvals, then the recorded lot. The stored
 * result carries what the result page needs to explain each outcome in plain words, and the ballots
 * are written as a Pabulib .pb file so anyone can recount them with pabutools or equalshares.net.
 */
import { equalShares } from './mes';
import { floorPence, q } from './rational';
import { writePb } from './pabulib';

export interface CountProject {
  id: string;
  /** Whole pounds: what the application asks for. */
  cost: number;
}

export interface CountInput {
  pot: number;
  projects: readonly CountProject[];
  /** One list of approved project ids per ballot. */
  ballots: readonly (readonly string[])[];
  /** Project ids in the order drawn by lot. */
  lot: readonly string[];
}

export interface StoredOutcome {
  id: string;
  cost: number;
  approvals: number;
  funded: boolean;
  /** Step of the count in which it was funded (1 = first). */
  step?: number;
  /** The most one supporter paid towards it, in pence (rounded down). */
  maxPaymentPence?: number;
  /** What its supporters had left of their shares when the count ended, in pence (rounded down). */
  moneyLeftPence: number;
  tieBrokenBy?: 'cost' | 'approvals' | 'lot';
  /** Not funded: the funded projects its supporters also approved, with how many of them did. */
  spentOn: { id: string; supporters: number }[];
}

export interface StoredResult {
  /** The pot counted with: the round's own and what earlier rounds left (set when the vote closes). */
  pot?: number;
  voters: number;
  /** pot ÷ voters, in pence (rounded down): each voter's share before completion. */
  baseSharePence: number;
  /** Each voter's share in the count that was kept, in pence (rounded down). */
  sharePence: number;
  completionSteps: number;
  spent: number;
  selected: string[];
  outcomes: StoredOutcome[];
  lot: string[];
}

export function countVote(input: CountInput): StoredResult {
  const ids = new Set(input.projects.map((p) => p.id));
  // Only approvals of projects still on the shortlist count (a project withdrawn during the vote is left out).
  const ballots = input.ballots.map((b) => b.filter((id) => ids.has(id)));
  const lot = input.lot.filter((id) => ids.has(id));
  if (ballots.length === 0 || input.projects.length === 0) {
    return {
      voters: ballots.length,
      baseSharePence: 0,
      sharePence: 0,
      completionSteps: 0,
      spent: 0,
      selected: [],
      lot,
      outcomes: input.projects.map((p) => ({ id: p.id, cost: p.cost, approvals: 0, funded: false, moneyLeftPence: 0, spentOn: [] })),
    };
  }
  const r = equalShares({
    budget: q(input.pot),
    projects: input.projects.map((p) => ({ id: p.id, cost: q(p.cost) })),
    ballots,
    utility: 'cost',
    lot,
    stepPerVoter: q(1),
  });
  const sets = ballots.map((b) => new Set(b));
  const supportersOf = new Map<string, number[]>();
  sets.forEach((b, v) => {
    for (const id of b) {
      const list = supportersOf.get(id);
      if (list) list.push(v);
      else supportersOf.set(id, [v]);
    }
  });
  const outcomes: StoredOutcome[] = r.outcomes.map((o) => {
    const cost = input.projects.find((p) => p.id === o.id)!.cost;
    const base: StoredOutcome = { id: o.id, cost, approvals: o.approvals, funded: o.funded, moneyLeftPence: floorPence(o.supportersMoneyLeft), spentOn: [] };
    if (o.funded) return { ...base, step: o.round, maxPaymentPence: o.maxPayment ? floorPence(o.maxPayment) : undefined, ...(o.tieBrokenBy ? { tieBrokenBy: o.tieBrokenBy } : {}) };
    const mine = supportersOf.get(o.id) ?? [];
    const spentOn = r.selected
      .map((id) => ({ id, supporters: mine.filter((v) => sets[v]!.has(id)).length }))
      .filter((x) => x.supporters > 0)
      .sort((a, b) => b.supporters - a.supporters);
    return { ...base, spentOn: spentOn.slice(0, 3) };
  });
  return {
    voters: ballots.length,
    baseSharePence: Math.floor((input.pot * 100) / ballots.length),
    sharePence: floorPence(r.perVoterBudget),
    completionSteps: r.completionSteps,
    spent: r.selected.reduce((s, id) => s + input.projects.find((p) => p.id === id)!.cost, 0),
    selected: r.selected,
    outcomes,
    lot,
  };
}

export interface PbInput {
  roundName: string;
  pot: number;
  openedAt: number;
  closedAt: number;
  projects: { id: string; cost: number; title: string }[];
  /** Voter ids are opaque: the first characters of each ballot's receipt hash, so a voter can find theirs. */
  ballots: { voterId: string; approved: string[] }[];
  selected: readonly string[] | null;
  lot: readonly string[];
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).split('-').reverse().join('.');

/** The ballots as a Pabulib file: no member ids, no names of voters, in a random (receipt-hash) order. */
export function votePb(input: PbInput): string {
  const chosen = input.selected ? new Set(input.selected) : null;
  return writePb({
    meta: {
      description: `NOMI seed fund members' vote: ${input.roundName}`,
      country: 'United Kingdom',
      unit: 'Network of Migrant Innovators',
      instance: input.roundName,
      budget: input.pot,
      rule: 'equalshares/add1',
      currency: 'GBP',
      date_begin: day(input.openedAt),
      date_end: day(input.closedAt),
      // Not part of the Pabulib standard: the order drawn by lot for ties left after cost and approvals.
      tie_break_lot: input.lot.join(','),
    },
    projects: input.projects.map((p) => ({ id: p.id, cost: p.cost, name: p.title, ...(chosen ? { selected: chosen.has(p.id) } : {}) })),
    votes: [...input.ballots].sort((a, b) => a.voterId.localeCompare(b.voterId)),
  });
}

/** The public id of a ballot in the .pb file, derived from its receipt hash. */
export const ballotPublicId = (receiptHash: string) => receiptHash.slice(0, 12);
