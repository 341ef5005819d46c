import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/** Unread count that stays fresh without a reload (polls while the tab is visible). */
export function UnreadBadge({ initial }: { initial: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // A page load or form submission brings a fresher count from the root loader.
  useEffect(() => {
    queryClient.setQueryData(['notifications', 'unread'], initial);
  }, [initial, queryClient]);
  const { data } = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: async () => {
      const res = await fetch('/resources/notifications/unread', { headers: { Accept: 'application/json' } });
      if (!res.ok) return initial;
      return ((await res.json()) as { unread: number }).unread;
    },
    initialData: initial,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
  if (!data) return null;
  return (
    <span className="badge" aria-live="polite">
      <span aria-hidden="true">{data > 99 ? '99+' : data}</span>
      <span className="visually-hidden">{t('common.unreadCount', { count: data })}</span>
    </span>
  );
}
