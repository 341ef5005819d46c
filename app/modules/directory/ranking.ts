import { WEST_MIDLANDS } from './themes';

/**
 * Partner ranking: pure, no database, unit-tested with hand-made cases (ranking.test.ts).
 *
 * A reason is an i18n key plus values so every caller can translate it in the reader's language:
 *   { key: 'directory.reasons.offersNeed', values: { tag: 'bid-writing' } }
 * Value names are typed: `tag` is a tag slug (label via `directory.tags.<slug>`, or `tagLabel` for a
 * member-added tag), `theme` a theme slug (`directory.themes.<slug>`), `city` a city slug
 * (`common.cities.<slug>`), `language` an ISO 639-1 code (Intl.DisplayNames).
 * Use `reasonText()` from `./reasons` to turn them into a plain sentence.
 */
export interface MatchReason {
  key: string;
  values: Record<string, string | number>;
}

export interface MatchProfile {
  offers: string[];
  needs: string[];
  themes: string[];
  city: string | null;
  languages: string[];
}

export interface MatchCandidate extends MatchProfile {
  kind: 'member' | 'org';
  id: string;
  name: string;
  href: string;
  /** Mentoring at capacity or opted out of matching: never suggested. */
  unavailable?: boolean;
}

export interface RankedPartner {
  kind: 'member' | 'org';
  id: string;
  name: string;
  href: string;
  score: number;
  reasons: MatchReason[];
}

export const WEIGHTS = {
  /** Each of my needs the candidate offers. */
  offersNeed: 10,
  /** Each of the candidate's needs I offer. */
  needsOffer: 6,
  sharedTheme: 2,
  sameCity: 3,
  nearbyCity: 1.5,
  /** Each shared language other than English (nearly everyone shares English). */
  sharedLanguage: 2,
} as const;

const MAX_TAG_REASONS = 3;

function neighbours(a: string | null, b: string | null): 'same' | 'near' | null {
  if (!a || !b) return null;
  if (a === b) return a === 'elsewhere' ? null : 'same';
  const wm = WEST_MIDLANDS as readonly string[];
  return wm.includes(a) && wm.includes(b) ? 'near' : null;
}

/** Scores one candidate against the seeker; null when there is nothing complementary. */
export function scoreCandidate(seeker: MatchProfile, c: MatchCandidate): { score: number; reasons: MatchReason[] } | null {
  const needs = new Set(seeker.needs);
  const offers = new Set(seeker.offers);
  const theyOffer = c.offers.filter((t) => needs.has(t));
  const theyNeed = c.needs.filter((t) => offers.has(t));
  const themes = c.themes.filter((t) => seeker.themes.includes(t));
  const complementary = theyOffer.length + theyNeed.length > 0;
  // With no needs or offers at all (a bid that only names themes), shared themes are enough.
  const seekingByThemeOnly = seeker.needs.length === 0 && seeker.offers.length === 0;
  if (!complementary && !(seekingByThemeOnly && themes.length > 0)) return null;

  const reasons: MatchReason[] = [];
  let score = theyOffer.length * WEIGHTS.offersNeed + theyNeed.length * WEIGHTS.needsOffer + themes.length * WEIGHTS.sharedTheme;
  for (const tag of theyOffer.slice(0, MAX_TAG_REASONS)) reasons.push({ key: 'directory.reasons.offersNeed', values: { tag } });
  for (const tag of theyNeed.slice(0, MAX_TAG_REASONS)) reasons.push({ key: 'directory.reasons.needsOffer', values: { tag } });
  if (themes.length) reasons.push({ key: 'directory.reasons.sharedTheme', values: { theme: themes[0]! } });
  const place = neighbours(seeker.city, c.city);
  if (place === 'same') {
    score += WEIGHTS.sameCity;
    reasons.push({ key: 'directory.reasons.sameCity', values: { city: c.city! } });
  } else if (place === 'near') {
    score += WEIGHTS.nearbyCity;
    reasons.push({ key: 'directory.reasons.nearbyCity', values: { city: c.city! } });
  }
  const languages = c.languages.filter((l) => l !== 'en' && seeker.languages.includes(l));
  score += Math.min(languages.length, 2) * WEIGHTS.sharedLanguage;
  if (languages.length) reasons.push({ key: 'directory.reasons.speaks', values: { language: languages[0]! } });
  return { score, reasons };
}

/**
 * Ranks candidates: highest score first, ties by name (stable and predictable).
 * Unavailable candidates and excluded ids are never returned.
 */
export function rankPartners(
  seeker: MatchProfile,
  candidates: MatchCandidate[],
  opts: { exclude?: Set<string>; limit?: number } = {},
): RankedPartner[] {
  const out: RankedPartner[] = [];
  for (const c of candidates) {
    if (c.unavailable || opts.exclude?.has(`${c.kind}:${c.id}`)) continue;
    const scored = scoreCandidate(seeker, c);
    if (!scored) continue;
    out.push({ kind: c.kind, id: c.id, name: c.name, href: c.href, score: scored.score, reasons: scored.reasons });
  }
  out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return out.slice(0, opts.limit ?? 20);
}
