import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * TanStack Query for live data (unread count, live tallies). Not in the root: a component that polls
 * wraps itself in this provider, so only the pages (or lazily loaded parts) that poll download the
 * library. Every provider in the browser shares one client (one cache per tab); the server renders
 * with a fresh client per request, so nothing is shared between people.
 */
let browserClient: QueryClient | undefined;

const makeClient = () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });

export function LiveQueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => (typeof document === 'undefined' ? makeClient() : (browserClient ??= makeClient())));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
