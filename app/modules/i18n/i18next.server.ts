import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { createCookie } from '@remix-run/node';
import { getClientLocales } from 'remix-utils/locales/server';
import { getUser } from '~/modules/auth/session.server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, SUPPORTED_LOCALES, i18nBase, isLocale, matchLocale, type Locale } from './config';
import { catalogues, clientCatalogue, partsTree } from './resources.server';

export const localeCookie = createCookie(LOCALE_COOKIE, {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

function resources() {
  const all = catalogues().catalogues;
  return Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, { translation: all[l] ?? {} }]));
}

/** Member's own setting, then the language cookie, then the browser's Accept-Language. */
export async function resolveLocale(request: Request): Promise<Locale> {
  const user = await getUser(request);
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get('cookie'));
  if (isLocale(fromCookie)) return fromCookie;
  const requested = getClientLocales(request);
  const list = Array.isArray(requested) ? requested : requested ? [requested] : [];
  return matchLocale(list) ?? DEFAULT_LOCALE;
}

/**
 * What root.tsx and entry.server.tsx ask for the page's language. It was remix-i18next's `RemixI18Next`,
 * which only called `resolveLocale` above; the name stays so callers need not change.
 */
export const remixI18n = { getLocale: resolveLocale };

/** A translator for a fixed language, e.g. for an email to someone whose language we know. */
export async function fixedT(locale: string | null | undefined): Promise<TFunction> {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const instance = createInstance();
  await instance.init({ ...i18nBase, lng, resources: resources() });
  return instance.t;
}

export async function requestT(request: Request): Promise<{ t: TFunction; locale: Locale }> {
  const locale = await resolveLocale(request);
  return { t: await fixedT(locale), locale };
}

const renderInstances = new Map<string, Promise<I18n>>();

/**
 * The i18next instance for server-rendering a page. It holds only the parts of this language's
 * catalogue (already merged over English) that the page embeds, so the server renders exactly what the
 * browser will hydrate with: a key missing from the page's parts shows the same with or without JS.
 * Instances are read-only while rendering (the language never changes on the server), so one is kept
 * per catalogue version, language and set of parts instead of initialising one per request.
 */
export function createRenderInstance(locale: Locale, parts?: readonly string[]): Promise<I18n> {
  const key = `${catalogues().version}:${locale}:${parts ? parts.join(',') : '*'}`;
  let instance = renderInstances.get(key);
  if (!instance) {
    const translation = parts ? partsTree(locale, parts) : clientCatalogue(locale);
    const created = createInstance();
    instance = created.init({ ...i18nBase, lng: locale, fallbackLng: false, resources: { [locale]: { translation } } }).then(() => created);
    if (renderInstances.size > 500) renderInstances.clear();
    renderInstances.set(key, instance);
  }
  return instance;
}
