/**
 * The round report as files for funders: CSV (one row per figure, same suppression as the page) and PDF
 * (through the shared PDF module, so Arabic, Farsi and Urdu print shaped and right-aligned). Both are
 * written in the reader's language; money in whole pounds.
 */
import type { TFunction } from 'i18next';
import { toCsv } from '~/modules/mentoring/csv';
import { renderPdf, textBlock } from '~/modules/pdf/pdf.server';
import { CITIES } from '~/modules/members/reference';
import { formatMoney } from '~/utils/money';
import { cellText, type BreakdownRow, type Cell } from './evidence';
import type { RoundReport } from './evidence.server';

type T = TFunction;

export function cityLabel(t: T, key: string): string {
  return (CITIES as readonly string[]).includes(key) ? t(`common.cities.${key}`) : t('funding.evidence.cityUnknown');
}

export function themeLabel(t: T, key: string): string {
  return key === 'none' ? t('funding.evidence.themeNone') : t(`directory.themes.${key}`, { defaultValue: key });
}

const people = (c: Cell) => cellText(c);

export function reportCsv(r: RoundReport, t: T): string {
  const f = r.figures;
  const e = (k: string) => t(`funding.evidence.${k}`);
  const rows: (string | number | null)[][] = [[e('colSection'), e('colItem'), e('colGrants'), e('colAmount'), e('colPeople')]];
  rows.push([e('money'), e('pot'), null, f.pot, null]);
  rows.push([e('money'), e('awarded'), f.grants, f.awarded, people(f.people)]);
  rows.push([e('money'), e('remaining'), null, f.remaining, null]);
  const a = f.applications;
  rows.push([e('applications'), e('submitted'), a.submitted, a.amountRequested, null]);
  for (const [k, n] of [['inReview', a.inReview], ['funded', a.funded], ['notFunded', a.notFunded], ['withdrawn', a.withdrawn]] as const) rows.push([e('applications'), e(k), n, null, null]);
  const breakdown = (section: string, list: BreakdownRow[], label: (k: string) => string) => {
    for (const b of list) rows.push([section, label(b.key), b.grants, b.amount, people(b.people)]);
  };
  breakdown(e('byCity'), f.byCity, (k) => cityLabel(t, k));
  breakdown(e('byTheme'), f.byTheme, (k) => themeLabel(t, k));
  if (r.evidence.source) rows.push([e('sourceTitle'), t('funding.evidence.regrant', { funder: r.evidence.source.funderName, id: r.evidence.source.grantId }), null, null, null]);
  if (r.evidence.lessons) rows.push([e('lessons'), r.evidence.lessons, null, null, null]);
  for (const l of r.granteeLessons) rows.push([e('granteeLessons'), l, null, null, null]);
  return toCsv(rows);
}

export async function reportPdf(r: RoundReport, t: T, locale: string): Promise<Buffer> {
  const f = r.figures;
  const e = (k: string, v?: Record<string, unknown>) => t(`funding.evidence.${k}`, v);
  const money = (n: number) => formatMoney(n, 'GBP', locale);
  const fallback = ['ar', 'fa', 'ur'].includes(locale) ? ('rtl' as const) : ('ltr' as const);
  const p = (text: string, props: Record<string, unknown> = {}) => textBlock(text, props, { fallback });
  const table = (head: string, list: BreakdownRow[], label: (k: string) => string) => ({
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto'],
      body: [
        [head, e('colGrants'), e('colAmount'), e('colPeople')].map((h) => p(h, { bold: true })),
        ...list.map((b) => [p(label(b.key)), p(String(b.grants)), p(money(b.amount)), p(people(b.people))]),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  });
  const a = f.applications;
  const content: unknown[] = [
    p(e('title', { name: r.round.name }), { style: 'h1' }),
    p(e('made', { date: new Date().toISOString().slice(0, 10) }), { fontSize: 9 }),
    p(e('money'), { style: 'h2' }),
    p(`${e('pot')}: ${money(f.pot)} · ${e('awarded')}: ${money(f.awarded)} · ${e('remaining')}: ${money(f.remaining)}`),
    p(r.evidence.source ? e('regrant', { funder: r.evidence.source.funderName, id: r.evidence.source.grantId }) : e('ownFunds')),
    p(e('applications'), { style: 'h2' }),
    p(`${e('submitted')}: ${a.submitted} (${e('requested')}: ${money(a.amountRequested)}) · ${e('funded')}: ${a.funded} · ${e('notFunded')}: ${a.notFunded} · ${e('inReview')}: ${a.inReview} · ${e('withdrawn')}: ${a.withdrawn}`),
    p(e('people'), { style: 'h2' }),
    p(r.reportsAvailable ? e('peopleTotal', { people: people(f.people), reported: f.reported, grants: f.grants }) : e('noReports')),
    p(e('byCity'), { style: 'h2' }),
    table(e('colCity'), f.byCity, (k) => cityLabel(t, k)),
    p(e('byTheme'), { style: 'h2' }),
    table(e('colTheme'), f.byTheme, (k) => themeLabel(t, k)),
    p(e('suppressedNote'), { fontSize: 9, italics: true }),
    p(e('lessons'), { style: 'h2' }),
    ...(r.evidence.lessons ? r.evidence.lessons.split(/\n+/).map((line) => p(line)) : [p(e('noLessons'))]),
    ...(r.granteeLessons.length ? [p(e('granteeLessons'), { style: 'h3' }), { ul: r.granteeLessons.map((l) => p(l)) }] : []),
  ];
  return renderPdf({
    info: { title: e('title', { name: r.round.name }), creator: 'NOMI Workspace', producer: 'NOMI Workspace' },
    content,
    defaultStyle: { fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 2] }, h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] } },
  });
}
