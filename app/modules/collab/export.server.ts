import type { LevelFormat, Paragraph, Table, ParagraphChild } from 'docx';
import { docx, loadDocx } from './docx-lib.server';
import { detectDirection, renderPdf, textBlock, type PdfContent, type PdfRun } from '~/modules/pdf/pdf.server';
import type { ExportCover } from './access.server';
import { docxCover, pdfCover } from './export-cover.server';
import { isSafeHref } from './extensions-safe';
import { currentState, docFromState, fieldJSON } from './documents.server';
import type { ProseMirrorJSON } from './word-count';

/**
 * Exports built from the stored (or live) document state on the server: DOCX with the `docx`
 * library, PDF with pdfmake through ~/modules/pdf (fonts for Latin and Arabic script, bidi).
 * Headings, paragraphs, bold/italic/underline/strike, links, bullet and numbered lists and tables are
 * kept. Comment marks are not exported.
 */
export interface ExportSection {
  heading: string;
  content: ProseMirrorJSON;
}

type Marks = NonNullable<ProseMirrorJSON['marks']>;
const has = (marks: Marks | undefined, type: string) => !!marks?.some((m) => m.type === type);

// ---------------------------------------------------------------- DOCX

/**
 * Right-to-left paragraphs (Arabic, Farsi, Urdu) need `w:bidi` on the paragraph and `w:rtl` on each
 * run, or Word lays them out left-to-right and reorders mixed lines unlike the PDF. Direction is
 * decided per paragraph from its first strong character, as the PDF does (detectDirection).
 */
function rtlOf(n: ProseMirrorJSON): boolean {
  return detectDirection(plain(n)) === 'rtl';
}

function docxInline(nodes: ProseMirrorJSON[] = [], rtl = false): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out.push(new (docx().TextRun)({ text: '', break: 1, rightToLeft: rtl || undefined }));
      continue;
    }
    if (n.type !== 'text' || !n.text) continue;
    const run = new (docx().TextRun)({
      text: n.text,
      bold: has(n.marks, 'bold'),
      italics: has(n.marks, 'italic'),
      underline: has(n.marks, 'underline') ? {} : undefined,
      strike: has(n.marks, 'strike'),
      style: has(n.marks, 'link') ? 'Hyperlink' : undefined,
      rightToLeft: rtl || undefined,
    });
    const href = n.marks?.find((m) => m.type === 'link')?.attrs?.href;
    out.push(isSafeHref(href) ? new (docx().ExternalHyperlink)({ link: href, children: [run] }) : run);
  }
  return out;
}

const headings = () => [docx().HeadingLevel.HEADING_2, docx().HeadingLevel.HEADING_3, docx().HeadingLevel.HEADING_4, docx().HeadingLevel.HEADING_5];

function docxBlocks(nodes: ProseMirrorJSON[] = [], list?: { reference: string; level: number; instance: number }): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'paragraph':
        out.push(new (docx().Paragraph)({ bidirectional: rtlOf(n) || undefined, children: docxInline(n.content, rtlOf(n)), ...(list ? { numbering: { reference: list.reference, level: list.level, instance: list.instance } } : {}) }));
        break;
      case 'heading': {
        // Section headings are level 1; content headings sit below them.
        const level = Math.min(Math.max(Number(n.attrs?.level ?? 2), 2), 5);
        out.push(new (docx().Paragraph)({ heading: headings()[level - 2], bidirectional: rtlOf(n) || undefined, children: docxInline(n.content, rtlOf(n)) }));
        break;
      }
      case 'blockquote':
        out.push(...docxBlocks(n.content, list));
        break;
      case 'bulletList':
      case 'orderedList': {
        const reference = n.type === 'bulletList' ? 'bullets' : 'numbers';
        const level = list ? Math.min(list.level + 1, 8) : 0;
        const instance = ++listInstance;
        for (const item of n.content ?? []) out.push(...docxBlocks(item.content, { reference, level, instance }));
        break;
      }
      case 'table': {
        const rows = (n.content ?? []).map(
          (row) =>
            new (docx().TableRow)({
              children: (row.content ?? []).map(
                (cell) =>
                  new (docx().TableCell)({
                    columnSpan: Number(cell.attrs?.colspan ?? 1) || 1,
                    rowSpan: Number(cell.attrs?.rowspan ?? 1) || 1,
                    children: (() => {
                      const blocks = docxBlocks(cell.content);
                      const paragraphs = blocks.filter((b): b is Paragraph => b instanceof docx().Paragraph);
                      return paragraphs.length ? paragraphs : [new (docx().Paragraph)('')];
                    })(),
                  }),
              ),
            }),
        );
        if (rows.length) out.push(new (docx().Table)({ rows, width: { size: 100, type: docx().WidthType.PERCENTAGE } }));
        break;
      }
      default:
        if (n.content) out.push(...docxBlocks(n.content, list));
    }
  }
  return out;
}

