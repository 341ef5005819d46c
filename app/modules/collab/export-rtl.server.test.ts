import { describe, expect, it } from 'vitest';
import { readZipEntry } from '../../../test/collab-unzip';
import { toDocx } from './export.server';

/**
 * Issue 12.6: in the DOCX, Arabic, Farsi and Urdu paragraphs are right-to-left — `w:bidi` in the
 * paragraph's properties and `w:rtl` in each run's (ECMA-376 Part 1, §17.3.1.6 bidi and §17.3.2.30
 * rtl) — while English paragraphs carry neither. Checked in word/document.xml itself.
 */
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function paragraphs(xml: string): string[] {
  return xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
}

describe('DOCX right-to-left', () => {
  it('marks Arabic, Farsi and Urdu paragraphs and their runs RTL, and leaves English LTR', async () => {
    const doc = await toDocx('Bid', [
      {
        heading: 'Summary',
        content: {
          type: 'doc',
          content: [para('Hot meals for families'), para('وجبات ساخنة للعائلات في كوفنتري 2026'), para('غذای گرم برای خانواده‌ها'), para('خاندانوں کے لیے گرم کھانا'), para('NOMI ہے')],
        },
      },
    ]);
    const xml = readZipEntry(doc, 'word/document.xml')!;
    const ps = paragraphs(xml);
    const find = (needle: string) => ps.find((p) => p.includes(needle))!;
    for (const text of ['وجبات ساخنة', 'غذای گرم', 'خاندانوں']) {
      const p = find(text);
      expect(p, text).toMatch(/<w:pPr>[\s\S]*<w:bidi\/>[\s\S]*<\/w:pPr>/);
      expect(p, text).toMatch(/<w:rPr>[\s\S]*<w:rtl\/>[\s\S]*<\/w:rPr>/);
    }
    const english = find('Hot meals for families');
    expect(english).not.toContain('<w:bidi');
    expect(english).not.toContain('<w:rtl');
    // A line that starts with a Latin word is LTR, as in the PDF (first strong character).
    expect(find('NOMI ہے')).not.toContain('<w:bidi');
  });
});
