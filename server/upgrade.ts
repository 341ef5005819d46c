import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * WebSocket upgrades by path. `/collab` is reserved for the collaboration server; until a handler
 * registers, upgrades there are refused cleanly.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const handlers = new Map<string, UpgradeHandler>();

export function registerUpgrade(path: string, handler: UpgradeHandler) {
  handlers.set(path, handler);
}

export function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
  const path = (req.url ?? '/').split('?')[0]!;
  const base = '/' + (path.split('/')[1] ?? '');
  const handler = handlers.get(path) ?? handlers.get(base);
  if (!handler) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  handler(req, socket, head);
}
