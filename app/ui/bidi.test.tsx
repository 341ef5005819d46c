import fs from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FOOTER_NAMES, withIsolates } from './bidi';

const catalogue = (lang: string) => JSON.parse(fs.readFileSync(path.resolve('app/locales', lang, 'common.json'), 'utf8')) as { footer: { about: string } };

/**
 * Unicode's bidi algorithm (UAX #9) resolves a bracket pair by the strong text inside it: "(Network of
 * Migrant Innovators)" inside a Farsi or Urdu sentence gets split, the brackets turned the wrong way
 * round. Wrapping each embedded Latin name in <bdi> (an isolate, UAX #9 §2.7) makes it one neutral
 * unit, so the brackets around it follow the sentence.
 */
describe('the footer in right-to-left languages', () => {
  it.each(['fa', 'ur', 'ar', 'en', 'pl', 'ro'])('%s: every Latin name is isolated in <bdi>, brackets stay outside it', (lang) => {
    const html = renderToStaticMarkup(<p>{withIsolates(catalogue(lang).footer.about, FOOTER_NAMES)}</p>);
    const outside = html.replace(/<bdi>[^<]*<\/bdi>/g, '');
    expect(html).toContain('<bdi>NOMI Workspace</bdi>');
    expect(html).toContain('<bdi>Network of Migrant Innovators</bdi>');
    if (lang !== 'en') expect(outside).toContain('(');
    // Outside the isolates an RTL sentence has no Latin words left to pull the brackets apart.
    if (['fa', 'ur', 'ar'].includes(lang)) expect(outside.replace(/<\/?p>/g, '')).not.toMatch(/[A-Za-z]/);
  });
});
