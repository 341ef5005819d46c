import * as decoding from 'lib0/decoding';

/** Hocuspocus message type of awareness (presence and carets) updates. */
const AWARENESS = 1;

/** The document name of an awareness message, or null for any other message (or one that does not parse). */
export function awarenessDocument(message: Uint8Array): string | null {
  try {
    const decoder = decoding.createDecoder(message);
    const name = decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === AWARENESS ? name : null;
  } catch {
    return null;
  }
}

/**
 * Per connection: passes on at most one awareness message per document every `windowMs`. The first
 * goes at once; later ones within the window are collapsed to the latest, which goes when the window
 * ends. An awareness message carries the sender's whole state, so the latest replaces the ones in
 * between and presence ends up exact. Every caret move (each keystroke) is an awareness message that
 * the server decodes (Hocuspocus builds a scratch Y.Doc for each) and sends to everyone in the
 * document: with many people typing, a large share of the server's work per keystroke.
 * Other messages pass straight through, unchanged and in order.
 */
export function awarenessThrottle(deliver: (message: Uint8Array) => void, windowMs: number) {
  const windows = new Map<string, { timer: ReturnType<typeof setTimeout>; latest: Uint8Array | null }>();
  const open = (name: string) => {
    const entry = {
      latest: null as Uint8Array | null,
      timer: setTimeout(() => {
        const latest = entry.latest;
        windows.delete(name);
        if (latest) {
          deliver(latest);
          open(name);
        }
      }, windowMs),
    };
    windows.set(name, entry);
  };
  return {
    handle(message: Uint8Array) {
      const name = awarenessDocument(message);
      if (name === null) return deliver(message);
      const current = windows.get(name);
      if (current) {
        current.latest = message.slice();
        return;
      }
      deliver(message);
      open(name);
    },
    /** The connection closed: drop what is pending. */
    stop() {
      for (const entry of windows.values()) clearTimeout(entry.timer);
      windows.clear();
    },
  };
}
