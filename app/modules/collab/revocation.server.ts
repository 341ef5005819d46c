import * as encoding from 'lib0/encoding';
import { userFromCookieHeader } from '~/modules/auth/session.server';
import { db } from '~db/connection';
import { can } from '~/policies';
import { documentAccess } from './documents.server';

/**
 * Revocation at once (issues 11.3 and 12.4). When someone's access may have changed — partner removed,
 * organisation left, member suspended or deleted, bid archived — the module that changed it calls
 * `accessChanged(...)` after its write. Every open websocket connection it may affect is at once made
 * read-only (updates arriving from now on are refused), then re-checked through the same rules as
 * `onAuthenticate`; connections that lost access are told why (a permission-denied message with reason
 * `access-revoked`, so the page wipes its local copy and says so) and closed. Those that keep access get
 * their right back. The 30-second re-check in collab.server.ts stays only as a safety net.
 *
 * In-process only: this works because one server owns the database (server/db-lock.ts); a
 * multi-instance deployment would need to broadcast these calls.
 */
export interface AccessChange {
  /** Only this member's connections (e.g. suspended, deleted, left an organisation). */
  userId?: string;
  /** Only connections to these documents. */
  documentIds?: string[];
  /** Only connections to the document of this subject (e.g. kind 'bid', subjectId = bid id). */
  kind?: string;
  subjectId?: string;
}

export const REVOKED_REASON = 'access-revoked';
export const REVOKED_CLOSE_CODE = 4403;

interface LiveConnection {
  readOnly: boolean;
  context: { userId?: string; access?: 'edit' | 'comment' | 'read'; checkedAt?: number; revoked?: boolean };
  request?: { headers?: Headers };
  messageAddress: string;
  webSocket: { send: (data: Uint8Array) => void; close: (code?: number, reason?: string) => void };
  close: (event?: { code?: number; reason?: string }) => void;
}
interface LiveDocument {
  name: string;
  getConnections: () => LiveConnection[];
}

// The Hocuspocus instance lives on globalThis (collab.server.ts); read it from there so this module
// does not import the server (and so can be imported by any area's module without a cycle).
function openDocuments(): LiveDocument[] {
  const g = globalThis as unknown as { __nomiCollab?: { documents: Map<string, LiveDocument> } };
  return g.__nomiCollab ? [...g.__nomiCollab.documents.values()] : [];
}

/** The Hocuspocus auth message "permission denied" with a reason, addressed to one connection. */
function permissionDenied(address: string, reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, 2); // MessageType.Auth
  encoding.writeVarUint(encoder, 1); // AuthMessageType.PermissionDenied
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Tells the client why and closes its connection to this document. */
export function revokeConnection(connection: LiveConnection): void {
  connection.readOnly = true;
  connection.context.revoked = true;
  try {
    connection.webSocket.send(permissionDenied(connection.messageAddress, REVOKED_REASON));
  } catch {
    /* already gone */
  }
  connection.close({ code: REVOKED_CLOSE_CODE, reason: REVOKED_REASON });
  setTimeout(() => {
    try {
      connection.webSocket.close(REVOKED_CLOSE_CODE, REVOKED_REASON);
    } catch {
      /* already closed */
    }
  }, 50);
}

/**
 * Re-checks the open connections the change may affect; resolves when each has been closed or
 * confirmed. Safe to call when nothing is open (it does nothing), and never throws.
 */
export async function accessChanged(change: AccessChange): Promise<void> {
  try {
    let documentIds = change.documentIds ? new Set(change.documentIds) : null;
    if (change.kind && change.subjectId) {
      const rows = await db.selectFrom('collab_documents').select('id').where('kind', '=', change.kind).where('subject_id', '=', change.subjectId).execute();
      documentIds = new Set([...(documentIds ?? []), ...rows.map((r) => r.id)]);
    }
    const affected: Array<{ document: LiveDocument; connection: LiveConnection }> = [];
    for (const document of openDocuments()) {
      if (documentIds && !documentIds.has(document.name)) continue;
      for (const connection of document.getConnections()) {
        if (change.userId && connection.context.userId !== change.userId) continue;
        // Refuse updates from this instant until the re-check below has answered.
        affected.push({ document, connection });
        connection.readOnly = true;
      }
    }
    await Promise.all(
      affected.map(async ({ document, connection }) => {
        const userId = connection.context.userId;
        let access: Awaited<ReturnType<typeof documentAccess>> = null;
        try {
          const user = await userFromCookieHeader(connection.request?.headers?.get('cookie') ?? null);
          const found = user && user.id === userId ? await documentAccess(document.name, user.id) : null;
          access = user && can(user, 'document.read', { access: found }) ? found : null;
        } catch {
          access = null; // when in doubt, close: the page reconnects and authenticates afresh
        }
        if (!access) {
          revokeConnection(connection);
          return;
        }
        connection.context.access = access;
        connection.context.checkedAt = Date.now();
        connection.readOnly = !can({ id: userId!, role: 'member' }, 'document.write', { access });
      }),
    );
  } catch {
    // A failure here must not undo the change that called us; the periodic re-check still runs.
  }
}
