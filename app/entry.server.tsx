import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nProvider } from '~/modules/i18n/react';
import { NonceProvider } from '~/utils/nonce';
import { remixI18n } from '~/modules/i18n/i18next.server';
import { isLocale, DEFAULT_LOCALE } from '~/modules/i18n/config';
import { partsForPath } from '~/modules/i18n/parts';
import { renderStore, serializedParts } from '~/modules/i18n/resources.server';
import { EmbeddedCatalogueContext } from '~/modules/i18n/client';
import { logger } from '~/modules/logging/logger.server';

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
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
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
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          responseHeaders.set('Content-Language', locale);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, 'render error');
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Log the path only (query strings may carry tokens), and never a link's token.
  const path = new URL(request.url).pathname.replace(/^\/(invite|reset-password|unsubscribe)\/[^/]+/, '/$1/[token]');
  logger.error({ err: error, path }, 'unhandled error');
}

// The Express server takes the app's database, jobs and collaboration server from the build, so the
// process has one copy of each (server/runtime.ts).
export * as runtime from '../server/runtime';
