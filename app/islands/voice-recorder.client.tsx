import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_LOCALE } from '~/modules/i18n/config';
import { addParts, browserI18n } from '~/modules/i18n/client';
import { I18nProvider } from '~/modules/i18n/react';
import type { Tree } from '~/modules/i18n/parts';
import { VoiceRecorder } from '~/ui/voice-recorder';
import { ISLAND_ATTRIBUTE, type VoiceRecorderProps } from './voice-recorder';

/**
 * The voice recorder as an island (issue 17): /join ships this instead of the whole app client. The
 * server rendered the recorder without JavaScript (a file input); here it is rendered again, live, in
 * the same place, with the page's embedded translations.
 */
function Ready({ children }: { children: React.ReactNode }) {
  // Tests (and curious people) learn the page is interactive, as on pages that hydrate.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return children;
}

const lng = document.documentElement.lang || DEFAULT_LOCALE;
const embedded = JSON.parse(document.getElementById('i18n-resources')?.textContent || '{}') as Record<string, string | Tree>;
browserI18n.setLanguage(lng);
addParts(lng, embedded);

const places = document.querySelectorAll<HTMLElement>(`[${ISLAND_ATTRIBUTE}="voice-recorder"]`);
// A page of the route without the widget (the "sent" page of /join) is as interactive as it gets.
if (!places.length) document.documentElement.dataset.hydrated = 'true';
for (const el of places) {
  const props = JSON.parse(el.dataset.props || '{}') as VoiceRecorderProps;
  createRoot(el).render(
    <StrictMode>
      <I18nProvider store={browserI18n}>
        <Ready>
          <VoiceRecorder {...props} />
        </Ready>
      </I18nProvider>
    </StrictMode>,
  );
}
