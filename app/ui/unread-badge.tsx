import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';

// The polling (TanStack Query) loads after the page is interactive: no page pays for it up front.
const UnreadPoller = lazy(() => import('./unread-poller'));

export function UnreadCount({ count }: { count: number }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <span className="badge" aria-live="polite">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('common.unreadCount', { count })}</span>
    </span>
  );
}

/** Unread count that stays fresh without a reload (polls while the tab is visible). */
export function UnreadBadge({ initial }: { initial: number }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <UnreadCount count={initial} />;
  return (
    <Suspense fallback={<UnreadCount count={initial} />}>
      <UnreadPoller initial={initial} />
    </Suspense>
  );
}
