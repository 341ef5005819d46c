import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import { localCopyName, pruneLocalCopies } from '../local-copies';
import { forgetOfflinePages } from '../offline-pages';
import { OfflineNote } from './offline-note';
import { colourFor, initials, presentUsers, type PresentUser } from './presence';
import { FieldEditor } from './field-editor';
import { CommentsPanel, type PendingComment } from './comments-panel';
import type { ThreadData } from './thread-list';
import type { CommentHighlightState } from '../comment-highlight';

export interface CollaborativeDocumentProps {
  documentId: string;
  fields: Array<{ name: string; label: string; wordLimit: number | null }>;
  user: { id: string; name: string };
  access: 'edit' | 'comment' | 'read';
}

type Connection = 'connecting' | 'online' | 'offline' | 'denied' | 'revoked';

interface Live {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
}

/**
 * The live co-editing document: presence, connection state, one editor per field with its word count,
 * and comments. Load it lazily and only in the browser (see the contract in access.server.ts).
 */
export default function CollaborativeDocument({ documentId, fields, user, access }: CollaborativeDocumentProps) {
  const { t } = useTranslation();
  const [live, setLive] = useState<Live | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [synced, setSynced] = useState(false);
  /** The local offline copy (IndexedDB) has loaded content: the editor can show it before the server answers. */
  const [localReady, setLocalReady] = useState(false);
  const [unsynced, setUnsynced] = useState(0);
  const [present, setPresent] = useState<PresentUser[]>([]);
  const [pending, setPending] = useState<PendingComment | null>(null);
  // Stable: the comments panel's effects depend on it.
  const clearPending = useCallback(() => setPending(null), []);
  const [threads, setThreads] = useState<ThreadData[]>([]);
  const [showResolved, setShowResolved] = useState(false);
  /** The section being edited: the only one showing a toolbar. None until the member goes into one. */
  const [activeField, setActiveField] = useState<string | null>(null);
  const highlight = useMemo<CommentHighlightState>(
    () => ({
      open: new Set(threads.filter((th) => th.status === 'open').map((th) => th.id)),
      resolved: new Set(threads.filter((th) => th.status === 'resolved').map((th) => th.id)),
      showResolved,
    }),
    [threads, showResolved],
  );
  const colour = useMemo(() => colourFor(user.id), [user.id]);
  const online = useOnline();
  /** When this phone last had everything in step with the server (kept in the local copy, so it survives a reload offline). */
  const [lastSynced, setLastSynced] = useState<number | null>(null);
  const localRef = useRef<IndexeddbPersistence | null>(null);

  useEffect(() => {
    const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new HocuspocusProviderWebsocket({ url: `${protocol}//${window.location.host}/collab`, maxAttempts: 0, delay: 1000, minDelay: 500, maxDelay: 10_000 });
    const doc = new Y.Doc();
    // Edits are also kept in this browser (per member and document), so that what was typed offline
    // survives closing the page and merges when the connection returns.
    let local: IndexeddbPersistence | null = null;
    try {
      local = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(localCopyName(user.id, documentId), doc);
    } catch {
      local = null; // private browsing modes may refuse IndexedDB: live editing still works
    }
    localRef.current = local;
    local?.whenSynced
      .then(async () => {
        if (doc.store.clients.size > 0) setLocalReady(true);
        const stamp: unknown = await local?.get(LAST_SYNCED_KEY);
        if (typeof stamp === 'number') setLastSynced((current) => current ?? stamp);
      })
      .catch(() => undefined);
    const forgetLocal = () => {
      const copy = local;
      local = null;
      localRef.current = null;
      void copy?.clearData();
      // The page the service worker kept for this bid goes too (issue 12.2).
      void forgetOfflinePages({ documentId });
    };
    void pruneLocalCopies(user.id, documentId);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentId,
      document: doc,
      // The server reads the session cookie; the token only has to be present.
      token: 'session-cookie',
      onSynced: ({ state }) => {
        if (state) setSynced(true);
      },
      onAuthenticationFailed: ({ reason }) => {
        // No (longer any) right to this document: keep nothing of it on this device. The server says
        // 'access-revoked' when it closed an open editor because access was just withdrawn.
        forgetLocal();
        setConnection(reason === 'access-revoked' ? 'revoked' : 'denied');
      },
      onUnsyncedChanges: ({ number }) => setUnsynced(number),
      onAwarenessChange: ({ states }) => setPresent(presentUsers(states as Array<Record<string, unknown>>)),
    });
    provider.attach();
    provider.setAwarenessField('user', { id: user.id, name: user.name, color: colour });
    const onStatus = ({ status }: { status: WebSocketStatus }) => {
      setConnection((c) => (c === 'denied' || c === 'revoked' ? c : status === WebSocketStatus.Connected ? 'online' : status === WebSocketStatus.Connecting ? 'connecting' : 'offline'));
    };
    socket.on('status', onStatus);
    // When the device says it is offline, stop using a socket that can no longer deliver (it would only
    // time out later); reconnect, and so merge what was typed meanwhile, when it is back.
    const goOffline = () => socket.disconnect();
    const goOnline = () => void socket.connect().catch(() => undefined);
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    setLive({ provider, socket, doc });
    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      socket.off('status', onStatus);
      setLive(null);
      setSynced(false);
      setLocalReady(false);
      localRef.current = null;
      void local?.destroy();
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
  }, [documentId, user.id, user.name, colour]);

  const state: Connection | 'saving' | 'saved' =
    connection === 'denied' || connection === 'revoked' ? connection : !online || connection === 'offline' ? 'offline' : connection === 'connecting' ? 'connecting' : unsynced > 0 ? 'saving' : 'saved';
  // In step with the server from now until the state changes (offline, saving…): remember the moment
  // it stops being so, and the moment the page is left while in step.
  useEffect(() => {
    if (state !== 'saved') return;
    const mark = () => {
      const now = Date.now();
      setLastSynced(now);
      void localRef.current?.set(LAST_SYNCED_KEY, now).catch(() => undefined);
    };
    mark();
    window.addEventListener('pagehide', mark);
    return () => {
      window.removeEventListener('pagehide', mark);
      mark();
    };
  }, [state]);
  const others = present.filter((p) => p.id !== user.id);
  const canComment = access === 'edit' || access === 'comment';

  return (
    <div className="collab-document">
      <div className="collab-bar">
        <div className="collab-presence">
          <h2 className="visually-hidden">{t('collab.presence.heading')}</h2>
          <ul className="collab-avatars" aria-label={t('collab.presence.label', { count: others.length + 1 })}>
            {[{ id: user.id, name: user.name, color: colour }, ...others].map((p) => (
              <li key={p.id} className="collab-avatar" style={{ backgroundColor: p.color }} title={p.name}>
                <span aria-hidden="true">{initials(p.name)}</span>
                <span className="visually-hidden">{p.id === user.id ? t('collab.presence.you', { name: p.name }) : p.name}</span>
              </li>
            ))}
          </ul>
        </div>
        <p className={`collab-status collab-status-${state}`} role="status" aria-live="polite" data-state={state}>
          {t(`collab.status.${state}`)}
        </p>
      </div>
      {state === 'offline' ? <OfflineNote lastSynced={lastSynced} /> : null}
      {access !== 'edit' ? <p className="meta">{access === 'comment' ? t('collab.access.comment') : t('collab.access.read')}</p> : null}
      {state === 'denied' || state === 'revoked' ? (
        <p className="error" role="alert" data-reason={state}>
          {t(state === 'revoked' ? 'collab.status.revokedLong' : 'collab.status.deniedLong')}
        </p>
      ) : !live || !(synced || localReady) ? (
        <p className="meta" aria-busy="true">
          {t('collab.loading')}
        </p>
      ) : (
        fields.map((field) => (
          <FieldEditor
            key={field.name}
            provider={live.provider}
            doc={live.doc}
            field={field}
            user={{ id: user.id, name: user.name, color: colour }}
            editable={access === 'edit'}
            canComment={canComment}
            onComment={setPending}
            highlight={highlight}
            active={activeField === field.name}
            onActivate={setActiveField}
          />
        ))
      )}
      <CommentsPanel
        documentId={documentId}
        fields={fields}
        canComment={canComment}
        pending={pending}
        onPendingDone={clearPending}
        onThreads={setThreads}
        showResolved={showResolved}
        onShowResolved={setShowResolved}
      />
    </div>
  );
}

const LAST_SYNCED_KEY = 'nomi:last-synced';

function subscribeOnline(callback: () => void) {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

