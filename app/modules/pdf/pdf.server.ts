import { detectDirection, installBidi, type Dir } from './bidi.server';
import { ARABIC_FONT, fontHasGlyph, LATIN_FONT, pdfmake, type PdfFontName } from './fonts.server';

/**
 * The one way the server makes PDFs (document exports, governance minutes): pdfmake with Noto Sans +
 * Noto Naskh Arabic, text split into runs by script so each run has a font with its glyphs, and
 * right-to-left paragraphs right-aligned and put in visual order line by line (see bidi.server.ts).
 *
 *   renderPdf({ content: [textBlock('عنوان', { style: 'h1' }), textBlock([{ text: 'bold', bold: true }, ' text'])] })
 */
export { detectDirection, type Dir } from './bidi.server';
export { ARABIC_FONT, LATIN_FONT } from './fonts.server';

export type PdfContent = Record<string, unknown> | string | PdfContent[];

/** A piece of text with its inline style (pdfmake's inline properties). */
export interface PdfRun {
  text: string;
  bold?: boolean;
  italics?: boolean;
  decoration?: string | string[];
  link?: string;
  color?: string;
  fontSize?: number;
  [key: string]: unknown;
}

const ARABIC_SCRIPT = /\p{Script_Extensions=Arabic}/u;
const LETTER = /\p{L}/u;

/** For each UTF-16 unit, the font family: Arabic script → Naskh, other letters → Noto Sans, the rest
 *  (spaces, digits, punctuation, marks) follows the letters around it; a font without the glyph
 *  gives way to the other. */
function fontsFor(text: string): PdfFontName[] {
  const chars = Array.from(text);
  const strong: Array<PdfFontName | null> = chars.map((ch) => (ARABIC_SCRIPT.test(ch) ? ARABIC_FONT : LETTER.test(ch) ? LATIN_FONT : null));
  // The next letter's font, for text that starts with digits or punctuation.
  const next: Array<PdfFontName | null> = new Array(chars.length).fill(null);
  for (let i = chars.length - 2; i >= 0; i--) next[i] = strong[i + 1] ?? next[i + 1]!;
  const out: PdfFontName[] = [];
  let previous: PdfFontName | null = null;
  chars.forEach((ch, i) => {
    let font = strong[i] ?? previous ?? next[i] ?? LATIN_FONT;
    if (strong[i]) previous = strong[i]!;
    const cp = ch.codePointAt(0)!;
    if (cp > 0x20 && !fontHasGlyph(font, cp)) {
      const other = font === ARABIC_FONT ? LATIN_FONT : ARABIC_FONT;
      if (fontHasGlyph(other, cp)) font = other;
    }
    for (let k = 0; k < ch.length; k++) out.push(font);
  });
  return out;
}

/** Runs cut where the font changes, each with its `font`. */
export function fontRuns(runs: PdfRun[]): PdfRun[] {
  const fonts = fontsFor(runs.map((r) => r.text).join(''));
  const out: PdfRun[] = [];
  let at = 0;
  for (const run of runs) {
    let from = 0;
    for (let k = 1; k <= run.text.length; k++) {
      if (k === run.text.length || fonts[at + k] !== fonts[at + from]) {
        out.push({ ...run, text: run.text.slice(from, k), font: fonts[at + from] ?? LATIN_FONT });
        from = k;
      }
    }
    at += run.text.length;
  }
  return out;
}

export interface TextBlockOptions {
  /** `auto` (default): from the first strong character, like `dir="auto"`; else `fallback`. */
  dir?: Dir | 'auto';
  /** Direction of text with no strong character (e.g. the reader's locale's). */
  fallback?: Dir;
}

/**
 * A pdfmake text node for one paragraph (or heading, cell line…): fonts per script, direction
 * remembered for line reordering, right-aligned when right-to-left (unless `props.alignment` says
 * otherwise). `props` are pdfmake node properties (style, margin, fontSize…).
 */
export function textBlock(runs: string | Array<string | PdfRun>, props: Record<string, unknown> = {}, options: TextBlockOptions = {}): Record<string, unknown> {
  const list = (typeof runs === 'string' ? [runs] : runs).map((r) => (typeof r === 'string' ? { text: r } : r)).filter((r) => r.text.length > 0);
  const all = list.map((r) => r.text).join('');
  const dir = !options.dir || options.dir === 'auto' ? detectDirection(all, options.fallback) : options.dir;
  return { text: list.length ? fontRuns(list) : '', nomiDir: dir, ...(dir === 'rtl' ? { alignment: 'right' } : {}), ...props };
}

/** Builds the PDF. `defaultStyle.font` is Noto Sans unless given. */
export async function renderPdf(def: Record<string, unknown>): Promise<Buffer> {
  const pm = pdfmake();
  installBidi();
  const defaultStyle = { font: LATIN_FONT, ...(def.defaultStyle as Record<string, unknown> | undefined) };
  return pm.createPdf({ ...def, defaultStyle }).getBuffer();
}
