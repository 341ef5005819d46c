import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  json,
  useLoaderData,
  useMatches,
  useRouteLoaderData,
} from '@remix-run/react';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ClientLoaderFunctionArgs, ShouldRevalidateFunction } from '@remix-run/react';
import { useEffect } from 'react';
import { getUser, sessionCookieUpdate } from '~/modules/auth/session.server';
import { remixI18n } from '~/modules/i18n/i18next.server';
import { textDirection, isLocale, DEFAULT_LOCALE } from '~/modules/i18n/config';
import { normalizeParts, partForKey, partsForPath } from '~/modules/i18n/parts';
import { catalogues } from '~/modules/i18n/resources.server';
import { currentLanguage, ensureParts, missingParts, useEmbeddedCatalogue } from '~/modules/i18n/client';
import { useChangeLanguage } from '~/modules/i18n/react';
import { unreadCount } from '~/modules/notifications/notifications.server';
import { takeFlash } from '~/modules/flash/flash.server';
import { useNonce } from '~/utils/nonce';
import { islandsOf, needsHydration } from '~/utils/route-handle';
import { islandScripts } from '~/islands/scripts.server';
import { AppShell } from '~/ui/app-shell';
import { GeneralErrorBoundary } from '~/ui/error-boundary';
import appStyles from '~/styles/app.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'manifest', href: '/site.webmanifest' },
];

export const meta: MetaFunction = () => [{ title: 'NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const detected = await remixI18n.getLocale(request);
  const locale = isLocale(detected) ? detected : DEFAULT_LOCALE;
  const { flash, setCookie: flashCookie } = await takeFlash(request);
  const headers = new Headers();
  const sessionCookie = await sessionCookieUpdate(request);
  if (sessionCookie) headers.append('Set-Cookie', sessionCookie);
  if (flashCookie) headers.append('Set-Cookie', flashCookie);
  // The catalogue parts this page shows (docs/decisions/0004-per-page-catalogues.md).
  const flashPart = flash ? partForKey(flash.key) : null;
  const parts = normalizeParts([...partsForPath(new URL(request.url).pathname), ...(flashPart ? [flashPart] : [])]);
  return json(
    {
      locale,
      i18n: { parts, version: catalogues().version },
      dir: textDirection(locale),
      user: user ? { id: user.id, name: user.name, role: user.role, isMentor: user.isMentor } : null,
      unread: user ? await unreadCount(user.id) : 0,
      flash,
      // Script files of the islands (app/islands); the page links those its routes ask for.
      islands: islandScripts(),
    },
    { headers },
  );
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root');
}

/**
 * Root revalidates as usual, and also when the next page needs catalogue parts the browser has not
 * loaded yet: its clientLoader then fetches them before the page renders, so no raw key ever flashes.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || missingParts(currentLanguage(), partsForPath(nextUrl.pathname)).length > 0;

export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
  // Fetch the next page's parts alongside the root data (most navigations keep the language).
  const early = ensureParts(currentLanguage(), partsForPath(new URL(request.url).pathname));
  const data = await serverLoader<typeof loader>();
  await early;
  // Exactly the parts the server listed, in the language it chose (it changes after saving settings).
  await ensureParts(data.locale, data.i18n.parts, data.i18n.version);
  return data;
}

/**
 * The page's catalogue parts, embedded as inert JSON for the browser to hydrate with. The server writes
 * it (entry.server provides the cached text); in the browser the element keeps what the server wrote.
 */
function I18nResources() {
  const embedded = useEmbeddedCatalogue();
  return <script id="i18n-resources" type="application/json" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: embedded ?? '' }} />;
}

function Document({ children, locale, dir, islandFiles = {} }: { children: React.ReactNode; locale: string; dir: 'ltr' | 'rtl'; islandFiles?: Record<string, string> }) {
  const nonce = useNonce();
  const matches = useMatches();
  // Scripts only for pages that declare a live widget (`handle = { hydrate: true }`, ~/utils/route-handle).
  // In the browser the page did ship them (or React would not be running): keep them mounted through
  // client-side navigation, so scroll restoration keeps working on pages that do not declare it.
  const declared = needsHydration(matches);
  const hydrate = declared || typeof document !== 'undefined';
  // A page that does not hydrate may still bring one widget to life with its own small script.
  const islands = hydrate ? [] : islandsOf(matches).flatMap((name) => (islandFiles[name] ? [islandFiles[name]] : []));
  useEffect(() => {
    // Lets tests (and curious people) know the page is interactive.
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#14532d" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            <I18nResources />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : islands.length ? (
          <>
            <I18nResources />
            {islands.map((src) => (
              <script key={src} type="module" src={src} nonce={nonce} />
            ))}
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  useChangeLanguage(data.locale);
  // Live data (TanStack Query) is provided by the components that poll (~/ui/live-query), so pages
  // without it do not download the library.
  return (
    <Document locale={data.locale} dir={data.dir} islandFiles={data.islands}>
      <AppShell user={data.user} unread={data.unread} locale={data.locale} flash={data.flash}>
        <Outlet />
      </AppShell>
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>('root');
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <Document locale={locale} dir={textDirection(locale)}>
      <AppShell user={data?.user ?? null} unread={data?.unread ?? 0} locale={locale} flash={null}>
        <GeneralErrorBoundary />
      </AppShell>
    </Document>
  );
}
