import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toPdf } from '~/modules/collab/export.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { decisionsPdf } from '~/modules/governance/minutes.server';
import { detectDirection, renderPdf, textBlock } from './pdf.server';

/**
 * Reads a PDF the way a text extractor starts to: every text-showing operation with its position,
 * its font's real name and the text its glyphs stand for (through the font's ToUnicode map).
 * Glyphs come in the order they are painted, left to right.
 */
interface Shown {
  x: number;
  y: number;
  font: string;
  gids: number[];
  text: string;
}
function readPdf(pdf: Buffer): { shown: Shown[]; fonts: string[]; embedded: number } {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const start = body.indexOf('\n', s) + 1;
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')).replace(/\r?\n$/, ''), 'latin1');
    objects.set(Number(m[1]), { dict: body.slice(0, s), stream: body.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

  const cmaps = new Map<number, Map<number, string>>();
  const toUnicode = (fontObj: number) => {
    if (cmaps.has(fontObj)) return cmaps.get(fontObj)!;
    const map = new Map<number, string>();
    const cmap = objects.get(ref(objects.get(fontObj)!.dict, 'ToUnicode'))?.stream?.toString('latin1') ?? '';
    const hex = (h: string) => String.fromCodePoint(...(h.match(/[0-9a-f]{4}/gi) ?? []).map((u) => parseInt(u, 16)));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const line of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
        const from = parseInt(line[1]!, 16);
        if (line[3]!.startsWith('[')) [...line[3]!.matchAll(/<([0-9a-f ]*)>/gi)].forEach((d, i) => map.set(from + i, hex(d[1]!.replace(/ /g, ''))));
        else for (let g = from, u = parseInt(line[3]!.slice(1, -1), 16); g <= parseInt(line[2]!, 16); g++, u++) map.set(g, String.fromCodePoint(u));
      }
    }
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const line of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(line[1]!, 16), hex(line[2]!));
    }
    cmaps.set(fontObj, map);
    return map;
  };

  const shown: Shown[] = [];
  const fonts = new Set<string>();
  for (const [, page] of objects) {
    if (!/\/Type \/Page\b/.test(page.dict)) continue;
    const resources = objects.get(ref(page.dict, 'Resources'))!.dict;
    const fontRefs = new Map([...(/\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const content = objects.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
    let x = 0;
    let y = 0;
    let font = 0;
    for (const op of content.matchAll(/([\d.-]+) ([\d.-]+) Tm|\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) {
        const nums = content.slice(0, op.index! + op[0].length).match(/([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) Tm$/)!;
        x = Number(nums[5]);
        y = Number(nums[6]);
      } else if (op[3]) {
        font = fontRefs.get(op[3])!;
        fonts.add(/\/BaseFont \/\w+\+([\w-]+)/.exec(objects.get(font)!.dict)![1]!);
      } else {
        const gids = [...op[4]!.matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => h[1]!.match(/.{4}/g)!.map((g) => parseInt(g, 16)));
        const map = toUnicode(font);
        shown.push({ x, y, font: /\/BaseFont \/\w+\+([\w-]+)/.exec(objects.get(font)!.dict)![1]!, gids, text: gids.map((g) => map.get(g) ?? '\uFFFD').join('') });
      }
    }
  }
  const embedded = [...objects.values()].filter((o) => /\/FontFile2 \d+ 0 R/.test(o.dict)).length;
  return { shown, fonts: [...fonts].sort(), embedded };
}

const reverse = (s: string) => Array.from(s).reverse().join('');
const ARABIC = /\p{Script=Arabic}/u;

/**
 * Lines of the page top to bottom; each line read the way a right-to-left reader does (right to
 * left), every right-to-left run turned back into logical order. Good enough for paragraphs whose
 * embedded left-to-right runs are single words.
 */
function rtlLines(shown: Shown[]): string[] {
  const rows = new Map<number, Shown[]>();
  for (const s of shown) rows.set(Math.round(s.y), [...(rows.get(Math.round(s.y)) ?? []), s]);
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0]) // PDF y grows upwards
    .map(([, items]) =>
      items
        .sort((a, b) => b.x - a.x)
        .map((s) => (ARABIC.test(s.text) || !/\S/.test(s.text) || !/[\p{L}\p{N}]/u.test(s.text) ? reverse(s.text) : s.text))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

const ARABIC_TEXT =
  'مرحبا بكم في شبكة المبتكرين المهاجرين. نحن نعمل معا في برمنغهام وكوفنتري وولفرهامبتون لكتابة طلبات التمويل المشتركة وتبادل الموارد والخبرات بين الأعضاء، ولا نترك أحدا خلفنا.';
const URDU_TEXT = 'ہم برمنگھم میں تارکین وطن کے منصوبوں کے لیے مل کر کام کرتے ہیں۔ یہ درخواست اگلے ہفتے جمع ہوگی۔';
const MIXED_TEXT = 'الميزانية 2026 هي 5,000 جنيه للمشروع NOMI حتى ۱۴۰۳ (تقريبا).';

describe('PDF text in Arabic script', () => {
  it('embeds Noto Naskh Arabic, shapes the words and keeps them in reading order across wrapped lines', async () => {
    const pdf = await renderPdf({ pageSize: 'A4', content: [textBlock(ARABIC_TEXT, { margin: [0, 0, 0, 30] }), textBlock(URDU_TEXT)], defaultStyle: { fontSize: 12 } });
    const { shown, fonts, embedded } = readPdf(pdf);
    expect(fonts).toContain('NotoNaskhArabic');
    expect(embedded).toBeGreaterThanOrEqual(1);
    // No missing glyph (tofu) and every glyph gives its letters back.
    expect(shown.flatMap((s) => s.gids)).not.toContain(0);
    expect(shown.map((s) => s.text).join('')).not.toContain('\uFFFD');
    // Shaped: the Arabic font's glyphs are its contextual forms, not one glyph per letter code.
    const beh = shown.filter((s) => s.font === 'NotoNaskhArabic' && s.text.includes('ب'));
    expect(new Set(beh.flatMap((s) => s.gids)).size).toBeGreaterThan(1);

    const lines = rtlLines(shown);
    const arabicLines = lines.slice(0, lines.findIndex((l) => l.startsWith('ہم')));
    expect(arabicLines.length).toBeGreaterThan(1); // it wrapped…
    expect(arabicLines.join(' ')).toBe(ARABIC_TEXT); // …and reads in order, line after line
    expect(lines.slice(arabicLines.length).join(' ')).toBe(URDU_TEXT);
    // Right-aligned: every line of the paragraph ends at the same right edge.
    const rights = arabicLines.map((_, i) => {
      const y = [...new Set(shown.map((s) => Math.round(s.y)))].sort((a, b) => b - a)[i];
      return Math.max(...shown.filter((s) => Math.round(s.y) === y).map((s) => s.x));
    });
    expect(Math.max(...rights) - Math.min(...rights)).toBeLessThan(15);
  });

  it('keeps numbers and Latin words inside Arabic left to right, in the right place', async () => {
    const { shown, fonts } = readPdf(await renderPdf({ content: [textBlock(MIXED_TEXT)] }));
    expect(fonts).toEqual(['NotoNaskhArabic', 'NotoSans-Regular']);
    const x = (text: string) => {
      const item = shown.find((s) => s.text.trim() === text || reverse(s.text).trim() === text);
      expect(item, text).toBeTruthy();
      return item!.x;
    };
    // Digits read 2026, ۱۴۰۳ (not reversed) and the sentence runs right to left around them.
    expect(x('الميزانية')).toBeGreaterThan(x('2026'));
    expect(x('2026')).toBeGreaterThan(x('هي'));
    expect(x('هي')).toBeGreaterThan(x('5,000'));
    expect(x('للمشروع')).toBeGreaterThan(x('NOMI'));
    expect(x('حتى')).toBeGreaterThan(x('۱۴۰۳'));
    expect(shown.some((s) => s.text === '۱۴۰۳')).toBe(true);
    expect(rtlLines(shown)[0]).toContain('2026');
  });

  it('leaves left-to-right text as it was, with Polish and Romanian letters in Noto Sans', async () => {
    const { shown, fonts } = readPdf(await renderPdf({ content: [textBlock('Zażółć gęślą jaźń, și țară.')] }));
    expect(fonts).toEqual(['NotoSans-Regular']);
    expect(shown.sort((a, b) => a.x - b.x).map((s) => s.text).join('')).toBe('Zażółć gęślą jaźń, și țară.');
  });

  it('gives a block the direction of its first letter, like dir="auto"', () => {
    expect(detectDirection('2026 هي')).toBe('rtl');
    expect(detectDirection('NOMI هي')).toBe('ltr');
    expect(detectDirection('2026', 'rtl')).toBe('rtl');
    expect(textBlock('سلام')).toMatchObject({ alignment: 'right', nomiDir: 'rtl' });
    expect(textBlock('Hello')).not.toHaveProperty('alignment');
  });
});

describe('exports', () => {
  it('prints an Arabic bid document with its heading, list, table and link', async () => {
    const pdf = await toPdf('طلب منحة', [
      {
        heading: 'ملخص المشروع',
        content: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'حاجتنا' }] },
            { type: 'paragraph', content: [{ type: 'text', text: URDU_TEXT }] },
            { type: 'paragraph', content: [{ type: 'text', text: 'انظر ' }, { type: 'text', text: 'الموقع', marks: [{ type: 'link', attrs: { href: 'https://example.org/ar' } }] }] },
            { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ورشة أسبوعية' }] }] }] },
            {
              type: 'table',
              content: [
                { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'البند' }] }] }, { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'التكلفة' }] }] }] },
                { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'القاعة' }] }] }, { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '£1,200' }] }] }] },
              ],
            },
          ],
        },
      },
    ]);
    const { shown, fonts } = readPdf(pdf);
    expect(fonts).toContain('NotoNaskhArabic');
    expect(fonts).toContain('NotoNaskhArabic-Bold'); // headings and table headers
    const words = shown.map((s) => reverse(s.text).trim());
    for (const w of ['طلب', 'ملخص', 'حاجتنا', 'الموقع', 'ورشة', 'البند', 'التكلفة', 'القاعة']) expect(words, w).toContain(w);
    expect(pdf.toString('latin1')).toContain('https://example.org/ar');
    // The table starts on the right: its first column (البند) is right of the second (التكلفة).
    const at = (w: string) => shown.find((s) => reverse(s.text).trim() === w)!.x;
    expect(at('البند')).toBeGreaterThan(at('التكلفة'));
    // The list number sits right of the item text.
    expect(shown.find((s) => s.text.includes('1'))!.x).toBeGreaterThan(at('ورشة'));
    expect(shown.flatMap((s) => s.gids)).not.toContain(0);
  });

  it("prints the decision register minutes in the reader's language", async () => {
    const t = await fixedT('ar');
    const title = t('governance.decisions.title');
    expect(title).not.toBe('governance.decisions.title');
    const pdf = await decisionsPdf(t);
    const { shown, fonts } = readPdf(pdf);
    expect(fonts).toEqual(['NotoNaskhArabic-Bold']);
    expect(rtlLines(shown)).toEqual([title]);
  });
});

