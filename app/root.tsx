import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  json,
  useLoaderData,
  useRouteLoaderData,
} from '@remix-run/react';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useChangeLanguage } from 'remix-i18next/react';
import { getUser, sessionCookieUpdate } from '~/modules/auth/session.server';
import { remixI18n } from '~/modules/i18n/i18next.server';
import { textDirection, isLocale, DEFAULT_LOCALE } from '~/modules/i18n/config';
import { unreadCount } from '~/modules/notifications/notifications.server';
import { takeFlash } from '~/modules/flash/flash.server';
import { useNonce } from '~/utils/nonce';
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
  return json(
    {
      locale,
      dir: textDirection(locale),
      user: user ? { id: user.id, name: user.name, role: user.role, isMentor: user.isMentor } : null,
      unread: user ? await unreadCount(user.id) : 0,
      flash,
    },
    { headers },
  );
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root');
}

/** The catalogue of the page's language, embedded as inert JSON for the browser to hydrate with. */
function I18nResources({ locale }: { locale: string }) {
  const { i18n } = useTranslation();
  const json = useMemo(
    () => JSON.stringify(i18n.getResourceBundle(locale, 'translation') ?? {}).replace(/</g, '\\u003c'),
    [i18n, locale],
  );
  return <script id="i18n-resources" type="application/json" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />;
}

function Document({ children, locale, dir }: { children: React.ReactNode; locale: string; dir: 'ltr' | 'rtl' }) {
  const nonce = useNonce();
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
        <I18nResources locale={locale} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  useChangeLanguage(data.locale);
  // One client per browser tab, created lazily so the server never shares one between requests.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));
  return (
    <Document locale={data.locale} dir={data.dir}>
      <QueryClientProvider client={queryClient}>
        <AppShell user={data.user} unread={data.unread} locale={data.locale} flash={data.flash}>
          <Outlet />
        </AppShell>
      </QueryClientProvider>
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>('root');
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const [queryClient] = useState(() => new QueryClient());
  return (
    <Document locale={locale} dir={textDirection(locale)}>
      <QueryClientProvider client={queryClient}>
        <AppShell user={data?.user ?? null} unread={data?.unread ?? 0} locale={locale} flash={null}>
          <GeneralErrorBoundary />
        </AppShell>
      </QueryClientProvider>
    </Document>
  );
}
