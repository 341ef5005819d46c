import crossws from 'crossws/adapters/node';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>;
import { collabServer, flushCollab, MAX_MESSAGE_BYTES } from '../app/modules/collab/collab.server';
import { registerUpgrade } from './upgrade';
import { onShutdown } from './shutdown';

/**
 * The collaboration websocket at /collab: Hocuspocus (bare class, see app/modules/collab/collab.server.ts)
 * behind the crossws Node adapter, as in Hocuspocus's own Express example. Frames over 1 MB are
 * refused by ws itself (close 1009) before any parsing.
 */
export function attachCollab() {
  const hocuspocus = collabServer();
  const connections = new WeakMap<object, ClientConnection>();
  const ws = crossws({
    serverOptions: { maxPayload: MAX_MESSAGE_BYTES },
    hooks: {
      open(peer) {
        connections.set(peer, hocuspocus.handleConnection(peer.websocket as unknown as WebSocketLike, peer.request as Request, {}));
      },
      message(peer, message) {
        try {
          connections.get(peer)?.handleMessage(message.uint8Array());
        } catch {
          peer.close(1007, 'Invalid frame payload data');
        }
      },
      close(peer, event) {
        connections.get(peer)?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
        connections.delete(peer);
      },
      error(peer) {
        connections.get(peer)?.handleClose({ code: 1011, reason: 'error' });
        connections.delete(peer);
      },
    },
  });

  registerUpgrade('/collab', (req, socket, head) => {
    void ws.handleUpgrade(req, socket, head).catch(() => socket.destroy());
  });

  onShutdown(async () => {
    await flushCollab();
    ws.closeAll(1001, 'Server restarting');
  });
}
