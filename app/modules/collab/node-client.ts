import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

/**
 * A Hocuspocus client for Node (tests and bench): a `ws` WebSocket that sends the cookie and Origin a
 * browser would send.
 */
export function nodeClient(opts: { url: string; documentId: string; cookie?: string; origin?: string; doc?: Y.Doc; maxAttempts?: number }) {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin !== '') headers.origin = opts.origin ?? new URL(opts.url.replace(/^ws/, 'http')).origin;
  class Polyfill extends WebSocket {
    constructor(address: string) {
      super(address, { headers });
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url: opts.url, WebSocketPolyfill: Polyfill, maxAttempts: opts.maxAttempts ?? 1, delay: 1000, minDelay: 100, messageReconnectTimeout: 30_000 });
  const doc = opts.doc ?? new Y.Doc();
  const events: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: opts.documentId,
    document: doc,
    token: 'session-cookie',
    onAuthenticationFailed: ({ reason }) => events.push(`denied:${reason}`),
    onSynced: () => events.push('synced'),
    onClose: () => events.push('closed'),
  });
  provider.attach();
  return {
    provider,
    socket,
    doc,
    events,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

export function waitFor(check: () => boolean, timeoutMs = 5000, label = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${label}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}
