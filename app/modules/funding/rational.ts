/**
 * Exact non-negative rationals over BigInt, just what the Method of Equal Shares needs. Money is split
 * between voters in thirds, sevenths… and a float that drifts by 1e-12 can flip which project a
 * recount funds, so every comparison here is exact. Always kept reduced with a positive denominator.
 */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function q(n: bigint | number, d: bigint | number = 1n): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return g === 1n ? { n: nn, d: dd } : { n: nn / g, d: dd / g };
}

/** Parses "12", "0.9", "1.09" exactly (pabutools' fixtures use decimal costs). */
export function parseDecimal(text: string): Q {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[2] ?? '';
  return q(BigInt(m[1] + frac), 10n ** BigInt(frac.length));
}

export const ZERO = q(0n);
export const add = (a: Q, b: Q): Q => (a.d === b.d ? q(a.n + b.n, a.d) : q(a.n * b.d + b.n * a.d, a.d * b.d));
export const sub = (a: Q, b: Q): Q => (a.d === b.d ? q(a.n - b.n, a.d) : q(a.n * b.d - b.n * a.d, a.d * b.d));
export const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
export const mulInt = (a: Q, k: number | bigint): Q => q(a.n * BigInt(k), a.d);
export const cmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const min = (a: Q, b: Q): Q => (cmp(a, b) <= 0 ? a : b);
export const isZero = (a: Q): boolean => a.n === 0n;

/** For display only (pence, rounded down, so an explanation never claims more than was there). */
export function toNumber(a: Q): number {
  return Number(a.n) / Number(a.d);
}
export function floorPence(a: Q): number {
  return Number((a.n * 100n) / a.d);
}
