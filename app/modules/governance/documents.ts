/** The CIC documents governance keeps as collaborative documents (kind 'governance'), and their fields. */
export const GOVERNANCE_DOCUMENTS = {
  community_interest_statement: ['community', 'activities', 'benefit', 'surplus'],
  articles: ['articles', 'asset_lock', 'members'],
  cic34: ['activities', 'consultation', 'figures', 'directors_pay', 'assets'],
} as const;

export type GovernanceDocumentKey = keyof typeof GOVERNANCE_DOCUMENTS;

export function isGovernanceDocument(key: string): key is GovernanceDocumentKey {
  return Object.prototype.hasOwnProperty.call(GOVERNANCE_DOCUMENTS, key);
}

/** CIC step → the document that settles it. */
export const STEP_DOCUMENTS: Record<string, GovernanceDocumentKey> = {
  community_interest_statement: 'community_interest_statement',
  draft_articles: 'articles',
  first_year_reporting: 'cic34',
};
