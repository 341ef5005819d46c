/** Reading a data folder as an adversary would: where records sit in the raw bytes (issue 15.7). */

export function occurrences(hay: Buffer, needle: Buffer): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

export function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** Pairs the k-th ballot with the k-th voter in file order (both directions); returns the better hit count. */
export function rankPairing(ballotPos: Array<number | undefined>, voterPos: Array<number | undefined>): number {
  const idx = (pos: Array<number | undefined>) => pos.map((p, i) => ({ p, i })).filter((x) => x.p !== undefined);
  const b = idx(ballotPos).sort((x, y) => x.p! - y.p!);
  const v = idx(voterPos).sort((x, y) => x.p! - y.p!);
  const n = Math.min(b.length, v.length);
  let fwd = 0;
  let rev = 0;
  for (let k = 0; k < n; k++) {
    if (b[k]!.i === v[k]!.i) fwd++;
    if (b[b.length - 1 - k]!.i === v[k]!.i) rev++;
  }
  return Math.max(fwd, rev);
}

/** Pairs each ballot with the voter whose position is nearest (the "same transaction" attack). */
export function nearestPairing(ballotPos: Array<number | undefined>, voterPos: Array<number | undefined>): number {
  let hits = 0;
  ballotPos.forEach((bp, i) => {
    if (bp === undefined) return;
    let best = -1;
    let dist = Infinity;
    voterPos.forEach((vp, j) => {
      if (vp !== undefined && Math.abs(vp - bp) < dist) {
        dist = Math.abs(vp - bp);
        best = j;
      }
    });
    if (best === i) hits++;
  });
  return hits;
}
