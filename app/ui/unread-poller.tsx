import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LiveQueryProvider } from './live-query';
import { UnreadCount } from './unread-badge';

function Poller({ initial }: { initial: number }) {
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
  return <UnreadCount count={data} />;
}

/** Loaded after hydration by UnreadBadge: keeps the count fresh (polls while the tab is visible). */
export default function UnreadPoller({ initial }: { initial: number }) {
  return (
    <LiveQueryProvider>
      <Poller initial={initial} />
    </LiveQueryProvider>
  );
}
