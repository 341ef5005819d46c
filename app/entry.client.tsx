import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { DEFAULT_LOCALE } from '~/modules/i18n/config';
import { addParts, browserI18n } from '~/modules/i18n/client';
import { I18nProvider } from '~/modules/i18n/react';
import type { Tree } from '~/modules/i18n/parts';

function hydrate() {
  const lng = document.documentElement.lang || DEFAULT_LOCALE;
  // The server embeds the parts of this language's catalogue the page shows (already merged over
  // English): no request before hydrating. Client-side navigations fetch further parts first (root
  // clientLoader). The browser translates with our small translator, not i18next (docs/decisions/0005).
  const embedded = JSON.parse(document.getElementById('i18n-resources')?.textContent || '{}') as Record<string, string | Tree>;
  browserI18n.setLanguage(lng);
  addParts(lng, embedded);

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nProvider store={browserI18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nProvider>,
    );
  });
}

hydrate();
