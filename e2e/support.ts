import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createAccount } from '../app/modules/auth/accounts.server';
import { createSessionCookie } from '../app/modules/auth/session.server';
import { db } from '../db/connection';
import type { Role } from '../db/schema';

/** The steward made through the UI by first-run.setup.ts; every other spec may sign in as them. */
export const STEWARD = { name: 'Grace Steward', email: 'first.steward@example.org', password: 'river kettle lantern 2026' };
export const PASSWORD = 'blue kettle river song';

let counter = 0;

/**
 * Creates a member straight in the server's database (same SQLite file, WAL allows both), for specs
 * whose subject is not sign-up itself.
 */
export async function createMember(over: { name?: string; role?: Role; locale?: string } = {}) {
  counter += 1;
  const email = `e2e-${process.pid}-${Date.now()}-${counter}@example.org`;
  const name = over.name ?? `Test Member ${counter}`;
  const id = await createAccount({ name, email, password: PASSWORD, role: over.role ?? 'member', locale: over.locale ?? 'en' });
  return { id, email, name, password: PASSWORD };
}

/**
 * Go to a page and, when it ships JavaScript (its route says `handle = { hydrate: true }`: Remix's
 * module script is on the page), wait until React has hydrated it. Pages without live widgets have
 * no scripts at all (issue 17) and are ready once loaded.
 */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  if (await hydrates(page)) {
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  }
  return response;
}

/** Whether the current page loads the app's scripts (and so hydrates). */
export async function hydrates(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.querySelector('script[type="module"], script[src]')));
}

export async function signIn(page: Page, email: string, password: string) {
  await visit(page, '/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
}

/** On a phone the menu is behind "Menu"; on wider screens it is always shown (no toggle to press). */
export async function openMenu(page: Page) {
  const menu = page.locator('details.site-menu');
  if ((await menu.getAttribute('open')) === null && (await menu.locator('summary').isVisible())) await menu.locator('summary').click();
}

export async function signOut(page: Page) {
  await openMenu(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
}

/**
 * The newest email to an address, as kept in the outbox (no SMTP in tests). Some mail is sent from the
 * job queue (password resets), so it waits up to 5 s for one to appear.
 */
export async function latestEmail(to: string) {
  for (let waited = 0; ; waited += 250) {
    const row = await db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirst();
    if (row) return row;
    if (waited >= 5000) throw new Error(`no email to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function firstLink(text: string): string {
  const m = /https?:\/\/\S+/.exec(text);
  if (!m) throw new Error('no link in email');
  return m[0];
}

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Signs a member in without the login form: a real session made in the shared database, put into the
 * page's browser context as its cookie. Fast, and it leaves the sign-in rate limits alone.
 */
export async function signInAs(page: Page, userId: string) {
  const cookie = await createSessionCookie(userId);
  const [pair] = cookie.split(';');
  const [name, value] = pair!.split('=');
  await page.context().addCookies([{ name: name!, value: value!, url: baseUrl() }]);
}

export function baseUrl() {
  return `http://localhost:${process.env.E2E_PORT}`;
}

/** Chooses the interface language as the language picker would (the nomi_lang cookie), for visitors. */
export async function useLanguage(page: Page, lang: string) {
  const value = Buffer.from(JSON.stringify(lang)).toString('base64');
  await page.context().addCookies([{ name: 'nomi_lang', value, url: baseUrl() }]);
}

export async function userIdOf(email: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** A route of the built app, from Remix's client manifest (public/build/manifest-*.js). */
export interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasAction: boolean;
}

/** Every route of the build the tests run against (BUILD_DIR), so a new route is covered without editing a spec. */
export function routeManifest(): ManifestRoute[] {
  const dir = path.join(process.env.BUILD_DIR ? path.resolve(process.env.BUILD_DIR) : process.cwd(), 'public/build');
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no route manifest in ${dir}: build first`);
  const source = fs.readFileSync(path.join(dir, file), 'utf8');
  const json = source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1);
  return Object.values((JSON.parse(json) as { routes: Record<string, ManifestRoute> }).routes);
}
