import { describe, expect, it } from 'vitest';
import { fixedT } from './i18next.server';
import { SUPPORTED_LOCALES } from './config';
import { catalogues, clientCatalogue, partsTree } from './resources.server';
import { createTranslator } from './translate';
import type { Tree } from './parts';

/** Every leaf key, and every plural key without its suffix (what the app passes with `count`). */
function keysOf(tree: Tree, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && !Array.isArray(v)) out.push(key, ...keysOf(v, key));
    else {
      out.push(key);
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      if (base !== key) out.push(base);
    }
  }
  return [...new Set(out)];
}

const values = { name: 'Amira', count: 3, title: 'Bid <b>', date: '2026-11-23', when: 'tomorrow', n: 4, amount: '£10', max: 5 };

describe('the browser translator gives exactly what i18next gives', () => {
  for (const lng of SUPPORTED_LOCALES) {
    it(`for every key of ${lng}, with and without count and values`, async () => {
      const t = await fixedT(lng);
      const ours = createTranslator(clientCatalogue(lng), lng);
      const all = catalogues().catalogues;
      const keys = [...new Set([...keysOf(all.en ?? {}), ...keysOf(all[lng] ?? {})])];
      expect(keys.length).toBeGreaterThan(500);
      let compared = 0;
      for (const key of keys) {
        const variants: Record<string, unknown>[] = [{}, values, { returnObjects: true }];
        for (const count of [0, 1, 2, 5, 11, 100]) variants.push({ count }, { ...values, count });
        for (const options of variants) {
          const expected = t(key, options as never) as unknown;
          expect({ key, options, got: ours(key, options) as unknown }).toEqual({ key, options, got: expected });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(10_000);
    });
  }

  it('returns the key when it is missing, and keeps unknown placeholders', async () => {
    const t = createTranslator({ a: { hi: 'Hi {{name}} {{other}}' } }, 'en');
    expect(t('a.nope')).toBe('a.nope');
    expect(t('a.hi', { name: 'Ana' })).toBe('Hi Ana {{other}}');
    expect(t('a.hi', { name: '<b>' })).toBe('Hi <b> {{other}}');
    const i18n = await fixedT('en');
    expect(i18n('common.definitely.missing')).toBe(createTranslator(clientCatalogue('en'), 'en')('common.definitely.missing'));
  });

  it('uses Arabic plural forms (zero, one, two, few, many, other)', () => {
    const tree = { x: { n_zero: 'z', n_one: 'o', n_two: 't', n_few: 'f {{count}}', n_many: 'm', n_other: 'r' } };
    const t = createTranslator(tree, 'ar');
    expect([0, 1, 2, 3, 11, 100].map((count) => t('x.n', { count }))).toEqual(['z', 'o', 't', 'f 3', 'm', 'r']);
  });

  it('works over a page\'s parts only, as in the browser', () => {
    const t = createTranslator(partsTree('ar', ['common']), 'ar');
    expect(t('common.language')).not.toBe('common.language');
    expect(t('directory.title')).toBe('directory.title');
  });
});
