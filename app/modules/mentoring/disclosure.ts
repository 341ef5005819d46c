/**
 * Statistical disclosure control for the mentoring report (issue 16.5): which cells may be published so
 * that no combination of published cells recovers a hidden one.
 *
 * 1. Primary suppression: a cell counting fewer than SUPPRESS_BELOW things, or with fewer than
 *    SUPPRESS_BELOW distinct people behind it, is hidden.
 * 2. Complementary suppression: the published cells are tied by additive relations — a quarter is the
 *    sum of its months, a financial year the sum of its quarters, and within a period the total is the
 *    sum of its modes and the sum of its cities. In any such relation with exactly one hidden member,
 *    that member could be recovered by subtraction, so the smallest published member is hidden too;
 *    repeated until no relation has exactly one hidden member.
 * The test (disclosure.test.ts) checks the result with linear algebra over every relation at once:
 * no hidden cell is determined by the published ones, whatever periods and rows are combined.
 * Pure and synchronous: the server feeds it counts; nothing here names anyone.
 */
import { SUPPRESS_BELOW } from './cells';

export interface CellFacts {
  count: number;
  /** Distinct people behind the count. */
  people: number;
}

/** `total = sum(parts)` for published values. */
export interface Relation {
  total: string;
  parts: string[];
}

export function suppress(cells: Map<string, CellFacts>, relations: Relation[]): Set<string> {
  const hidden = new Set<string>();
  for (const [id, c] of cells) if (c.count < SUPPRESS_BELOW || c.people < SUPPRESS_BELOW) hidden.add(id);
  const countOf = (id: string) => cells.get(id)?.count ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      const members = [r.total, ...r.parts];
      const hiddenHere = members.filter((id) => hidden.has(id));
      if (hiddenHere.length !== 1) continue;
      // Hide the smallest published part (the total only if no part is left), so as little as
      // possible is lost; ties go to the first in order, so the result does not depend on chance.
      const candidates = r.parts.filter((id) => !hidden.has(id));
      const pick = candidates.length
        ? candidates.reduce((best, id) => (countOf(id) < countOf(best) ? id : best))
        : r.total;
      // A relation with no parts (nothing broken down) has nothing to subtract: the hidden cell is its
      // total, already hidden, and going round again would never end.
      if (hidden.has(pick)) continue;
      hidden.add(pick);
      changed = true;
    }
  }
  return hidden;
}
