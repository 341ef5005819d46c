import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('CSV', () => {
  it('quotes every field and defuses spreadsheet formulas in member text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe(`"'+1"`);
    expect(csvField('@cmd')).toBe(`"'@cmd"`);
    expect(csvField(-3)).toBe('"-3"');
    expect(csvField('<5')).toBe('"<5"');
    expect(csvField(null)).toBe('""');
  });

  it('starts with a byte-order mark and uses CRLF rows', () => {
    expect(toCsv([['a', 'ب'], [1, 2]])).toBe('\uFEFF"a","ب"\r\n"1","2"\r\n');
  });
});
