import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nBase, DEFAULT_LOCALE } from '~/modules/i18n/config';
import { addParts } from '~/modules/i18n/client';
import type { Tree } from '~/modules/i18n/parts';

async function hydrate() {
  const lng = document.documentElement.lang || DEFAULT_LOCALE;
  // The server embeds the parts of this language's catalogue the page shows: no request before
  // hydrating. Client-side navigations fetch further parts first (root clientLoader).
  const embedded = JSON.parse(document.getElementById('i18n-resources')?.textContent || '{}') as Record<string, string | Tree>;
  const translation = addParts(lng, embedded);
  await i18next.use(initReactI18next).init({
    ...i18nBase,
    lng,
    // The server already merged English under every other language.
    fallbackLng: false,
    react: { useSuspense: false },
    resources: { [lng]: { translation } },
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
