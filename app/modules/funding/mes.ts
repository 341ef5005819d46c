/**
 * The Method of Equal Shares (Peters & Skowron) for approval ballots, with the "add one" completion, in
 * exact rational arithmetic. See https://equalshares.net — this follows its reference implementation
 * and pabutools (`rules/mes.py`, `rules/exhaustion.py`), and is tested against Pabulib instances that
 * were decided by it (see mes.test.ts).
 *
 * The idea in one paragraph: the pot is split equally between the voters. A project is funded only if
 * the people who approved it can pay for it together; each pays an equal share, or everything they
 * have left if that is less. In each round the project whose supporters each need to pay the least
 * (per pound of project, when utility is the cost) is funded. A majority bloc therefore only controls
 * its own share of the pot. Because this usually leaves money unspent, the "add one" completion gives
 * every voter one more pound and runs again, and keeps the last result that still fits the real pot.
 *
 * Speed: voters who have paid for exactly the same things have the same money left, so voters are kept
 * in "budget classes" and each payment only splits classes. A round costs one pass over the ballots
 * of the few projects that can still win it (their cost-per-supporter only grows, so the previous
 * round's figure is a lower bound that lets us stop early — the same trick pabutools uses).
 */
import { add, cmp, isZero, q, sub, ZERO, type Q } from './rational';

export type Utility = 'cost' | 'cardinality';

export interface MesProject {
  id: string;
  cost: Q;
}

export interface MesInput {
  budget: Q;
  projects: readonly MesProject[];
  /** One entry per voter: the ids of the projects they approve. */
  ballots: readonly (readonly string[])[];
  /** 'cost' (equalshares.net and Pabulib's default for approval) or 'cardinality'. */
  utility?: Utility;
  /** The recorded lot: project ids in the order drawn, used only when cost and approvals tie. */
  lot?: readonly string[];
  /** Completion: how much each voter's share grows per step (£1 in our rounds); null = plain MES. */
  stepPerVoter?: Q | null;
  /**
   * Stop completing as soon as nothing else fits (pabutools' `exhaustion_by_budget_increase`). Off by
   * default: equalshares.net and the Pabulib results of Wieliczka 2023 and Świecie 2023 keep adding
   * until the next step would overspend, which can swap a project for a better-backed one.
   */
  stopWhenExhaustive?: boolean;
}

export interface ProjectOutcome {
  id: string;
  cost: Q;
  approvals: number;
  funded: boolean;
  /** 1-based round in which it was funded. */
  round?: number;
  /** The most any one supporter paid towards it (everyone paid this, or all they had left). */
  maxPayment?: Q;
  /** How much money its supporters still had when the count ended (for "why not funded"). */
  supportersMoneyLeft: Q;
  /** How the tie was broken if it was funded over an equally-good project. */
  tieBrokenBy?: 'cost' | 'approvals' | 'lot';
}

export interface MesResult {
  /** Funded project ids in the order they were funded. */
  selected: string[];
  spent: Q;
  /** Each voter's share in the run that was kept (pot ÷ voters, plus completion steps). */
  perVoterBudget: Q;
  completionSteps: number;
  outcomes: ProjectOutcome[];
}

interface Prepared {
  costs: Q[];
  ids: string[];
  supporters: Int32Array[];
  lotRank: number[];
  n: number;
  utility: Utility;
  /** Costs and budget are multiplied by this so every cost is a whole number. */
  scale: bigint;
  costsInt: bigint[];
}

function prepare(input: MesInput): Prepared {
  const index = new Map<string, number>();
  input.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new Error(`duplicate project ${p.id}`);
    index.set(p.id, i);
  });
  const lists: number[][] = input.projects.map(() => []);
  input.ballots.forEach((ballot, v) => {
    const seen = new Set<number>();
    for (const id of ballot) {
      const i = index.get(id);
      if (i === undefined) throw new Error(`ballot ${v} approves unknown project ${id}`);
      if (!seen.has(i)) {
        seen.add(i);
        lists[i].push(v);
      }
    }
  });
  let scale = input.budget.d;
  for (const p of input.projects) scale = (scale * p.cost.d) / gcdBig(scale, p.cost.d);
  const lotRank = input.projects.map((p, i) => {
    const r = input.lot?.indexOf(p.id) ?? -1;
    return r === -1 ? input.projects.length + i : r;
  });
  return {
    costs: input.projects.map((p) => p.cost),
    ids: input.projects.map((p) => p.id),
    supporters: lists.map((l) => Int32Array.from(l)),
    lotRank,
    n: input.ballots.length,
    utility: input.utility ?? 'cost',
    scale,
    costsInt: input.projects.map((p) => (p.cost.n * scale) / p.cost.d),
  };
}

