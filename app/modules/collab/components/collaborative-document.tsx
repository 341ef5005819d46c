import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { colourFor, initials, presentUsers, type PresentUser } from './presence';
import { FieldEditor } from './field-editor';
import { CommentsPanel, type PendingComment } from './comments-panel';

export interface CollaborativeDocumentProps {
  documentId: string;
  fields: Array<{ name: string; label: string; wordLimit: number | null }>;
  user: { id: string; name: string };
  access: 'edit' | 'comment' | 'read';
}

type Connection = 'connecting' | 'online' | 'offline' | 'denied';

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
  const [unsynced, setUnsynced] = useState(0);
  const [present, setPresent] = useState<PresentUser[]>([]);
  const [pending, setPending] = useState<PendingComment | null>(null);
  const colour = useMemo(() => colourFor(user.id), [user.id]);
  const online = useOnline();

  useEffect(() => {
    const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new HocuspocusProviderWebsocket({ url: `${protocol}//${window.location.host}/collab`, maxAttempts: 0, delay: 1000, minDelay: 500, maxDelay: 10_000 });
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentId,
      document: doc,
      // The server reads the session cookie; the token only has to be present.
      token: 'session-cookie',
      onSynced: ({ state }) => {
        if (state) setSynced(true);
      },
      onAuthenticationFailed: () => setConnection('denied'),
      onUnsyncedChanges: ({ number }) => setUnsynced(number),
      onAwarenessChange: ({ states }) => setPresent(presentUsers(states as Array<Record<string, unknown>>)),
    });
    provider.attach();
    provider.setAwarenessField('user', { id: user.id, name: user.name, color: colour });
    const onStatus = ({ status }: { status: WebSocketStatus }) => {
      setConnection((c) => (c === 'denied' ? c : status === WebSocketStatus.Connected ? 'online' : status === WebSocketStatus.Connecting ? 'connecting' : 'offline'));
    };
    socket.on('status', onStatus);
    setLive({ provider, socket, doc });
    return () => {
      socket.off('status', onStatus);
      setLive(null);
      setSynced(false);
      provider.destroy();
      socket.destroy();
      doc.destroy();
    };
  }, [documentId, user.id, user.name, colour]);

  const state: Connection | 'saving' | 'saved' =
    connection === 'denied' ? 'denied' : !online || connection === 'offline' ? 'offline' : connection === 'connecting' ? 'connecting' : unsynced > 0 ? 'saving' : 'saved';
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
      {access !== 'edit' ? <p className="meta">{access === 'comment' ? t('collab.access.comment') : t('collab.access.read')}</p> : null}
      {state === 'denied' ? (
        <p className="error" role="alert">
          {t('collab.status.deniedLong')}
        </p>
      ) : !live || !synced ? (
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
          />
        ))
      )}
      <CommentsPanel documentId={documentId} fields={fields} canComment={canComment} pending={pending} onPendingDone={() => setPending(null)} />
    </div>
  );
}

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

