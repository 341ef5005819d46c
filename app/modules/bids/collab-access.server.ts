import { db } from '~db/connection';
import {
  registerDocumentAccess,
  registerDocumentCover,
  registerDocumentLink,
  registerDocumentMembers,
  registerDocumentOutline,
  type DocumentAccess,
} from '~/modules/collab/access.server';
import { bidMemberIds, bidRole } from './access.server';
import { sectionField } from './constants';
import { bidExportCover } from './export-cover.server';

/**
 * The bids area's rules for its collaborative documents (kind 'bid', subject = bid id): leads and
 * partners edit, reviewers comment, nobody else gets anything — stewards included.
 */
export async function bidDocumentAccess(bidId: string, userId: string): Promise<DocumentAccess | null> {
  const role = await bidRole(bidId, userId);
  if (role === 'lead' || role === 'partner') return 'edit';
  if (role === 'reviewer') return 'comment';
  return null;
}

/** The document's fields in section order, with the section titles as headings (export, history). */
export async function bidDocumentOutline(bidId: string): Promise<Array<{ name: string; heading: string }>> {
  const sections = await db
    .selectFrom('bid_sections')
    .select(['id', 'title'])
    .where('bid_id', '=', bidId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return sections.map((s) => ({ name: sectionField(s.id), heading: s.title }));
}

registerDocumentAccess('bid', bidDocumentAccess);
registerDocumentOutline('bid', bidDocumentOutline);
registerDocumentMembers('bid', bidMemberIds);
registerDocumentLink('bid', async (bidId) => `/bids/${bidId}`);
registerDocumentCover('bid', bidExportCover);
