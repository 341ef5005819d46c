import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import { useHydrated } from 'remix-utils/use-hydrated';
import { registerOfflineWorker } from '~/modules/collab/service-worker-client';

const CollaborativeDocument = lazy(() => import('~/modules/collab/components/collaborative-document'));

export interface DraftSection {
  id: string;
  title: string;
  wordLimit: number | null;
  words: number;
  text: string;
}

/** The sections' current text, read-only: what the page shows without JavaScript and while the editor loads. */
export function DraftFallback({ sections }: { sections: DraftSection[] }) {
  const { t } = useTranslation();
  return (
    <div className="bid-draft-fallback">
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`fallback-${s.id}`} className="card">
          <h3 id={`fallback-${s.id}`} dir="auto">
            {s.title}
          </h3>
          <p className="meta">
            {s.wordLimit ? t('bids.sections.countOfLimit', { count: s.words, limit: s.wordLimit }) : t('bids.sections.count', { count: s.words })}
          </p>
          {s.text ? (
            <div dir="auto" className="bid-draft-text">
              {s.text.split('\n').map((line, i) => (
                <p key={i}>{line}</p>
              ))}
            </div>
          ) : (
            <p className="meta">{t('bids.sections.emptyText')}</p>
          )}
        </section>
      ))}
    </div>
  );
}

/** The live co-editing document (loaded lazily, only in the browser), with the read-only text as fallback. */
export function BidDraft({
  documentId,
  sections,
  user,
  access,
}: {
  documentId: string;
  sections: DraftSection[];
  user: { id: string; name: string };
  access: 'edit' | 'comment' | 'read';
}) {
  const hydrated = useHydrated();
  // The service worker keeps this page and the editor's code, so the draft opens offline (issue 12.2).
  useEffect(() => registerOfflineWorker(), []);
  const fallback = <DraftFallback sections={sections} />;
  if (!hydrated) return fallback;
  return (
    <Suspense fallback={fallback}>
      <CollaborativeDocument
        documentId={documentId}
        fields={sections.map((s) => ({ name: `section-${s.id}`, label: s.title, wordLimit: s.wordLimit }))}
        user={user}
        access={access}
      />
    </Suspense>
  );
}
