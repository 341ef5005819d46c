import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_LOCALE } from '~/modules/i18n/config';
import { addParts, browserI18n } from '~/modules/i18n/client';
import { I18nProvider } from '~/modules/i18n/react';
import type { Tree } from '~/modules/i18n/parts';
import { VoiceRecorder } from '~/ui/voice-recorder';
import { ISLAND_ATTRIBUTE, SENT_BACK_ATTRIBUTE, type VoiceRecorderProps } from './voice-recorder';
import { forgetNote, forgetNotes, keepNote, takeNote } from './note-stash';

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
// Nothing of a note stays in this browser past the form (set after, so tests can rely on it).
if (!places.length) void forgetNotes().then(() => (document.documentElement.dataset.hydrated = 'true'));
for (const el of places) void bringToLife(el);

async function bringToLife(el: HTMLElement) {
  const props = JSON.parse(el.dataset.props || '{}') as VoiceRecorderProps;
  const form = el.closest('form');
  const key = `${location.pathname}#${props.name}`;
  // The page answers this form sent with an error: put back the note the person had (./note-stash.ts).
  const initialFile = el.hasAttribute(SENT_BACK_ATTRIBUTE) ? await takeNote(key) : (await forgetNote(key), null);
  createRoot(el).render(
    <StrictMode>
      <I18nProvider store={browserI18n}>
        <Ready>
          <VoiceRecorder {...props} initialFile={initialFile ?? undefined} />
        </Ready>
      </I18nProvider>
    </StrictMode>,
  );
  let keeping = false;
  form?.addEventListener('submit', (event) => {
    if (keeping || event.defaultPrevented) return;
    const input = form.querySelector<HTMLInputElement>(`#${CSS.escape(props.inputId)}`);
    const file = input?.files?.[0];
    if (!file) {
      void forgetNote(key);
      return;
    }
    // Sent once the note is kept (IndexedDB is asynchronous), with the button that was pressed.
    event.preventDefault();
    keeping = true;
    const submitter = event.submitter;
    void keepNote(key, file).then(() => (typeof form.requestSubmit === 'function' ? form.requestSubmit(submitter) : form.submit()));
  });
}
