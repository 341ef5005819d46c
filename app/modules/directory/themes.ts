/**
 * Fixed reference lists for the directory, shared with bids and notices. Labels are i18n keys:
 * themes `directory.themes.<slug>`, built-in tags `directory.tags.<slug>`, legal forms
 * `directory.legalForms.<slug>`, visibilities `directory.visibility.<slug>`.
 * Client-safe (no server imports).
 */
export const THEMES = [
  'housing',
  'employment',
  'health',
  'mental-health',
  'rights-citizenship',
  'language-culture',
  'arts-media',
  'social-enterprise',
  'education',
  'environment',
  'youth',
  'women',
] as const;
export type Theme = (typeof THEMES)[number];

export function listThemes(): readonly Theme[] {
  return THEMES;
}

/**
 * The one label for a theme, wherever it shows (directory, bids, notices, digest): the directory's
 * words, so a member filtering the noticeboard by "Housing" finds the same theme as in the directory.
 */
export function themeLabelKey(slug: string): string {
  return `directory.themes.${slug}`;
}

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** Skills a member can offer / support they look for. Members can add more (see tags.server.ts). */
export const BASE_TAGS = [
  'bid-writing',
  'budgeting',
  'governance',
  'legal-rights',
  'marketing',
  'translation',
  'safeguarding',
  'evaluation',
  'digital',
  'venue',
  'volunteers',
  'mentoring',
  'training',
  'events',
  'design',
] as const;

export function isBaseTag(slug: string): boolean {
  return (BASE_TAGS as readonly string[]).includes(slug);
}

export const LEGAL_FORMS = ['unincorporated', 'cic', 'charity', 'company', 'other'] as const;
export type LegalFormSlug = (typeof LEGAL_FORMS)[number];

/** Who may see one contact detail. */
export const VISIBILITIES = ['me', 'members', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Cities counted as neighbours for matching (the West Midlands conurbation). */
export const WEST_MIDLANDS = ['birmingham', 'coventry', 'wolverhampton', 'west-midlands'] as const;

/** Longest tag label (the server trims to it; the stewards' rename form shows it). */
export const TAG_MAX_LENGTH = 40;