interface Run {
  selected: number[];
  rounds: Map<number, { round: number; maxPayment: Q; tieBrokenBy?: ProjectOutcome['tieBrokenBy'] }>;
  voterClass: Int32Array;
  /** Money left per class, as an integer numerator over the run's common denominator `den`. */
  classNum: bigint[];
  den: bigint;
}

/** Which of two equally cheap-per-supporter projects wins: lower cost, then more approvals, then lot. */
function tieBreak(P: Prepared, a: number, b: number): { winner: number; by: ProjectOutcome['tieBrokenBy'] } {
  const c = cmp(P.costs[a], P.costs[b]);
  if (c !== 0) return { winner: c < 0 ? a : b, by: 'cost' };
  const sa = P.supporters[a].length;
  const sb = P.supporters[b].length;
  if (sa !== sb) return { winner: sa > sb ? a : b, by: 'approvals' };
  return { winner: P.lotRank[a] < P.lotRank[b] ? a : b, by: 'lot' };
}

/** A float approximation of a big ratio, only ever used to skip work, never to decide. */
function approx(n: bigint, d: bigint): number {
  const shift = BigInt(Math.max(0, Math.max(n.toString(2).length, d.toString(2).length) - 900));
  return Number(n >> shift) / Number(d >> shift);
}

/**
 * One run of MES with a fixed share per voter. All money is kept as integers over one common
 * denominator (`den`), so sums and comparisons are plain BigInt arithmetic: when a project is paid
 * with a share that has denominator `left`, every class is rescaled by `left`.
 * Costs are integers here (prepare() scales them), `perVoter` is num/den.
 */
