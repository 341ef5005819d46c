/**
 * Fund-audit: the round report's people counts against differencing across themes.
 *
 * A grant may have several themes, so the theme rows do not add up to the total and roundFigures
 * tied no relation to them. But when one theme's grants are a subset of another's, subtracting the
 * two published rows gives the people reached by the grants in between — and when those grants are
 * exactly a hidden city's, the hidden "<5" is recovered (ONS disclosure control guidance calls this
 * "disclosure by differencing"). Every value a reader can compute by subtracting published cells of
 * nested sets must itself be safe: not fewer than five people.
 */
import { describe, expect, it } from 'vitest';
import { SUPPRESS_BELOW, roundFigures, type AwardFact, type RoundFigures } from './evidence';

const apps = { submitted: 3, withdrawn: 0, funded: 3, notFunded: 0, inReview: 0, amountRequested: 3000 };
const award = (id: string, city: string, themes: string[], peopleReached: number): AwardFact => ({ applicationId: id, amount: 1000, city, themes, peopleReached });

/** Every published people figure of the report, with the set of grants behind it. */
function published(f: RoundFigures, awards: AwardFact[]) {
  const out: { label: string; grants: Set<string>; value: number }[] = [];
  if (f.people !== null) out.push({ label: 'total', grants: new Set(awards.map((a) => a.applicationId)), value: f.people });
  for (const r of f.byCity) if (r.people !== null && r.grants > 0) out.push({ label: `city:${r.key}`, grants: new Set(awards.filter((a) => a.city === r.key).map((a) => a.applicationId)), value: r.people });
  for (const r of f.byTheme) if (r.people !== null && r.grants > 0) out.push({ label: `theme:${r.key}`, grants: new Set(awards.filter((a) => a.themes.includes(r.key)).map((a) => a.applicationId)), value: r.people });
  return out;
}

/** What a reader learns by subtracting one published figure from another over a superset of its grants. */
function differences(cells: ReturnType<typeof published>) {
  const out: { what: string; value: number }[] = [];
  for (const x of cells)
    for (const y of cells) {
      if (x === y || y.grants.size >= x.grants.size || ![...y.grants].every((g) => x.grants.has(g))) continue;
      out.push({ what: `${x.label} − ${y.label}`, value: x.value - y.value });
    }
  return out;
}

describe('round report: no small number recovered by differencing (fund-audit)', () => {
  it('a hidden city is not the difference of two published themes', () => {
    const awards = [award('g1', 'birmingham', ['education', 'arts'], 10), award('g2', 'coventry', ['education'], 3)];
    const f = roundFigures({ pot: 5000, applications: apps, awards, cities: ['birmingham', 'coventry'], themes: ['education', 'arts'] });
    expect(f.byCity.find((r) => r.key === 'coventry')!.people).toBeNull();
    const leaks = differences(published(f, awards)).filter((d) => d.value < SUPPRESS_BELOW);
    expect(leaks).toEqual([]);
  });

  it('holds for a bigger round with overlapping themes and cities', () => {
    const awards = [
      award('a', 'birmingham', ['education', 'arts'], 40),
      award('b', 'birmingham', ['education'], 2),
      award('c', 'coventry', ['health', 'education'], 25),
      award('d', 'coventry', ['health'], 4),
      award('e', 'wolverhampton', ['arts'], 12),
      award('f', 'wolverhampton', ['arts', 'health'], 30),
    ];
    const f = roundFigures({ pot: 9000, applications: apps, awards, cities: ['birmingham', 'coventry', 'wolverhampton'], themes: ['education', 'arts', 'health'] });
    expect(differences(published(f, awards)).filter((d) => d.value < SUPPRESS_BELOW)).toEqual([]);
    // Still a useful report: not everything is hidden.
    expect(published(f, awards).length).toBeGreaterThan(1);
  });
});
