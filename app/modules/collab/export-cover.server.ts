import type { HeadingLevel, Paragraph, Table } from 'docx';
import { docx } from './docx-lib.server';
import { detectDirection, textBlock, type Dir, type PdfContent } from '~/modules/pdf/pdf.server';
import type { ExportCover } from './access.server';

/**
 * The cover page of an export, drawn from a kind's ExportCover (bids: export-cover.server.ts in the
 * bids module). `dir` is the reader's language's direction: it orders the table columns (a
 * right-to-left reader reads the first column on the right) and is the direction of cells with no
 * letters (amounts, counts). Each line otherwise takes its direction from its first strong
 * character, like the body of the export.
 */

// ---------------------------------------------------------------- PDF

/** A4 less the export's margins. The first column (names, section titles) gets the most room. */
const TEXT_WIDTH = 595 - 2 * 56;
function columnWidths(n: number): number[] {
  if (n <= 1) return [TEXT_WIDTH];
  const first = Math.round(TEXT_WIDTH * 0.4);
  return [first, ...Array.from({ length: n - 1 }, () => Math.floor((TEXT_WIDTH - first) / (n - 1)) - 8)];
}

export function pdfCover(title: string, cover: ExportCover, dir: Dir): PdfContent[] {
  const out: PdfContent[] = [textBlock(title, { style: 'title' }, { fallback: dir })];
  for (const f of cover.facts) {
    out.push(textBlock([{ text: `${f.label}: `, bold: true }, { text: f.value }], { margin: [0, 0, 0, 3] }, { fallback: dir }));
  }
  for (const table of cover.tables) {
    out.push(textBlock(table.title, { style: 'h2' }, { fallback: dir }));
    const order = <T,>(cells: T[]) => (dir === 'rtl' ? [...cells].reverse() : cells);
    const cell = (text: string, bold = false) => ({ ...textBlock(text, {}, { fallback: dir }), ...(bold ? { bold: true } : {}) });
    const body = [order(table.head.map((h) => cell(h, true))), ...table.rows.map((r) => order(r.map((c) => cell(c))))];
    if (table.foot) body.push(order(table.foot.map((c) => cell(c, true))));
    out.push({ table: { headerRows: 1, widths: order(columnWidths(table.head.length)), body }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 6] });
    if (table.note) out.push(textBlock(table.note, { fontSize: 9, margin: [0, 0, 0, 6] }, { fallback: dir }));
  }
  // The document itself starts on the next page, as a funder's form would.
  out.push({ text: '', pageBreak: 'after' });
  return out;
}

// ---------------------------------------------------------------- DOCX

/** A paragraph of plain runs, right-to-left (w:bidi, w:rtl on runs) when its text is. */
function para(runs: Array<{ text: string; bold?: boolean }>, dir: Dir, extra: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}): Paragraph {
  const rtl = detectDirection(runs.map((r) => r.text).join(''), dir) === 'rtl';
  return new (docx().Paragraph)({
    ...extra,
    bidirectional: rtl || undefined,
    alignment: rtl ? docx().AlignmentType.RIGHT : undefined,
    children: runs.map((r) => new (docx().TextRun)({ text: r.text, bold: r.bold, rightToLeft: rtl || undefined })),
  });
}

export function docxCover(title: string, cover: ExportCover, dir: Dir): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [para([{ text: title }], dir, { heading: docx().HeadingLevel.TITLE })];
  for (const f of cover.facts) out.push(para([{ text: `${f.label}: `, bold: true }, { text: f.value }], dir));
  for (const table of cover.tables) {
    out.push(para([{ text: table.title }], dir, { heading: docx().HeadingLevel.HEADING_2 }));
    const row = (cells: string[], bold = false) => new (docx().TableRow)({ children: cells.map((c) => new (docx().TableCell)({ children: [para([{ text: c, bold }], dir)] })) });
    const rows = [row(table.head, true), ...table.rows.map((r) => row(r)), ...(table.foot ? [row(table.foot, true)] : [])];
    // w:bidiVisual: Word lays the columns out from the right for a right-to-left reader.
    out.push(new (docx().Table)({ rows, width: { size: 100, type: docx().WidthType.PERCENTAGE }, visuallyRightToLeft: dir === 'rtl' || undefined }));
    if (table.note) out.push(para([{ text: table.note }], dir));
  }
  out.push(new (docx().Paragraph)({ children: [new (docx().PageBreak)()] }));
  return out;
}
