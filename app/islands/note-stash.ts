/**
 * The note in a form's file input, kept in this browser while the form is being sent, so it can be put
 * back when the server sends the form back with an error (browser only; used by the recorder island).
 *
 * With the app client a form was sent by fetch and the recorder kept its recording; an island's page is
 * sent by the browser, and a new page has an empty file input: a newcomer who recorded three minutes and
 * forgot their name had to record again. The note is kept in IndexedDB (a Blob, a few megabytes) only
 * for this, and briefly: it is removed when read, when the form is sent without a note, on any page of
 * the form not sent back with an error (a fresh visit, the "sent" page), and ignored after 30 minutes —
 * a shared phone must not keep one person's voice for the next.
 */
const DB = 'nomi-islands';
const STORE = 'notes';
const MAX_AGE_MS = 30 * 60_000;

interface Kept {
  file: File;
  at: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest | null): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result as T | undefined);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

/** Keeps the note; resolves once it is written (or could not be: private mode, quota). */
export async function keepNote(key: string, file: File): Promise<void> {
  try {
    await run('readwrite', (store) => store.put({ file, at: Date.now() } satisfies Kept, key));
  } catch {
    // Not kept: the form is sent all the same, as before.
  }
}

/** The kept note (removing it), when it is recent enough. */
export async function takeNote(key: string): Promise<File | null> {
  try {
    const kept = await run<Kept>('readonly', (store) => store.get(key));
    await forgetNote(key);
    return kept && kept.file instanceof Blob && Date.now() - kept.at < MAX_AGE_MS ? kept.file : null;
  } catch {
    return null;
  }
}

/** Removes every kept note (a page of the form that is not sent back with an error). */
export async function forgetNotes(): Promise<void> {
  try {
    await run('readwrite', (store) => store.clear());
  } catch {
    // Nothing kept, or storage refused: nothing to remove.
  }
}

export async function forgetNote(key: string): Promise<void> {
  try {
    await run('readwrite', (store) => store.delete(key));
  } catch {
    // Nothing kept, or storage refused: nothing to remove.
  }
}
