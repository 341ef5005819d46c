import { createRequire } from 'node:module';
import bidiFactory, { type Bidi } from 'bidi-js';
import type { PdfKitFont } from './fonts.server';

/**
 * Right-to-left text for pdfmake, which lays every line out left to right in the order the text was
 * typed. fontkit (inside pdfkit) shapes Arabic-script words (joining forms, lam-alef) and returns
 * their glyphs right to left, but it works word by word and decides direction from the script
 * alone. So after pdfmake has broken a paragraph into lines, and before the line is aligned, each
 * line is cut into pieces of one bidi embedding level (Unicode Bidirectional Algorithm, bidi-js,
 * with the paragraph's own direction) and the pieces are put in visual order. Words therefore stay in
 * reading order across wrapped lines, numbers and Latin words inside Arabic read left to right,
 * brackets are mirrored, and the text stays in logical order inside each piece (what extraction
 * and copy-paste give back).
 */
export type Dir = 'ltr' | 'rtl';

let bidiInstance: Bidi | null = null;
export const bidi = (): Bidi => (bidiInstance ??= bidiFactory());

/** The direction of the first strong character (like HTML `dir="auto"`), else the fallback. */
export function detectDirection(text: string, fallback: Dir = 'ltr'): Dir {
  for (const ch of text) {
    const type = bidi().getBidiCharTypeName(ch);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return fallback;
}

/** Scripts fontkit lays out right to left (it reverses their glyphs itself). */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
/** Marks and format characters (harakat, ZWNJ) stay in the piece of the character before them. */
const ATTACHED = /[\p{M}\p{Cf}]/u;
const SPACE = /\s/;

/** What pdfmake keeps for one measured word of a line (only the parts we read or set). */
export interface PdfInline {
  text: string;
  width: number;
  x?: number;
  font: PdfKitFont;
  fontSize: number;
  fontFeatures?: unknown;
  characterSpacing?: number;
  leadingCut?: number;
  trailingCut?: number;
  [key: string]: unknown;
}
export interface PdfLine {
  inlines: PdfInline[];
  leadingCut: number;
  trailingCut: number;
  inlineWidths: number;
  nomiDir?: Dir;
  nomiVisual?: boolean;
}

const reverse = (s: string) => Array.from(s).reverse().join('');

/** pdfkit's font internals used to fix the text a ligature gives back (see below). */
interface PdfKitInternals {
  layout?(text: string): { glyphs: Array<{ id: number; codePoints: number[] }> };
  unicode?: Array<number[] | undefined>;
  subset?: { includeGlyph(id: number): number };
}

/**
 * A right-to-left ligature (lam-alef) is one glyph for two letters. Extractors (pdf.js, poppler)
 * read a right-to-left line's glyphs and reverse them into logical order, so the glyph's ToUnicode
 * entry must hold its letters reversed too, or "لا" comes back as "ال". pdfkit keeps the first entry
 * it sees for a glyph, so registering it before rendering is enough.
 */
function registerRtlLigatures(font: PdfKitFont, text: string) {
  const f = font as PdfKitFont & PdfKitInternals;
  if (!f.layout || !f.unicode || !f.subset) return;
  for (const glyph of f.layout(text).glyphs) {
    if (glyph.codePoints.length < 2) continue;
    const gid = f.subset.includeGlyph(glyph.id);
    if (f.unicode[gid] == null) f.unicode[gid] = [...glyph.codePoints].reverse();
  }
}
const widthOf = (inline: PdfInline, text: string) =>
  inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures ?? undefined) + (inline.characterSpacing ?? 0) * (text.length - 1);

/**
 * Puts one laid-out line in visual order, in place: its inlines become pieces of one level each,
 * left to right, with x positions from 0; leading and trailing spaces are dropped. Left-to-right
 * lines without right-to-left script are left exactly as pdfmake made them.
 */
