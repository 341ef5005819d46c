import crossws from 'crossws/adapters/node';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>;
import { AWARENESS_WINDOW_MS, collabServer, flushCollab, MAX_MESSAGE_BYTES } from '../app/modules/collab/collab.server';
import { awarenessThrottle } from '../app/modules/collab/awareness-throttle';
import { registerUpgrade } from './upgrade';
import { onShutdown } from './shutdown';

/**
 * The collaboration websocket at /collab: Hocuspocus (bare class, see app/modules/collab/collab.server.ts)
 * behind the crossws Node adapter, as in Hocuspocus's own Express example. Frames over 1 MB are
 * refused by ws itself (close 1009) before any parsing.
 */
export function attachCollab() {
  const hocuspocus = collabServer();
  const connections = new WeakMap<object, { client: ClientConnection; throttle: ReturnType<typeof awarenessThrottle> }>();
  const end = (peer: object, code: number, reason: string) => {
    const entry = connections.get(peer);
    entry?.throttle.stop();
    entry?.client.handleClose({ code, reason });
    connections.delete(peer);
  };
  const ws = crossws({
    serverOptions: { maxPayload: MAX_MESSAGE_BYTES },
    hooks: {
      open(peer) {
        const client = hocuspocus.handleConnection(peer.websocket as unknown as WebSocketLike, peer.request as Request, {});
        // Caret moves (awareness) are collapsed per connection; see awareness-throttle.ts.
        const throttle = awarenessThrottle((data) => {
          try {
            client.handleMessage(data);
          } catch {
            peer.close(1007, 'Invalid frame payload data');
          }
        }, AWARENESS_WINDOW_MS);
        connections.set(peer, { client, throttle });
      },
      message(peer, message) {
        connections.get(peer)?.throttle.handle(message.uint8Array());
      },
      close(peer, event) {
        end(peer, event.code ?? 1000, event.reason ?? '');
      },
      error(peer) {
        end(peer, 1011, 'error');
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
