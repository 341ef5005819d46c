import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

/**
 * Background requests (comment threads beside the editor, anything a page refreshes on its own) must
 * never take the page down. Remix's `useFetcher().load()` sends a failed request — network down, a
 * server restart, a 404 after losing access — to the route's error boundary, which unmounts the live
 * editor and everything typed since. These helpers use plain `fetch` instead: a failure is a value,
 * the caller shows "offline — changes are kept on this phone", and the request is retried with backoff.
 *
 * Remix serves a route's loader/action as JSON when asked with `?_data=<route id>`; that is what the
 * fetcher did for us.
 */
export function dataUrl(url: string, routeId: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}_data=${encodeURIComponent(routeId)}`;
}

export type BackgroundResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; data: T | null };

/** A request that never throws: network failures are status 0. Redirects (signed out) count as failures. */
export async function backgroundRequest<T>(url: string, init?: RequestInit): Promise<BackgroundResult<T>> {
  try {
    const response = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init?.headers } });
    // Remix answers a redirect to a data request with 204 + X-Remix-Redirect: a session ended.
    if (response.headers.has('x-remix-redirect') || response.status === 204) return { ok: false, status: 401, data: null };
    const type = response.headers.get('content-type') ?? '';
    const data = type.includes('json') ? ((await response.json().catch(() => null)) as T | null) : null;
    if (response.ok && data !== null) return { ok: true, status: response.status, data };
    return { ok: false, status: response.status || 0, data };
  } catch {
    return { ok: false, status: 0, data: null };
  }
}

/** Retry delays after failures: 2 s, 4 s, 8 s … up to a minute, with jitter so phones don't stampede. */
export function backoffDelay(failures: number, base = 2_000, max = 60_000): number {
  const d = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(d * (0.8 + Math.random() * 0.4));
}

export interface BackgroundResource<T> {
  data: T | null;
  /** The last attempt failed (offline, server down, refused): show the offline note, keep the last data. */
  failing: boolean;
  /** Status of the last failure (0 = network). */
  failedStatus: number | null;
  reload: () => void;
}

/**
 * Loads `url` as JSON now, then every `intervalMs` while the tab is visible; after a failure, retries
 * with backoff and at once when the device says it is online again. Keeps the last good data.
 */
export function useBackgroundResource<T>(url: string, intervalMs: number): BackgroundResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [failedStatus, setFailedStatus] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const failures = useRef(0);

  useEffect(() => {
    let cancelled = false;
    let timer: number | undefined;
    const run = async () => {
      window.clearTimeout(timer);
      if (document.visibilityState !== 'visible' && failures.current === 0 && data !== null) {
        timer = window.setTimeout(run, intervalMs);
        return;
      }
      const result = await backgroundRequest<T>(url);
      if (cancelled) return;
      if (result.ok) {
        failures.current = 0;
        setData(result.data);
        setFailedStatus(null);
        timer = window.setTimeout(run, intervalMs);
      } else {
        failures.current += 1;
        setFailedStatus(result.status);
        timer = window.setTimeout(run, backoffDelay(failures.current));
      }
    };
    const onOnline = () => void run();
    window.addEventListener('online', onOnline);
    void run();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
      window.removeEventListener('online', onOnline);
    };
    // `data` is read only to skip hidden-tab polls; re-running on every load would double the timers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, intervalMs, tick]);

  return { data, failing: failedStatus !== null, failedStatus, reload };
}

/**
 * A form posted in the background (a comment beside the editor): same markup as a Remix form, so it
 * still has a real action, but submitted with fetch so a failure is shown next to it instead of
 * replacing the page. `onResult` gets the action's JSON, or null when the request failed.
 */
export function BackgroundForm<R>({
  action,
  routeId,
  onResult,
  onPending,
  className,
  children,
}: {
  action: string;
  routeId: string;
  onResult: (result: R | null, status: number) => void;
  onPending?: (pending: boolean) => void;
  className?: string;
  children: ReactNode;
  method?: string;
}) {
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    // The pressed button's name/value (e.g. intent=delete) is part of what is sent.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const body = new FormData(form, submitter && submitter.form === form ? submitter : undefined);
    onPending?.(true);
    const result = await backgroundRequest<R>(dataUrl(action, routeId), { method: 'POST', body });
    onPending?.(false);
    onResult(result.data, result.status);
    if (result.ok) form.reset();
  };
  return (
    <form method="post" action={action} className={className} onSubmit={(e) => void submit(e)}>
      {children}
    </form>
  );
}