export function visualLine(line: PdfLine): void {
  if (line.nomiVisual) return;
  line.nomiVisual = true;
  const dir = line.nomiDir ?? 'ltr';
  const inlines = line.inlines;
  const text = inlines.map((i) => i.text).join('');
  if (dir === 'ltr' && !RTL_SCRIPT.test(text)) return;

  let start = 0;
  let end = text.length - 1;
  while (start <= end && SPACE.test(text[start]!)) start++;
  while (end >= start && SPACE.test(text[end]!)) end--;
  if (start > end) return;

  const owner = new Int32Array(text.length);
  const rtlScript = new Uint8Array(text.length);
  let at = 0;
  inlines.forEach((inline, n) => {
    for (let k = 0; k < inline.text.length; k++, at++) {
      owner[at] = n;
      const ch = inline.text[k]!;
      rtlScript[at] = RTL_SCRIPT.test(ch) ? 1 : ATTACHED.test(ch) && at > 0 ? rtlScript[at - 1]! : 0;
    }
  });

  const embedding = bidi().getEmbeddingLevels(text, dir);
  const levels = embedding.levels;
  const mirrored = bidi().getMirroredCharactersMap(text, levels, start, end);
  const order = bidi().getReorderedIndices(text, embedding, start, end).slice(start, end + 1);

  // Group the visual order into pieces of one inline and one level. A left-to-right piece is also
  // cut where right-to-left script (Arabic digits) starts or stops. A right-to-left piece keeps a
  // word with its punctuation and trailing spaces (fontkit reverses them with the word, as the
  // reader expects), but never runs on past a space into the next word: pdfkit lays text out word
  // by word, left to right.
  const pieces: Array<{ inline: number; lo: number; hi: number; level: number; rtlScript: number }> = [];
  for (const idx of order) {
    const last = pieces[pieces.length - 1];
    const level = levels[idx]!;
    const odd = (level & 1) === 1;
    const joins =
      last &&
      last.inline === owner[idx] &&
      last.level === level &&
      (odd ? idx === last.lo - 1 && !(SPACE.test(text[idx]!) && !SPACE.test(text[last.lo]!)) : idx === last.hi + 1 && last.rtlScript === rtlScript[idx]);
    if (joins && odd) {
      last.lo = idx;
      last.rtlScript |= rtlScript[idx]!;
    } else if (joins) {
      last.hi = idx;
    } else {
      pieces.push({ inline: owner[idx]!, lo: idx, hi: idx, level, rtlScript: rtlScript[idx]! });
    }
  }

  let x = 0;
  line.inlines = pieces.map((p) => {
    const inline = inlines[p.inline]!;
    let piece = '';
    for (let i = p.lo; i <= p.hi; i++) piece += mirrored.get(i) ?? text[i];
    // fontkit reverses a word with right-to-left script in it, and nothing else. A right-to-left
    // piece of only spaces and punctuation must be reversed here; so must a left-to-right run of
    // Arabic-script digits, which fontkit would otherwise reverse.
    const rtl = (p.level & 1) === 1;
    if (rtl !== (p.rtlScript === 1)) piece = reverse(piece);
    else if (rtl) registerRtlLigatures(inline.font, piece);
    const width = widthOf(inline, piece);
    const out: PdfInline = { ...inline, text: piece, width, x, leadingCut: 0, trailingCut: 0 };
    x += width;
    return out;
  });
  line.leadingCut = 0;
  line.trailingCut = 0;
  line.inlineWidths = x;
}

interface TextNode {
  text?: unknown;
  nomiDir?: Dir;
}
const plainText = (t: unknown): string =>
  typeof t === 'string' ? t : Array.isArray(t) ? t.map(plainText).join('') : t && typeof t === 'object' ? plainText((t as { text?: unknown }).text) : '';

const INSTALLED = Symbol.for('nomi.pdf.bidi');

/**
 * Teaches pdfmake (this process's copy) to put lines in visual order: each line remembers its text
 * node's direction (`nomiDir`, set by `textBlock`, else from the first strong character), and is
 * reordered just before pdfmake aligns it. Installed once; LTR-only lines are untouched.
 */
export function installBidi(): void {
  const require = createRequire(import.meta.url);
  const LayoutBuilder = (require('pdfmake/js/LayoutBuilder') as { default: { prototype: Record<string | symbol, unknown> } }).default;
  const ElementWriter = (require('pdfmake/js/ElementWriter') as { default: { prototype: Record<string | symbol, unknown> } }).default;
  if (LayoutBuilder.prototype[INSTALLED]) return;
  // pdfmake internals this relies on (0.3.x); fail loudly rather than print unordered text.
  if (typeof LayoutBuilder.prototype.buildNextLine !== 'function' || typeof ElementWriter.prototype.alignLine !== 'function') {
    throw new Error('pdfmake changed: LayoutBuilder.buildNextLine / ElementWriter.alignLine not found; right-to-left PDF text needs them');
  }
  LayoutBuilder.prototype[INSTALLED] = true;

  const buildNextLine = LayoutBuilder.prototype.buildNextLine as (this: unknown, node: TextNode) => PdfLine | null;
  LayoutBuilder.prototype.buildNextLine = function (this: unknown, node: TextNode) {
    const line = buildNextLine.call(this, node);
    if (line) line.nomiDir = node.nomiDir ??= detectDirection(plainText(node.text));
    return line;
  };
  const alignLine = ElementWriter.prototype.alignLine as (this: unknown, line: PdfLine) => void;
  ElementWriter.prototype.alignLine = function (this: unknown, line: PdfLine) {
    if (line && Array.isArray(line.inlines) && line.inlines.length) visualLine(line);
    return alignLine.call(this, line);
  };
}
