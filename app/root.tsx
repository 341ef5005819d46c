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
import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useChangeLanguage } from 'remix-i18next/react';
import { getUser, sessionCookieUpdate } from '~/modules/auth/session.server';
import { remixI18n } from '~/modules/i18n/i18next.server';
import { catalogues } from '~/modules/i18n/resources.server';
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
      i18nVersion: catalogues().version,
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

function Document({ children, locale, dir, i18nVersion }: { children: React.ReactNode; locale: string; dir: 'ltr' | 'rtl'; i18nVersion?: string }) {
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#14532d" />
        {i18nVersion ? <meta name="i18n-version" content={i18nVersion} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        {children}
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
    <Document locale={data.locale} dir={data.dir} i18nVersion={data.i18nVersion}>
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
  return (
    <Document locale={locale} dir={textDirection(locale)} i18nVersion={data?.i18nVersion}>
      <AppShell user={data?.user ?? null} unread={data?.unread ?? 0} locale={locale} flash={null}>
        <GeneralErrorBoundary />
      </AppShell>
    </Document>
  );
}