let listInstance = 0;

/** A cover (when the document's kind has one) and the reader's direction for it. */
export interface CoverOptions {
  cover: ExportCover | null;
  dir: 'ltr' | 'rtl';
}

export async function toDocx(title: string, sections: ExportSection[], cover?: CoverOptions): Promise<Buffer> {
  await loadDocx();
  const children: Array<Paragraph | Table> = cover?.cover ? docxCover(title, cover.cover, cover.dir) : [new (docx().Paragraph)({ heading: docx().HeadingLevel.TITLE, children: [new (docx().TextRun)(title)] })];
  for (const s of sections) {
    children.push(new (docx().Paragraph)({ heading: docx().HeadingLevel.HEADING_1, children: [new (docx().TextRun)(s.heading)] }));
    children.push(...docxBlocks(s.content.content));
  }
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format,
      text: text(level),
      alignment: docx().AlignmentType.START,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    }));
  const doc = new (docx().Document)({
    title,
    creator: 'NOMI Workspace',
    numbering: {
      config: [
        { reference: 'bullets', levels: levels(docx().LevelFormat.BULLET, (l) => ['•', '◦', '▪'][l % 3]!) },
        { reference: 'numbers', levels: levels(docx().LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
      ],
    },
    sections: [{ children }],
  });
  return docx().Packer.toBuffer(doc);
}

// ---------------------------------------------------------------- PDF

/** Plain text of a node, to find a block's direction like `dir="auto"` does. */
const plain = (n: ProseMirrorJSON): string => (n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(plain).join(' '));

function pdfRuns(nodes: ProseMirrorJSON[] = []): PdfRun[] {
  return nodes.flatMap((n): PdfRun[] => {
    if (n.type === 'hardBreak') return [{ text: '\n' }];
    if (n.type !== 'text' || !n.text) return [];
    const href = n.marks?.find((m) => m.type === 'link')?.attrs?.href;
    const decoration = [has(n.marks, 'underline') || isSafeHref(href) ? 'underline' : null, has(n.marks, 'strike') ? 'lineThrough' : null].filter((d): d is string => !!d);
    return [
      {
        text: n.text,
        // Only set when on, so a heading's or header cell's bold is not switched off.
        ...(has(n.marks, 'bold') ? { bold: true } : {}),
        ...(has(n.marks, 'italic') ? { italics: true } : {}),
        ...(decoration.length ? { decoration: decoration.length === 1 ? decoration[0] : decoration } : {}),
        ...(isSafeHref(href) ? { link: href, color: '#0b4f9c' } : {}),
      },
    ];
  });
}

/** A list; right-to-left lists carry their markers on the right (pdfmake only draws them left). */
function pdfList(n: ProseMirrorJSON, ordered: boolean): PdfContent {
  const items = n.content ?? [];
  if (detectDirection(plain(n)) === 'ltr') {
    return { [ordered ? 'ol' : 'ul']: items.map((item) => ({ stack: pdfBlocks(item.content) })), margin: [0, 0, 0, 6] };
  }
  const start = Number(n.attrs?.start ?? 1) || 1;
  return {
    stack: items.map((item, i) => ({
      columns: [
        { width: '*', stack: pdfBlocks(item.content) },
        { width: 'auto', ...textBlock(ordered ? `${start + i}.` : '•', {}, { dir: 'rtl' }) },
      ],
      columnGap: 6,
    })),
    margin: [0, 0, 0, 6],
  };
}

function pdfBlocks(nodes: ProseMirrorJSON[] = []): PdfContent[] {
  const out: PdfContent[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'paragraph':
        out.push(textBlock(pdfRuns(n.content), { margin: [0, 0, 0, 6] }));
        break;
      case 'heading':
        out.push(textBlock(pdfRuns(n.content), { style: `h${Math.min(Math.max(Number(n.attrs?.level ?? 2), 2), 4)}` }));
        break;
      case 'blockquote': {
        const rtl = detectDirection(plain(n)) === 'rtl';
        out.push({ stack: pdfBlocks(n.content), margin: rtl ? [0, 0, 16, 6] : [16, 0, 0, 6], italics: true });
        break;
      }
      case 'bulletList':
      case 'orderedList':
        out.push(pdfList(n, n.type === 'orderedList'));
        break;
      case 'table': {
        const rows = (n.content ?? []).map((row) => (row.content ?? []).map((cell) => ({ stack: pdfBlocks(cell.content), bold: cell.type === 'tableHeader' })));
        const width = Math.max(0, ...rows.map((r) => r.length));
        if (width > 0) {
          // A right-to-left table starts at the right, as it does on screen.
          const rtl = detectDirection(plain(n)) === 'rtl';
          const padded = rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => ({ text: '' }))]).map((r) => (rtl ? r.reverse() : r));
          out.push({ table: { headerRows: n.content?.[0]?.content?.every((c) => c.type === 'tableHeader') ? 1 : 0, widths: Array(width).fill('*'), body: padded }, margin: [0, 0, 0, 8] });
        }
        break;
      }
      default:
        if (n.content) out.push(...pdfBlocks(n.content));
    }
  }
  return out;
}

