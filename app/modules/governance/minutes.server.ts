import { createRequire } from 'node:module';
import path from 'node:path';
import type { TallyResult } from './tally';
import { listDecisions, toCsv } from './records.server';

type Decision = Awaited<ReturnType<typeof listDecisions>>[number];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A one-line summary of a stored tally (numbers only, never who voted what). */
export function tallySummary(tallyJson: string): string {
  const r = JSON.parse(tallyJson) as TallyResult;
  switch (r.kind) {
    case 'ordinary':
    case 'special':
    case 'written':
      return `for ${r.counts.for}, against ${r.counts.against}, abstain ${r.counts.abstain}`;
    case 'consent':
      return `consent ${r.counts.consent}, object ${r.counts.object}, abstain ${r.counts.abstain}`;
    case 'advice':
      return `agree ${r.counts.agree}, disagree ${r.counts.disagree}, abstain ${r.counts.abstain}, block ${r.counts.block}`;
    case 'poll':
      return Object.values(r.counts).join(' / ');
    case 'election':
      return `quota ${r.stv.quota}, ${r.stv.stages.length} stages`;
  }
}

export async function decisionsCsv(): Promise<string> {
  const rows = await listDecisions();
  return toCsv(
    ['number', 'date', 'kind', 'title', 'text', 'electorate', 'turnout', 'tally', 'quorate', 'outcome', 'outcome statement', 'correction', 'corrects'],
    rows.map((d) => [d.number, iso(d.decided_at), d.kind, d.title, d.text, d.electorate, d.turnout, tallySummary(d.tally), d.quorate ? 'yes' : 'no', d.outcome, d.corrects ? '' : (d.outcome_statement ?? ''), d.statement, d.corrects ?? '']),
  );
}

/**
 * Minutes of the decision register as a PDF (pdfmake 0.3, bundled Roboto fonts). Local file access
 * is limited to pdfmake's own font folder; no URLs are fetched. Roboto has no Arabic-script glyphs:
 * titles in Arabic, Farsi or Urdu print as blanks in the PDF (the print view shows them correctly).
 */
export async function decisionsPdf(names: { title: string; outcomes: Record<string, string>; kinds: Record<string, string> }): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as any;
  const fontDir = path.dirname(require.resolve('pdfmake/fonts/Roboto.js'));
  pdfmake.setLocalAccessPolicy((p: string) => path.resolve(p).startsWith(fontDir));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setFonts(require('pdfmake/fonts/Roboto.js'));
  const rows = await listDecisions();
  const content: unknown[] = [{ text: names.title, style: 'h1' }];
  for (const d of rows) {
    content.push(
      { text: `${d.number}. ${d.title}`, style: 'h2' },
      { text: `${iso(d.decided_at)} · ${names.kinds[d.kind] ?? d.kind} · ${names.outcomes[d.outcome] ?? d.outcome}${d.corrects ? ` · corrects ${d.corrects}` : ''}` },
      { text: d.text, margin: [0, 4, 0, 4] },
      { text: `Electorate ${d.electorate} · turnout ${d.turnout} · ${d.quorate ? 'quorate' : 'not quorate'} · ${tallySummary(d.tally)}`, fontSize: 9 },
      ...(d.outcome_statement && !d.corrects ? [{ text: d.outcome_statement, italics: true, margin: [0, 4, 0, 0] }] : []),
      ...(d.statement ? [{ text: d.statement, italics: true, margin: [0, 4, 0, 0] }] : []),
    );
  }
  const doc = pdfmake.createPdf({ content, defaultStyle: { font: 'Roboto', fontSize: 10 }, styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 2] } } });
  return (await doc.getBuffer()) as Buffer;
}

export type { Decision };
