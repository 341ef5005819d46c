import { db } from '~db/connection';
import { registerDocumentAccess, registerDocumentLink, registerDocumentMembers, registerDocumentOutline, type DocumentAccess } from '~/modules/collab/access.server';
import { GOVERNANCE_DOCUMENTS, isGovernanceDocument } from './documents';

/** English headings for export (the page shows translated labels). */
const HEADINGS: Record<string, string> = {
  'community_interest_statement.community': 'Who the community is',
  'community_interest_statement.activities': 'What the company will do',
  'community_interest_statement.benefit': 'How the community will benefit',
  'community_interest_statement.surplus': 'What happens to any surplus',
  'articles.articles': 'Articles of association',
  'articles.asset_lock': 'Asset lock',
  'articles.members': 'Members and voting',
  'cic34.activities': 'A general account of the company\'s activities and their impact',
  'cic34.consultation': 'Consultation with stakeholders',
  'cic34.figures': 'Figures from the network\'s records',
  'cic34.directors_pay': 'Directors\' remuneration',
  'cic34.assets': 'Transfers of assets other than for full consideration',
};

/**
 * Governance documents (kind 'governance', subject = document key): voting members (active, not
 * ceased) edit; other signed-in accounts read; unknown subjects are closed.
 */
export async function governanceDocumentAccess(subjectId: string, userId: string): Promise<DocumentAccess | null> {
  if (!isGovernanceDocument(subjectId)) return null;
  const u = await db.selectFrom('users').select(['status', 'ceased_at']).where('id', '=', userId).executeTakeFirst();
  if (!u || u.status !== 'active') return null;
  return u.ceased_at === null ? 'edit' : 'read';
}

export async function governanceDocumentOutline(subjectId: string): Promise<Array<{ name: string; heading: string }>> {
  if (!isGovernanceDocument(subjectId)) return [];
  return GOVERNANCE_DOCUMENTS[subjectId].map((f) => ({ name: f, heading: HEADINGS[`${subjectId}.${f}`] ?? f }));
}

/** Who hears about comments: stewards and serving directors (not every member). */
export async function governanceDocumentMembers(): Promise<string[]> {
  const now = Date.now();
  const stewards = await db.selectFrom('users').select('id').where('role', '=', 'steward').where('status', '=', 'active').execute();
  const directors = await db.selectFrom('governance_directors').select('user_id').where('ceased_at', 'is', null).where('term_end', '>', now).execute();
  return [...new Set([...stewards.map((s) => s.id), ...directors.map((d) => d.user_id)])];
}

registerDocumentAccess('governance', governanceDocumentAccess);
registerDocumentOutline('governance', governanceDocumentOutline);
registerDocumentMembers('governance', governanceDocumentMembers);
registerDocumentLink('governance', async (subjectId) => `/governance/documents/${subjectId}`);
