import { describe, expect, it } from 'vitest';
import { safeRedirect } from './session.server';

/**
 * Payloads from open-redirect cheat sheets (PayloadsAllTheThings "Open Redirect", OWASP's unvalidated
 * redirects page) and the one the attack found: `/\t/evil.example` — browsers drop tab, CR and LF from
 * URLs before parsing (WHATWG URL "remove all ASCII tab or newline"), so it becomes `//evil.example`.
 */
const HOSTILE = [
  'https://evil.example/phish',
  'http:evil.example',
  '//evil.example',
  '///evil.example',
  '////evil.example/%2F..',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example/phish',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\r\nSet-Cookie: x=1',
  '/%09/evil.example',
  '/%0d%0a/evil.example',
  '/\\/evil.example',
  '/ /evil.example',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  'javascript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '.evil.example',
  '@evil.example',
  'https:/evil.example',
  '/.\\evil.example',
  '/a/..//evil.example',
  '/.//evil.example',
  '',
  '   ',
];

const FINE: Array<[string, string]> = [
  ['/', '/'],
  ['/notices/abc', '/notices/abc'],
  ['/members?q=Coventry&page=2', '/members?q=Coventry&page=2'],
  ['/notices/abc#comments', '/notices/abc#comments'],
  ['/bids/x/sections?tab=1', '/bids/x/sections?tab=1'],
  ['/search?q=%D8%B3%D9%84%D8%A7%D9%85', '/search?q=%D8%B3%D9%84%D8%A7%D9%85'],
  ['/a/../notices', '/notices'],
  // a path on our own site that merely looks like an address
  ['/@evil.example', '/@evil.example'],
];

describe('safeRedirect', () => {
  it.each(HOSTILE)('refuses %j', (to) => {
    expect(safeRedirect(to)).toBe('/');
  });

  it.each(FINE)('keeps the same-site path %j', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it('uses the fallback given, and never returns a header-breaking value', () => {
    expect(safeRedirect('//evil.example', '/login')).toBe('/login');
    // eslint-disable-next-line no-control-regex -- control characters are what must not come back
    for (const to of HOSTILE) expect(safeRedirect(to)).not.toMatch(/[\u0000-\u001f\u007f\\]/);
  });

  it('ignores files and non-strings', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect(new File(['x'], 'x') as unknown as string)).toBe('/');
  });
});
