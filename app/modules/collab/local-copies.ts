/**
 * Local (IndexedDB) copies of collaborative documents, kept by y-indexeddb so that edits made while
 * offline survive closing or reloading the page and merge when the connection returns. Browser only.
 *
 * Privacy (shared phones): one database per member and document (`nomi-collab:<userId>:<documentId>`);
 * sign-out clears all of them (the logout response sends `Clear-Site-Data: "storage"`); a refused
 * connection clears that document's copy; opening any document drops other members' copies and the
 * copies of documents this member can no longer open.
 */
import { forgetOfflinePages } from './offline-pages';

export const LOCAL_COPY_PREFIX = 'nomi-collab:';

export function localCopyName(userId: string, documentId: string): string {
  return `${LOCAL_COPY_PREFIX}${userId}:${documentId}`;
}

export function parseLocalCopyName(name: string): { userId: string; documentId: string } | null {
  if (!name.startsWith(LOCAL_COPY_PREFIX)) return null;
  const [userId, documentId, ...rest] = name.slice(LOCAL_COPY_PREFIX.length).split(':');
  if (!userId || !documentId || rest.length) return null;
  return { userId, documentId };
}

export function deleteLocalCopy(name: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}

/**
 * Removes copies that must not stay on this device: other members' (a shared phone after a session
 * ended without signing out) and documents this member can no longer open (asked of the server:
 * GET /documents/<id>/access answers 204 or 404). The service worker's kept bid pages follow the same
 * rules (offline-pages.ts).
 */
export async function pruneLocalCopies(userId: string, currentDocumentId: string): Promise<void> {
  await forgetOfflinePages({ exceptMember: userId });
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  let names: string[];
  try {
    names = (await indexedDB.databases()).map((d) => d.name ?? '');
  } catch {
    return;
  }
  for (const name of names) {
    const parsed = parseLocalCopyName(name);
    if (!parsed) continue;
    if (parsed.userId !== userId) {
      await deleteLocalCopy(name);
      continue;
    }
    if (parsed.documentId === currentDocumentId) continue;
    try {
      const response = await fetch(`/documents/${encodeURIComponent(parsed.documentId)}/access`, { credentials: 'same-origin', redirect: 'manual' });
      if (response.status === 404) {
        await deleteLocalCopy(name);
        await forgetOfflinePages({ documentId: parsed.documentId });
      }
    } catch {
      // Offline: try again next time.
    }
  }
}
