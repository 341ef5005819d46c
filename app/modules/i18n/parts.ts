import { NAV_AREAS } from '~/modules/navigation';

/**
 * Per-page catalogues (docs/decisions/0004-per-page-catalogues.md).
 *
 * A page ships only the parts of its language's catalogue that it shows. A "part" is a dotted path into
 * the one 'translation' namespace: a whole area (`'directory'`) or a subtree of one
 * (`'directory.themes'`, `'bids.nav'`). This file is the central map from a URL to its parts; it is
 * shared by the server (what to embed and render with) and the browser (what to fetch before a
 * client-side navigation renders). test/i18n.test.ts checks it against the keys each route's modules
 * name, so adding a key from another area to a page without adding it here fails a test.
 */

/**
 * On every page: common texts, the menu labels of every area, and the (small) upload problems that
 * any form with a file field may show next to it.
 */
export const SHELL_PARTS: readonly string[] = ['common', 'uploads', ...NAV_AREAS.map((a) => a.label).filter((k) => !k.startsWith('common.'))];

/**
 * Areas that have notification kinds. Listed here rather than derived from notifications/kinds.ts so the
 * kinds list stays out of every page's JavaScript; test/i18n.test.ts checks the two agree.
 */
export const NOTIFICATION_AREAS: readonly string[] = ['bids', 'collab', 'directory', 'governance', 'membership', 'mentoring', 'notices', 'funding'];

/** Every kind's `<area>.notifications` subtree (the notifications page and email preferences show them all). */
export const NOTIFICATION_PARTS: readonly string[] = NOTIFICATION_AREAS.map((a) => `${a}.notifications`);

/** Directory lists that other areas show (themes and tags on bids and notices, reasons on matches). */
const DIRECTORY_SHARED = ['directory.themes', 'directory.tags', 'directory.legalForms', 'directory.visibility', 'directory.reasons'];

/** First path segment → parts the pages under it need (besides the shell). */
const BY_SEGMENT: Record<string, readonly string[]> = {
  '': ['home', 'mentoring.dashboard', 'governance.dashboard', 'governance.govvote'],
  admin: ['admin', 'membership', 'auth.fields', 'notices.moderation', 'notices.detail', 'directory'],
  // 'collab': the live document editor (loaded lazily on the bid page) and its comments.
  bids: ['bids', 'collab', ...DIRECTORY_SHARED],
  conversations: ['directory'],
  // Seed fund: its own texts, directory themes, and the membership area's voice-note recorder.
  funds: ['funding', 'membership.join', ...DIRECTORY_SHARED],
  documents: ['collab'],
  // 'funding.evidence': the seed fund's grants in the CIC34 figures.
  governance: ['governance', 'collab', 'funding.evidence'],
  invitations: ['membership', 'auth.fields'],
  invite: ['membership', 'auth'],
  join: ['membership', 'auth.fields'],
  login: ['auth'],
  members: ['directory'],
  mentoring: ['mentoring'],
  notices: ['notices', 'bids.bidders', ...DIRECTORY_SHARED],
  notifications: ['notifications', ...NOTIFICATION_PARTS],
  orgs: ['directory'],
  projects: ['directory'],
  'reset-password': ['auth'],
  settings: ['settings', 'auth', 'directory', ...NOTIFICATION_PARTS],
  setup: ['auth'],
  unsubscribe: ['notices.unsubscribe'],
};

/** Drops duplicates and parts already inside another listed part; sorted, so equal sets compare equal. */
export function normalizeParts(parts: Iterable<string>): string[] {
  const unique = [...new Set(parts)].sort();
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(`${q}.`)));
}

/** The parts the page at `pathname` needs, shell included. */
export function partsForPath(pathname: string): string[] {
  const segment = pathname.replace(/^\/+/, '').split('/')[0] ?? '';
  return normalizeParts([...SHELL_PARTS, ...(BY_SEGMENT[segment] ?? [])]);
}

/** The part holding a message key shown outside its page's area (a flash after a redirect): its parent. */
export function partForKey(key: string): string | null {
  const dot = key.lastIndexOf('.');
  return dot > 0 ? key.slice(0, dot) : null;
}

/** True when `part` is `loaded` or inside one of the loaded parts. */
export function covers(loaded: Iterable<string>, part: string): boolean {
  for (const l of loaded) if (part === l || part.startsWith(`${l}.`)) return true;
  return false;
}

export type Tree = { [key: string]: string | Tree };

/** The subtree (or text) at a dotted path, or undefined. */
export function pick(tree: Tree, part: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const k of part.split('.')) {
    // Own keys only: `constructor` or `toString` must not reach inherited functions.
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, k)) return undefined;
    node = node[k];
  }
  return typeof node === 'string' || (node && typeof node === 'object') ? node : undefined;
}

/** Builds a nested tree from `{ 'a.b': subtree, c: subtree }`. */
export function nest(parts: Record<string, string | Tree>): Tree {
  const out: Tree = {};
  for (const [part, value] of Object.entries(parts)) {
    const keys = part.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      node = next && typeof next === 'object' ? next : (node[k] = {});
    }
    const last = keys.at(-1)!;
    const existing = node[last];
    node[last] = existing && typeof existing === 'object' && typeof value === 'object' ? { ...existing, ...value } : value;
  }
  return out;
}
