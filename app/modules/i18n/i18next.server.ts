import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { RemixI18Next } from 'remix-i18next/server';
import { createCookie } from '@remix-run/node';
import { getClientLocales } from 'remix-utils/locales/server';
import { getUser } from '~/modules/auth/session.server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, SUPPORTED_LOCALES, i18nBase, isLocale, matchLocale, type Locale } from './config';
import { catalogues, clientCatalogue } from './resources.server';

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

export const remixI18n = new RemixI18Next({
  detection: {
    supportedLanguages: SUPPORTED_LOCALES,
    fallbackLanguage: DEFAULT_LOCALE,
    findLocale: resolveLocale,
  },
  i18next: { ...i18nBase, resources: resources() },
});

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

/**
 * A fresh i18next instance for server-rendering one request. It holds only this language's catalogue
 * (already merged over English), which the page embeds so the browser hydrates without fetching it.
 */
export async function createRenderInstance(locale: Locale): Promise<I18n> {
  const instance = createInstance();
  await instance.init({ ...i18nBase, lng: locale, fallbackLng: false, resources: { [locale]: { translation: clientCatalogue(locale) } } });
  return instance;
}
