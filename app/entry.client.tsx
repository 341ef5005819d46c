import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import HttpBackend from 'i18next-http-backend';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nBase, DEFAULT_LOCALE } from '~/modules/i18n/config';

async function hydrate() {
  const lng = document.documentElement.lang || DEFAULT_LOCALE;
  const version = document.querySelector<HTMLMetaElement>('meta[name="i18n-version"]')?.content ?? '0';
  await i18next
    .use(initReactI18next)
    .use(HttpBackend)
    .init({
      ...i18nBase,
      lng,
      // The server already merged English under every other language.
      fallbackLng: false,
      react: { useSuspense: false },
      backend: { loadPath: `/locales/{{lng}}.json?v=${version}` },
    });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