function runFixed(P: Prepared, perVoterNum: bigint, perVoterDen: bigint, costsInt: bigint[]): Run {
  const voterClass = new Int32Array(P.n);
  let den = perVoterDen;
  const classNum: bigint[] = [perVoterNum];
  let counts = new Int32Array(64);
  const remaining = new Set<number>();
  // Lower bound (as a float, used only to prune) on each project's rho: rho never falls.
  const bound: number[] = costsInt.map((cost, i) => {
    const k = P.supporters[i].length;
    if (k === 0 || cost === 0n) return Infinity;
    remaining.add(i);
    return P.utility === 'cost' ? 1 / k : Number(cost) / k;
  });
  const selected: number[] = [];
  const rounds: Run['rounds'] = new Map();

  for (;;) {
    const order = [...remaining].sort((a, b) => bound[a] - bound[b] || a - b);
    // best rho as an exact fraction rhoN / rhoD (absolute, i.e. already divided by den)
    let winner = -1;
    let bestPayN = 0n; // payment = bestPayN / (bestPayL * den)
    let bestPayL = 1n;
    let bestApprox = Infinity;
    let tieBrokenBy: ProjectOutcome['tieBrokenBy'];
    for (const p of order) {
      if (winner !== -1 && bound[p] > bestApprox * (1 + 1e-9)) break;
      if (counts.length < classNum.length) counts = new Int32Array(classNum.length * 2);
      const touched: number[] = [];
      for (const v of P.supporters[p]) {
        const c = voterClass[v];
        if (counts[c]++ === 0) touched.push(c);
      }
      const entries = touched.map((c) => [c, counts[c]] as const);
      for (const c of touched) counts[c] = 0;
      entries.sort((x, y) => (classNum[x[0]] < classNum[y[0]] ? -1 : classNum[x[0]] > classNum[y[0]] ? 1 : 0));
      const costD = costsInt[p] * den;
      let paid = 0n;
      let left = BigInt(P.supporters[p].length);
      let payN = -1n; // payment = payN / (left * den)
      for (const [cls, c] of entries) {
        // equal share (costD - paid) / left, within this class's money?
        if (costD - paid <= classNum[cls] * left) {
          payN = costD - paid;
          break;
        }
        paid += classNum[cls] * BigInt(c);
        left -= BigInt(c);
      }
      if (payN < 0n) {
        remaining.delete(p); // its supporters cannot afford it, and never will in this run
        continue;
      }
      // rho = payment / utility; utility is the cost (or 1). Compare exactly by cross-multiplying.
      const uP = P.utility === 'cost' ? costsInt[p] : 1n;
      const rhoApprox = approx(payN, left * den * uP);
      bound[p] = rhoApprox;
      let c: number;
      if (winner === -1) c = -1;
      else {
        const uW = P.utility === 'cost' ? costsInt[winner] : 1n;
        const l = payN * bestPayL * uW;
        const r = bestPayN * left * uP;
        c = l < r ? -1 : l > r ? 1 : 0;
      }
      if (c < 0 || (c === 0 && tieBreak(P, winner, p).winner === p)) {
        tieBrokenBy = c === 0 ? tieBreak(P, winner, p).by : undefined;
        winner = p;
        bestPayN = payN;
        bestPayL = left;
        bestApprox = rhoApprox;
      } else if (c === 0) {
        tieBrokenBy = tieBreak(P, winner, p).by;
      }
    }
    if (winner === -1) break;
    selected.push(winner);
    remaining.delete(winner);
    rounds.set(winner, {
      round: selected.length,
      maxPayment: q(bestPayN, bestPayL * den * P.scale),
      tieBrokenBy,
    });
    // Rescale every class to the new denominator den * L, then charge the winner's supporters.
    const L = bestPayL;
    if (L !== 1n) for (let i = 0; i < classNum.length; i++) classNum[i] *= L;
    den *= L;
    const split = new Map<number, number>();
    for (const v of P.supporters[winner]) {
      const old = voterClass[v];
      let next = split.get(old);
      if (next === undefined) {
        const b = classNum[old];
        next = classNum.length;
        classNum.push(b > bestPayN ? b - bestPayN : 0n);
        split.set(old, next);
      }
      voterClass[v] = next;
    }
    // Keep the numbers small: divide out any common factor.
    let g = den;
    for (const x of classNum) {
      if (g === 1n) break;
      if (x !== 0n) g = gcdBig(g, x);
    }
    if (g > 1n) {
      den /= g;
      for (let i = 0; i < classNum.length; i++) classNum[i] /= g;
    }
  }
  return { selected, rounds, voterClass, classNum, den };
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The same run in floating point, used only to try the completion steps quickly. Every decision it
 * makes (can the supporters pay? which project is cheapest? which class pays in full?) is checked
 * against a safety margin far wider than float error; if any decision is closer than that, the run
 * reports `ambiguous` and the caller repeats it exactly. So the result is always the exact one.
 */
const MARGIN = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= MARGIN * Math.max(1, Math.abs(a), Math.abs(b));

function runFloat(P: Prepared, perVoter: number): { selected: number[]; ambiguous: boolean } {
  const costs = P.costsInt.map(Number);
  const voterClass = new Int32Array(P.n);
  const classBudget: number[] = [perVoter];
  let counts = new Int32Array(64);
  const remaining = new Set<number>();
  const bound: number[] = costs.map((cost, i) => {
    const k = P.supporters[i].length;
    if (k === 0 || cost === 0) return Infinity;
    remaining.add(i);
    return P.utility === 'cost' ? 1 / k : cost / k;
  });
  const selected: number[] = [];
  for (;;) {
    const order = [...remaining].sort((a, b) => bound[a] - bound[b] || a - b);
    let winner = -1;
    let bestRho = Infinity;
    let bestPay = 0;
    for (const p of order) {
      if (winner !== -1 && bound[p] > bestRho * (1 + 1e-6)) break;
      if (counts.length < classBudget.length) counts = new Int32Array(classBudget.length * 2);
      const touched: number[] = [];
      for (const v of P.supporters[p]) {
        const c = voterClass[v];
        if (counts[c]++ === 0) touched.push(c);
      }
      const entries = touched.map((c) => [classBudget[c], counts[c]] as const);
      for (const c of touched) counts[c] = 0;
      entries.sort((x, y) => x[0] - y[0]);
      const cost = costs[p];
      let paid = 0;
      let left = P.supporters[p].length;
      let pay = -1;
      for (const [b, c] of entries) {
        const share = (cost - paid) / left;
        if (close(share, b)) return { selected, ambiguous: true };
        if (share < b) {
          pay = share;
          break;
        }
        paid += b * c;
        left -= c;
      }
      if (pay < 0) {
        if (close(paid, cost)) return { selected, ambiguous: true };
        remaining.delete(p);
        continue;
      }
      const rho = P.utility === 'cost' ? pay / cost : pay;
      bound[p] = rho;
      if (winner !== -1 && close(rho, bestRho)) return { selected, ambiguous: true };
      if (rho < bestRho) {
        winner = p;
        bestRho = rho;
        bestPay = pay;
      }
    }
    if (winner === -1) return { selected, ambiguous: false };
    selected.push(winner);
    remaining.delete(winner);
    const split = new Map<number, number>();
    for (const v of P.supporters[winner]) {
      const old = voterClass[v];
      let next = split.get(old);
      if (next === undefined) {
        const b = classBudget[old];
        next = classBudget.length;
        classBudget.push(b > bestPay ? b - bestPay : 0);
        split.set(old, next);
      }
      voterClass[v] = next;
    }
  }
}

const costOf = (P: Prepared, sel: number[]): Q => sel.reduce((s, i) => add(s, P.costs[i]), ZERO);

function isExhaustive(P: Prepared, sel: number[], budget: Q): boolean {
  const left = sub(budget, costOf(P, sel));
  const chosen = new Set(sel);
  return !P.costs.some((c, i) => !chosen.has(i) && cmp(c, left) <= 0);
}

export function equalShares(input: MesInput): MesResult {
  const P = prepare(input);
  if (P.n === 0) throw new Error('no ballots');
  const n = BigInt(P.n);
  // Each voter's share, in scaled units: budget * scale / n, as num / den.
  const budgetScaled = (input.budget.n * P.scale) / input.budget.d;
  let perVoter = q(budgetScaled, n);
  const fixed = (share: Q) => runFixed(P, share.n, share.d, P.costsInt);
  let steps = 0;
  const step = input.stepPerVoter ?? null;
  let run: Run;
  if (step === null || isZero(step)) run = fixed(perVoter);
  else {
    const stepScaled = q(step.n * P.scale, step.d);
    // Keep adding one step per voter until the outcome is exhaustive or the next one would overspend.
    // Steps are tried with the certified float run (exact when it is unsure); only the kept step is
    // run exactly at the end, for the figures the result page shows.
    const selectedAt = (share: Q) => {
      const f = runFloat(P, Number(share.n) / Number(share.d));
      return f.ambiguous ? fixed(share).selected : f.selected;
    };
    let selected = selectedAt(perVoter);
    // Once every project someone approved is funded, a larger share cannot change the outcome: stop
    // (otherwise a pot bigger than everything asked for would spin to the guard, a million runs).
    const supported = P.supporters.filter((s, i) => s.length > 0 && P.costsInt[i] > 0n).length;
    for (let guard = 0; guard < 1_000_000 && selected.length < supported && !(input.stopWhenExhaustive && isExhaustive(P, selected, input.budget)); guard++) {
      const nextPerVoter = add(perVoter, stepScaled);
      const next = selectedAt(nextPerVoter);
      if (cmp(costOf(P, next), input.budget) > 0) break;
      selected = next;
      perVoter = nextPerVoter;
      steps++;
    }
    run = fixed(perVoter);
  }
  const outcomes: ProjectOutcome[] = P.ids.map((id, i) => {
    let money = 0n;
    for (const v of P.supporters[i]) money += run.classNum[run.voterClass[v]];
    const r = run.rounds.get(i);
    return {
      id,
      cost: P.costs[i],
      approvals: P.supporters[i].length,
      funded: r !== undefined,
      round: r?.round,
      maxPayment: r?.maxPayment,
      supportersMoneyLeft: q(money, run.den * P.scale),
      tieBrokenBy: r?.tieBrokenBy,
    };
  });
  return {
    selected: run.selected.map((i) => P.ids[i]),
    spent: costOf(P, run.selected),
    perVoterBudget: q(perVoter.n, perVoter.d * P.scale),
    completionSteps: steps,
    outcomes,
  };
}
