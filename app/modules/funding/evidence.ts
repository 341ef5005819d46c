/**
 * The round report's figures (issue 14 item 10), computed from plain facts so they can be tested
 * without a database: pot, applications, awards by city and by theme, people reached.
 *
 * People counts go through the mentoring report's small-number suppression — the same primary rule
 * (fewer than SUPPRESS_BELOW people → withheld, shown "<5") and the same complementary suppression over
 * the additive relations between published cells (~/modules/mentoring/disclosure), so a hidden city
 * cannot be recovered by subtracting the others from the total. Money and grant counts are not
 * suppressed: every grant is published in the 360Giving file anyway.
 */
import { suppress, type CellFacts, type Relation } from '~/modules/mentoring/disclosure';
import { SUPPRESS_BELOW, cellText, type Cell } from '~/modules/mentoring/cells';

export { SUPPRESS_BELOW, cellText, type Cell };

export interface AwardFact {
  applicationId: string;
  amount: number;
  /** A city slug, or null when neither the organisation nor the lead applicant gave one. */
  city: string | null;
  themes: string[];
  /** From the grant's latest report; null when no report has given a number yet. */
  peopleReached: number | null;
}

export interface ApplicationCounts {
  submitted: number;
  withdrawn: number;
  funded: number;
  notFunded: number;
  /** Still being reviewed (submitted, round not decided). */
  inReview: number;
  amountRequested: number;
}

export interface BreakdownRow {
  key: string;
  grants: number;
  amount: number;
  /** People reached, suppressed; null = "<5" (or no report yet, see `reported`). */
  people: Cell;
  /** How many of these grants have reported a number of people. */
  reported: number;
}

export interface RoundFigures {
  pot: number;
  awarded: number;
  /** Left in the pot; rolls over to the next round. */
  remaining: number;
  applications: ApplicationCounts;
  grants: number;
  people: Cell;
  reported: number;
  byCity: BreakdownRow[];
  byTheme: BreakdownRow[];
}

const UNKNOWN = 'unknown';
const NONE = 'none';

/**
 * Figures for one round. `cities`/`themes` list the keys to show (the round's own, so a city with no
 * grant still shows a zero row and a reader sees the whole picture); any other key found is added.
 */
export function roundFigures(input: { pot: number; applications: ApplicationCounts; awards: readonly AwardFact[]; cities: readonly string[]; themes: readonly string[] }): RoundFigures {
  const { awards } = input;
  const cityOf = (a: AwardFact) => a.city ?? UNKNOWN;
  const themesOf = (a: AwardFact) => (a.themes.length ? a.themes : [NONE]);
  const cityKeys = unique([...input.cities, ...awards.map(cityOf)]);
  const themeKeys = unique([...input.themes, ...awards.flatMap(themesOf)]);

  const cells = new Map<string, CellFacts>();
  const people = (list: readonly AwardFact[]) => list.reduce((s, a) => s + (a.peopleReached ?? 0), 0);
  const cell = (id: string, list: readonly AwardFact[]) => {
    const n = people(list);
    // The count is people, so it is both the count and the number of people behind it.
    cells.set(id, { count: n, people: n });
  };
  // A row with no grant is a known zero (its grant count is published), so it is not a cell to protect
  // and adds nothing to a sum: only rows with grants take part in suppression.
  const withGrants = (list: readonly AwardFact[]) => list.length > 0;
  const cityList = (c: string) => awards.filter((a) => cityOf(a) === c);
  const themeList = (t: string) => awards.filter((a) => themesOf(a).includes(t));
  cell('total', awards);
  const cityCells = cityKeys.filter((c) => withGrants(cityList(c)));
  const themeCells = themeKeys.filter((t) => withGrants(themeList(t)));
  for (const c of cityCells) cell(`city:${c}`, cityList(c));
  for (const t of themeCells) cell(`theme:${t}`, themeList(t));

  const relations: Relation[] = [{ total: 'total', parts: cityCells.map((c) => `city:${c}`) }];
  // Themes add up to the total only when every grant has exactly one theme; with several themes a grant
  // counts in each, there is no exact sum and so nothing to subtract.
  if (awards.every((a) => themesOf(a).length === 1)) relations.push({ total: 'total', parts: themeCells.map((t) => `theme:${t}`) });
  // Nested rows (fund-audit): when one row's grants are a subset of another's, the difference of the two
  // published numbers is the people reached by the grants in between — which may be exactly a hidden
  // city. A small difference is a cell of its own that is never published, so suppression must hide
  // one of the two rows (a grant with several themes made "all" − "arts" give away a "<5" city).
  const grantsOf = new Map<string, readonly AwardFact[]>([['total', awards], ...cityCells.map((c) => [`city:${c}`, cityList(c)] as const), ...themeCells.map((t) => [`theme:${t}`, themeList(t)] as const)]);
  for (const [x, xs] of grantsOf)
    for (const [y, ys] of grantsOf) {
      if (x === y || ys.length >= xs.length || !ys.every((g) => xs.includes(g))) continue;
      const between = people(xs.filter((g) => !ys.includes(g)));
      if (between >= SUPPRESS_BELOW) continue;
      cells.set(`diff:${x}|${y}`, { count: between, people: between });
      relations.push({ total: x, parts: [y, `diff:${x}|${y}`] });
    }
  const hidden = suppress(cells, relations);
  const shown = (id: string): Cell => (!cells.has(id) ? 0 : hidden.has(id) ? null : cells.get(id)!.count);

  const row = (key: string, id: string, list: readonly AwardFact[]): BreakdownRow => ({
    key,
    grants: list.length,
    amount: list.reduce((s, a) => s + a.amount, 0),
    people: shown(id),
    reported: list.filter((a) => a.peopleReached !== null).length,
  });
  const awarded = awards.reduce((s, a) => s + a.amount, 0);
  return {
    pot: input.pot,
    awarded,
    remaining: Math.max(0, input.pot - awarded),
    applications: input.applications,
    grants: awards.length,
    people: shown('total'),
    reported: awards.filter((a) => a.peopleReached !== null).length,
    byCity: cityKeys.map((c) => row(c, `city:${c}`, cityList(c))),
    byTheme: themeKeys.map((t) => row(t, `theme:${t}`, themeList(t))),
  };
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
