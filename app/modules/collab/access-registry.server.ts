/**
 * One line per area that owns collaborative documents, importing the module that calls
 * registerDocumentAccess / registerDocumentOutline / registerDocumentMembers for its kind, e.g.
 *   import '~/modules/bids/collab-access.server';
 * or importing its resolver and registering it here:
 *   import { bidDocumentAccess } from '~/modules/bids/collab-access.server';
 *   registerDocumentAccess('bid', bidDocumentAccess);
 * Imported by the websocket server (server/collab.ts) and by every collab route, so both apply the
 * same rules.
 */
import '~/modules/bids/collab-access.server';
import '~/modules/governance/collab-access.server';

export {};
