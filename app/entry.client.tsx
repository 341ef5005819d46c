import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nBase, DEFAULT_LOCALE } from '~/modules/i18n/config';

async function hydrate() {
  const lng = document.documentElement.lang || DEFAULT_LOCALE;
  // The server embeds this language's catalogue in the page: no extra request before hydrating.
  const embedded = document.getElementById('i18n-resources')?.textContent ?? '{}';
  await i18next.use(initReactI18next).init({
    ...i18nBase,
    lng,
    // The server already merged English under every other language.
    fallbackLng: false,
    react: { useSuspense: false },
    resources: { [lng]: { translation: JSON.parse(embedded) as Record<string, unknown> } },
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
