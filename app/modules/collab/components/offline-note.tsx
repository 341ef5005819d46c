import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';

/**
 * What works offline and what does not, and when this phone was last in step with the server (issue
 * 12.2). Shown under the status while the editor is offline — also after reloading offline, when the
 * page itself is the service worker's kept copy.
 */
export function OfflineNote({ lastSynced }: { lastSynced: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="notice notice--info collab-offline-note">
      <p>{t('collab.offline.note')}</p>
      <p className="collab-last-synced">
        {lastSynced === null ? (
          t('collab.offline.neverSynced')
        ) : (
          <>
            {t('collab.offline.lastSynced')} <time dateTime={new Date(lastSynced).toISOString()}>{format.dateTime(lastSynced)}</time>
          </>
        )}
      </p>
    </div>
  );
}
