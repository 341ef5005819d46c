import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eventIcs } from './ics.server';
import { NOTICE_THEMES } from './constants';
import { THEMES, themeLabelKey } from '~/modules/directory/themes';
import { env } from '~/env.server';

const LANGS = ['en', 'ar', 'fa', 'ur', 'pl', 'ro'];
const catalogue = (lang: string, area: string) => JSON.parse(readFileSync(`app/locales/${lang}/${area}.json`, 'utf8')) as Record<string, Record<string, string>>;

describe('notices polish (issue 13.9)', () => {
  it("points the .ics URL at the notice, also for an online event with its own link", () => {
    const start = Date.parse('2026-12-10T18:00:00Z');
    const ics = eventIcs({ id: 'n1', title: 'Online meetup', body_html: '<p>Hi</p>', details: JSON.stringify({ link: 'https://meet.example/' }), starts_at: start, ends_at: start + 3600_000 })!;
    const url = /^URL:(.*)$/m.exec(ics.replace(/\r\n /g, ''))?.[1]?.trim();
    expect(url).toBe(`${env.publicUrl}/notices/n1`);
    expect(ics).toContain('https://meet.example/');
  });

  it('names themes with one list and the same words on the noticeboard and in the directory', () => {
    expect(NOTICE_THEMES).toBe(THEMES);
    for (const lang of LANGS) {
      expect(catalogue(lang, 'notices').themes).toBeUndefined();
      const directory = catalogue(lang, 'directory').themes!;
      for (const th of THEMES) {
        expect(themeLabelKey(th)).toBe(`directory.themes.${th}`);
        expect(directory[th]).toBeTruthy();
      }
    }
  });
});
