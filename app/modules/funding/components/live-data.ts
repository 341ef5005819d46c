import { useEffect, useState } from 'react';

/**
 * Loader data kept fresh while the page is open (pitch day's screen): asks the route's `?_data=` every
 * `everyMs` while the tab is visible. A failed request keeps what is shown (a background request never
 * takes the page down); without JavaScript the page's Refresh button does the same.
 */
export function useLiveData<T>(initial: T, routeId: string, everyMs: number): T {
  const [data, setData] = useState(initial);
  useEffect(() => setData(initial), [initial]);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const res = await fetch(`${window.location.pathname}?_data=${encodeURIComponent(routeId)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/json')) return;
        const next = (await res.json()) as T;
        if (!stopped) setData(next);
      } catch {
        // Offline or the server restarting: keep the last screen and try again at the next tick.
      }
    };
    const id = window.setInterval(() => void tick(), everyMs);
    return () => {
      stopped = true;
      window.clearInterval(id);
    };
  }, [routeId, everyMs]);
  return data;
}
