/**
 * Client-safe reference values for bids: statuses, roles, currencies, funder templates and money
 * helpers. Labels are i18n keys under `bids.`.
 */
import { formatMoney as formatAmount } from '~/utils/money';
import { dateTimeFormat } from '~/utils/intl';
export const BID_STATUSES = ['idea', 'drafting', 'in_review', 'submitted', 'awarded', 'not_awarded', 'withdrawn'] as const;
export type BidStatusValue = (typeof BID_STATUSES)[number];
/** Statuses in which the bid is still being worked on: reminders go out only for these. */
export const ACTIVE_STATUSES: readonly BidStatusValue[] = ['idea', 'drafting', 'in_review'];
/** Statuses set by recording the outcome, not by the plain status form. */
export const OUTCOME_STATUSES: readonly BidStatusValue[] = ['awarded', 'not_awarded'];

export const BID_ROLES = ['lead', 'partner', 'reviewer'] as const;
export type BidRoleValue = (typeof BID_ROLES)[number];

export const CURRENCIES = ['GBP', 'EUR'] as const;
export type CurrencyValue = (typeof CURRENCIES)[number];

/** Largest amount accepted: 100 million in major units, kept well inside safe integers. */
export const MAX_MINOR = 100_000_000_00;

export interface TemplateSection {
  /** i18n key suffix: bids.templates.<template>.sections.<key> */
  key: string;
  wordLimit: number | null;
}
export interface FunderTemplate {
  id: string;
  /** The funder's name as written on the bid (a proper name, not translated). */
  funder: string;
  sections: TemplateSection[];
}

/** Question sets of common UK funders. Section titles are translated into the creator's language. */
export const TEMPLATES: FunderTemplate[] = [
  {
    id: 'awards-for-all',
    funder: 'The National Lottery Community Fund',
    sections: [
      { key: 'summary', wordLimit: 100 },
      { key: 'need', wordLimit: 300 },
      { key: 'activities', wordLimit: 400 },
      { key: 'difference', wordLimit: 300 },
      { key: 'beneficiaries', wordLimit: 200 },
      { key: 'budget', wordLimit: 150 },
    ],
  },
  {
    id: 'community-foundation',
    funder: 'Heart of England Community Foundation',
    sections: [
      { key: 'group', wordLimit: 200 },
      { key: 'project', wordLimit: 300 },
      { key: 'need', wordLimit: 250 },
      { key: 'measure', wordLimit: 200 },
      { key: 'budget', wordLimit: 150 },
    ],
  },
  {
    id: 'trust-foundation',
    funder: 'Esmée Fairbairn Foundation',
    sections: [
      { key: 'organisation', wordLimit: 250 },
      { key: 'work', wordLimit: 500 },
      { key: 'whyNow', wordLimit: 250 },
      { key: 'difference', wordLimit: 300 },
      { key: 'learning', wordLimit: 200 },
    ],
  },
  { id: 'blank', funder: '', sections: [] },
];

export function findTemplate(id: string): FunderTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/**
 * Parses an amount typed by a member ("1500", "1,500.50", "£1 500") into minor units. Returns null
 * when it is not a non-negative amount with at most two decimals.
 */
export function parseMoney(input: string): number | null {
  const cleaned = input.replace(/[\s,£€]/g, '');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(minor) && minor <= MAX_MINOR ? minor : null;
}

/** Minor units back to the text a form field shows ("1500.5" → "1500.50"; whole amounts without decimals). */
export function moneyInput(minor: number): string {
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return formatAmount(minor / 100, currency, locale);
}

export const BID_TIME_ZONE = 'Europe/London';

/** Formats an instant as UK wall time for a datetime-local input ("2026-12-01T17:00"). */
export function toLondonInput(ms: number): string {
  const parts = dateTimeFormat('en-GB', {
    timeZone: BID_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * Reads a datetime-local value ("2026-12-01T17:00") as UK time (funders' deadlines are UK time) and
 * returns the instant, or null when it is not a real date and time.
 */
export function fromLondonInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(naive);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // London is UTC+0 or UTC+1: try both offsets and keep the one that reads back as the same wall time.
  for (const offset of [0, 60, -60]) {
    const candidate = naive - offset * 60_000;
    if (toLondonInput(candidate) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`) return candidate;
  }
  // A wall time skipped by the clocks going forward (01:00–02:00 in late March): read it as UTC.
  return naive;
}

export function sectionField(sectionId: string): string {
  return `section-${sectionId}`;
}