/** Poppler's pdftotext, where the machine has it: a real extractor must give back logical text. */
const pdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!pdftotext)('with a real extractor (pdftotext)', () => {
  it('extracts Arabic, Urdu and mixed paragraphs in logical order', async () => {
    const pdf = await renderPdf({ content: [textBlock(ARABIC_TEXT), textBlock(URDU_TEXT), textBlock(MIXED_TEXT)] });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-pdf-')), 'out.pdf');
    fs.writeFileSync(file, pdf);
    // Poppler places neutral punctuation and the spaces next to numbers by its own guesses, so
    // compare the words: letters, Arabic-script letters and numbers, in the order they come out.
    const kind = (c: string) => (/\p{N}/u.test(c) ? 'N' : /\p{Script=Arabic}/u.test(c) ? 'A' : /\p{L}/u.test(c) ? 'L' : ' ');
    const words = (s: string) =>
      Array.from(s.replace(/[\p{P}\u202a-\u202e\u2066-\u2069]/gu, ' '))
        .map((c, i, all) => (i > 0 && kind(c) !== ' ' && kind(all[i - 1]!) !== ' ' && kind(c) !== kind(all[i - 1]!) ? ` ${c}` : c))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
    const text = words(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    expect(text).toContain(words(ARABIC_TEXT));
    expect(text).toContain(words(URDU_TEXT));
    expect(text).toContain(words(MIXED_TEXT));
    expect(words(MIXED_TEXT)).toBe('الميزانية 2026 هي 5 000 جنيه للمشروع NOMI حتى ۱۴۰۳ تقريبا');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
