import { test, expect } from '@playwright/test';
import { createSessionCookie } from '../app/modules/auth/session.server';
import { STEWARD, baseUrl, userIdOf, routeManifest, type ManifestRoute } from './support';

/**
 * Issue 16, item 8: every action that reads a form answered 500 (and logged an unhandled error) for a
 * JSON body, a broken multipart body or multipart without a boundary. This walks every route that has
 * an action, taken from the build's own route manifest (so a new route is covered without editing this
 * file), as a visitor and as the steward, with each malformed body.
 */
const manifestRoutes = routeManifest;

function urlOf(route: ManifestRoute, all: Map<string, ManifestRoute>): string {
  const parts: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? all.get(r.parentId) : undefined) if (r.path) parts.unshift(r.path);
  const p = `/${parts.join('/')}`
    .replace(/\/+/g, '/')
    .replace(/:[A-Za-z]+/g, 'fuzz0000000000')
    .replace(/\*$/, 'fuzz');
  return route.index ? `${p}?index` : p;
}

const BROKEN_MULTIPART = '--NOMIFUZZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--NOMIFUZZ\r\nContent-Disposition: form-da';

const BODIES: Array<{ name: string; contentType: string; body: string; expected: number[] }> = [
  { name: 'JSON', contentType: 'application/json', body: '{"intent":"save","name":"x"}', expected: [415] },
  // An action may refuse (sign-in redirect, 403/404) before it reads the body: any 4xx/3xx but never 5xx.
  { name: 'broken multipart', contentType: 'multipart/form-data; boundary=NOMIFUZZ', body: BROKEN_MULTIPART, expected: [] },
  { name: 'multipart without boundary', contentType: 'multipart/form-data', body: BROKEN_MULTIPART, expected: [400] },
  { name: 'XML', contentType: 'text/xml', body: '<a>1</a>', expected: [415] },
];

test('every action answers malformed bodies with 400/415, never 500', async ({ playwright }) => {
  const routes = manifestRoutes();
  const byId = new Map(routes.map((r) => [r.id, r]));
  const targets = [...new Set(routes.filter((r) => r.hasAction).map((r) => urlOf(r, byId)))];
  expect(targets.length).toBeGreaterThan(20);
  expect(targets).toContain('/login');
  const stewardId = await userIdOf(STEWARD.email);
  const api = await playwright.request.newContext({ baseURL: baseUrl() });
  const failures: string[] = [];
  for (const url of targets) {
    for (const who of ['visitor', 'steward'] as const) {
      for (const b of BODIES) {
        // A fresh session each time: an action that never reads its body (sign out) cannot end the next one.
        const cookie = who === 'steward' ? (await createSessionCookie(stewardId)).split(';')[0]! : '';
        const response = await api.fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': b.contentType, Origin: baseUrl(), ...(cookie ? { Cookie: cookie } : {}) },
          data: Buffer.from(b.body),
          maxRedirects: 0,
        });
        const status = response.status();
        if (status >= 500 || (b.expected.length > 0 && !b.expected.includes(status))) failures.push(`${who} ${b.name} → POST ${url}: ${status}`);
      }
    }
  }
  expect(failures).toEqual([]);
  await api.dispose();
});

test('CR or LF in redirectTo is refused or ignored, never a 500', async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: baseUrl() });
  for (const redirectTo of ['/\r\nSet-Cookie: nomi_session=x', '/%0d%0aX: y', '/\n/evil.example']) {
    const language = await api.post('/language', { form: { lang: 'en', redirectTo }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
    expect(language.status()).toBe(302);
    expect(language.headers()['location']).toBe('/');
    const login = await api.post('/login', { form: { email: STEWARD.email, password: 'wrong password here', redirectTo }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
    expect(login.status()).toBeLessThan(500);
    const page = await api.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, { maxRedirects: 0 });
    expect(page.status()).toBeLessThan(500);
  }
  await api.dispose();
});