/**
 * The document as a PDF (shared PDF module: Noto Sans + Noto Naskh Arabic, right-to-left paragraphs
 * right-aligned and in visual order, each block's direction from its first strong character).
 */
export async function toPdf(title: string, sections: ExportSection[], cover?: CoverOptions): Promise<Buffer> {
  const content: PdfContent[] = cover?.cover ? pdfCover(title, cover.cover, cover.dir) : [textBlock(title, { style: 'title' })];
  for (const s of sections) {
    content.push(textBlock(s.heading, { style: 'h1' }));
    content.push(...pdfBlocks(s.content.content));
  }
  return renderPdf({
    info: { title, creator: 'NOMI Workspace', producer: 'NOMI Workspace' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    content,
    defaultStyle: { fontSize: 11, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 16, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 14, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      h4: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
    },
  });
}

/** A file name safe for Content-Disposition (ASCII fallback plus RFC 5987 UTF-8 form). */
export function contentDisposition(title: string, ext: string): string {
  const base =
    Array.from(title, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"\\/:*?<>|'.includes(ch) ? ' ' : ch))
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'document';
  const ascii = base.replace(/[^\x20-\x7e]+/g, '_');
  return `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
}

/** The sections to export: the kind's outline (never the query string), else every field by name. */
export async function exportSections(documentId: string, outline: Array<{ name: string; heading: string }>): Promise<ExportSection[]> {
  const doc = docFromState(await currentState(documentId));
  try {
    const list = outline.length ? outline : [...doc.share.keys()].sort().map((name) => ({ name, heading: name }));
    return list.map((o) => ({ heading: o.heading, content: fieldJSON(doc, o.name) }));
  } finally {
    doc.destroy();
  }
}
