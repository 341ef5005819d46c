import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer, isRouteErrorResponse } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nProvider } from '~/modules/i18n/react';
import { NonceProvider } from '~/utils/nonce';
import { remixI18n } from '~/modules/i18n/i18next.server';
import { isLocale, DEFAULT_LOCALE } from '~/modules/i18n/config';
import { partsForPath } from '~/modules/i18n/parts';
import { renderStore, serializedParts } from '~/modules/i18n/resources.server';
import { EmbeddedCatalogueContext } from '~/modules/i18n/client';
import { logger } from '~/modules/logging/logger.server';
import { visitorCacheable } from '~/utils/route-handle';
import { VISITOR_CACHE_HEADER } from '../server/visitor-cache';
import { SESSION_COOKIE, sessionCookieUpdate } from '~/modules/auth/session.server';

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const detected = await remixI18n.getLocale(request);
  const locale = isLocale(detected) ? detected : DEFAULT_LOCALE;
  // Only the catalogue parts the page shows, as listed by the root loader (docs/decisions/0004).
  const rootData = remixContext.staticHandlerContext.loaderData.root as { i18n?: { parts: string[] } } | undefined;
  const parts = rootData?.i18n?.parts ?? partsForPath(new URL(request.url).pathname);
  // Rendered with the same translator and parts the browser hydrates with (docs/decisions/0005).
  const i18n = renderStore(locale, parts);
  const embedded = serializedParts(locale, parts);
  const nonce = loadContext.cspNonce ?? '';
  // A signed-out visitor's public page may be kept rendered (server/visitor-cache.ts).
  const rootUser = (remixContext.staticHandlerContext.loaderData.root as { user?: unknown } | undefined)?.user;
  const publicPage = visitorCacheable(remixContext.staticHandlerContext.matches.map((m) => ({ handle: remixContext.routeModules[m.route.id]?.handle })));
  const cacheable = rootUser === null && responseStatusCode === 200 && publicPage;
  // The whole page is rendered before anything is sent, and sent as one piece. No page streams a
  // deferred part (no route renders <Await>), so streaming gained nothing, and it cost: a Web stream
  // per response and a write per React chunk, about a tenth of a page's CPU (issue 17 profile).
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let failed = false;
    let shellReady = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <EmbeddedCatalogueContext.Provider value={embedded}>
          <I18nProvider store={i18n}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nProvider>
        </EmbeddedCatalogueContext.Provider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellReady = true;
        },
        onAllReady() {
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              // A finished render must not keep its abort timer (and, through it, the page) alive.
              clearTimeout(timer);
              responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
              responseHeaders.set('Content-Language', locale);
              if (cacheable) responseHeaders.set(VISITOR_CACHE_HEADER, '1');
              if (!responseHeaders.has('Cache-Control') && (signedIn(request) || !publicPage)) responseHeaders.set('Cache-Control', NOT_STORED);
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: failed ? 500 : responseStatusCode }));
              done();
            },
          });
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          // An error in the shell reaches Remix (onShellError → its error page and handleError).
          if (shellReady) logger.error({ err: error }, 'render error');
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Pages and data are not stored by the browser (OWASP ASVS V8.2.1), except the public pages any visitor
 * sees alike (`handle.visitorCache`) shown to a visitor: on a shared phone, whoever picks it up after
 * sign-out must not page Back through a member's pages, nor through an invitation or password-reset
 * page (names, addresses, tokens) from the back/forward cache or the HTTP cache. A route that sets its
 * own Cache-Control keeps it (the bid draft page is `private`, kept offline by the service worker for
 * this member and dropped at sign-out).
 */
const NOT_STORED = 'private, no-store';
function signedIn(request: Request): boolean {
  return (request.headers.get('cookie') ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

export async function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', NOT_STORED);
  // The root loader sends lucia's extended (or cleared) cookie with a page; a page that hydrates then
  // loads other routes' data alone, so the answer carries it too, or a member who only moves around
  // inside the app is signed out on day 30. Reads only: after an action the request's cookie may no
  // longer be the session (sign-in, sign-out), and the root's revalidation sends it anyway.
  // Never on an answer a shared cache may keep (`public`: translations, a public notice's .ics): a proxy
  // that stores responses with their cookies would hand the session to the next person asking.
  const shared = /\bpublic\b/i.test(response.headers.get('Cache-Control') ?? '');
  if ((request.method === 'GET' || request.method === 'HEAD') && !shared && signedIn(request)) {
    try {
      const update = await sessionCookieUpdate(request);
      const sent = response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (update && !sent) response.headers.append('Set-Cookie', update);
    } catch (error) {
      // The data is ready: a failed extension (a busy or full disk) must not turn it into a 500. The
      // next page load extends the session.
      logger.warn({ err: error, path: redactedPath(new URL(request.url).pathname) }, 'session extension failed');
    }
  }
  return response;
}

// Routes match whatever the case, so `/INVITE/<token>` reaches the invitation too.
const LINK_TOKEN = /^\/(invite|reset-password|unsubscribe)\/([^/]+)/i;
const redactedPath = (pathname: string) => pathname.replace(LINK_TOKEN, '/$1/[token]');

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Log the path only (query strings may carry what someone searched for), and never a link's token.
  const pathname = new URL(request.url).pathname;
  const path = redactedPath(pathname);
  // Remix's refusals of a malformed data request (no loader, a route that does not match) are the
  // client's mistake, and their message repeats the URL, token included: the status is enough.
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.warn({ status: error.status, path }, 'refused request');
    return;
  }
  const token = LINK_TOKEN.exec(pathname)?.[2];
  const err = token && error instanceof Error ? scrubbed(error, token) : error;
  logger.error({ err, path }, 'unhandled error');
}

function scrubbed(error: Error, token: string): Error {
  const copy = new Error(error.message.replaceAll(token, '[token]'));
  copy.name = error.name;
  copy.stack = error.stack?.replaceAll(token, '[token]');
  return copy;
}

// The Express server takes the app's database, jobs and collaboration server from the build, so the
// process has one copy of each (server/runtime.ts).
export * as runtime from '../server/runtime';
