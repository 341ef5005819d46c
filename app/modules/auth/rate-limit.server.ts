import { RateLimiterSQLite, RateLimiterRes } from 'rate-limiter-flexible';
import { rawSqlite } from '~db/connection';

/**
 * Counters for abuse protection, kept in SQLite so they survive restarts and are shared by every
 * part of the process. Only failures are counted for sign-in, so a member who types their password
 * right is never slowed down.
 */
export type Limit = 'loginIp' | 'loginAccount' | 'loginAccountIp' | 'resetIp' | 'resetAccount' | 'joinIp' | 'noticeComment' | 'noticeResponse' | 'noticeReport' | 'ballotCode';

const CONFIG: Record<Limit, { points: number; duration: number }> = {
  // Community centres share one connection: the per-IP limit is looser than the per-account one.
  loginIp: { points: 30, duration: 15 * 60 },
  // Per account and address: five wrong passwords pause that address for that account only.
  loginAccountIp: { points: 5, duration: 15 * 60 },
  // Per account from anywhere: never blocks (see `loginDelayMs`), only counts failures for the delay.
  loginAccount: { points: 1_000_000, duration: 60 * 60 },
  resetIp: { points: 5, duration: 15 * 60 },
  resetAccount: { points: 3, duration: 60 * 60 },
  joinIp: { points: 5, duration: 60 * 60 },
  // Noticeboard, per account: enough for a lively thread, not for flooding an author's notifications.
  noticeComment: { points: 10, duration: 10 * 60 },
  noticeResponse: { points: 20, duration: 10 * 60 },
  noticeReport: { points: 5, duration: 60 * 60 },
  // Governance, per member and proposal: wrong receipt codes when changing a secret ballot.
  ballotCode: { points: 5, duration: 15 * 60 },
};

const g = globalThis as unknown as { __nomiLimiters?: { db: unknown; map: Map<Limit, RateLimiterSQLite> } };

function limiter(name: Limit): RateLimiterSQLite {
  const sqlite = rawSqlite();
  if (!g.__nomiLimiters || g.__nomiLimiters.db !== sqlite) g.__nomiLimiters = { db: sqlite, map: new Map() };
  let l = g.__nomiLimiters.map.get(name);
  if (!l) {
    const { points, duration } = CONFIG[name];
    l = new RateLimiterSQLite({
      storeClient: sqlite,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: name,
      points,
      duration,
    });
    g.__nomiLimiters.map.set(name, l);
  }
  return l;
}

/** Minutes until the caller may try again, or 0 when not blocked. */
export async function blockedFor(name: Limit, key: string): Promise<number> {
  const res = await limiter(name).get(key.toLowerCase());
  if (!res || res.remainingPoints > 0) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
}

/** Count one attempt. Returns the minutes to wait if this used up the allowance, else 0. */
export async function consume(name: Limit, key: string): Promise<number> {
  try {
    await limiter(name).consume(key.toLowerCase());
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    throw res;
  }
}

/** How many attempts `key` has used in the current window (0 when none). */
export async function failuresCounted(name: Limit, key: string): Promise<number> {
  const res = await limiter(name).get(key.toLowerCase());
  return res ? res.consumedPoints : 0;
}

export async function clearLimit(name: Limit, key: string): Promise<void> {
  await limiter(name).delete(key.toLowerCase());
}

/** Clears every key of `name` that starts with `prefix` (e.g. all addresses paused for one account). */
export function clearLimitsStartingWith(name: Limit, prefix: string): void {
  const like = `${name}:${prefix.toLowerCase()}`.replace(/[\\%_]/g, (c) => `\\${c}`);
  rawSqlite().prepare("delete from rate_limits where key like ? escape '\\'").run(`${like}%`);
}

/** The client's address as Express saw it (honours TRUST_PROXY), passed in a header by server/. */
export function clientIp(request: Request): string {
  return request.headers.get('x-nomi-client-ip') ?? 'unknown';
}
