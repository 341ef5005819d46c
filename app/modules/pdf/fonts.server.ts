import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Fonts for every PDF the server makes. Noto Sans covers Latin (with the Polish and Romanian
 * letters), Greek and Cyrillic; Noto Naskh Arabic covers Arabic, Persian and Urdu (and the Arabic
 * and Persian digits). Both come from npm packages (SIL Open Font License 1.1) as TrueType files,
 * which pdfkit/fontkit embed as subsets. The Naskh is version 1.00 on purpose: it has one glyph per
 * letter form, so the PDF's ToUnicode map gives the letters back when text is copied or searched
 * (version 2 builds letters from dotless shapes plus dots, and fontkit then loses which letter a
 * shape was). The files are read once, on the first PDF, and kept in
 * pdfmake's in-memory file system (about 2.8 MB); pdfmake may read nothing else from disk and fetch
 * no URL.
 */
export const LATIN_FONT = 'NotoSans';
export const ARABIC_FONT = 'NotoNaskhArabic';
export type PdfFontName = typeof LATIN_FONT | typeof ARABIC_FONT;

const SANS = '@expo-google-fonts/noto-sans';
// @embedpdf/fonts-arabic exports only its index (dist/index.cjs); the fonts sit in ../fonts from it.
const NASKH = '@embedpdf/fonts-arabic#';
const FILES: Record<PdfFontName, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>> = {
  [LATIN_FONT]: {
    normal: `${SANS}/400Regular/NotoSans_400Regular.ttf`,
    bold: `${SANS}/700Bold/NotoSans_700Bold.ttf`,
    italics: `${SANS}/400Regular_Italic/NotoSans_400Regular_Italic.ttf`,
    bolditalics: `${SANS}/700Bold_Italic/NotoSans_700Bold_Italic.ttf`,
  },
  // Naskh has no italic: italic Arabic-script text is set upright, as browsers do.
  [ARABIC_FONT]: {
    normal: `${NASKH}NotoNaskhArabic-Regular.ttf`,
    bold: `${NASKH}NotoNaskhArabic-Bold.ttf`,
    italics: `${NASKH}NotoNaskhArabic-Regular.ttf`,
    bolditalics: `${NASKH}NotoNaskhArabic-Bold.ttf`,
  },
};

/** The virtual file name pdfmake knows a font file by (no directory: nothing on disk is named). */
const virtualName = (spec: string) => `nomi-fonts/${spec.split(/[/#]/).pop()}`;

export interface PdfKitFont {
  /** fontkit's font (glyph coverage, layout). */
  font?: FontkitFont;
  widthOfString(text: string, size: number, features?: unknown): number;
}
interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export interface PdfMakeInstance {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  createPdf(def: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let instance: PdfMakeInstance | null = null;
const buffers = new Map<string, Buffer>();
function fileBuffer(spec: string): Buffer {
  let buffer = buffers.get(spec);
  if (!buffer) {
    const [pkg, file] = spec.split('#');
    buffer = readFileSync(file ? path.join(path.dirname(require.resolve(pkg!)), '..', 'fonts', file) : require.resolve(spec));
    buffers.set(spec, buffer);
  }
  return buffer;
}

/** pdfmake with our fonts registered (done once, lazily) and no file or network access. */
export function pdfmake(): PdfMakeInstance {
  if (instance) return instance;
  const pm = require('pdfmake') as PdfMakeInstance;
  for (const spec of new Set(Object.values(FILES).flatMap((f) => Object.values(f)))) {
    if (!pm.virtualfs.existsSync(virtualName(spec))) pm.virtualfs.writeFileSync(virtualName(spec), fileBuffer(spec));
  }
  pm.setFonts(Object.fromEntries(Object.entries(FILES).map(([family, styles]) => [family, Object.fromEntries(Object.entries(styles).map(([style, spec]) => [style, virtualName(spec)]))])));
  pm.setLocalAccessPolicy(() => false);
  pm.setUrlAccessPolicy(() => false);
  instance = pm;
  return pm;
}

let coverage: Record<PdfFontName, FontkitFont> | null = null;

/** Whether a font family (its regular face) has a glyph for a character. */
export function fontHasGlyph(family: PdfFontName, codePoint: number): boolean {
  if (!coverage) {
    // fontkit is pdfkit's own font engine; resolve it from there so we read fonts the same way.
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Buffer): FontkitFont };
    coverage = {
      [LATIN_FONT]: fontkit.create(fileBuffer(FILES[LATIN_FONT].normal)),
      [ARABIC_FONT]: fontkit.create(fileBuffer(FILES[ARABIC_FONT].normal)),
    };
  }
  return coverage[family].hasGlyphForCodePoint(codePoint);
}
