import { createDocument, fieldText } from '~/modules/collab/documents.server';
import { countWords } from '~/modules/collab/word-count';
import { sectionField } from './constants';

/** The bids area's use of the collaboration module: one document per bid, one field per section. */
export async function createBidDocument(bidId: string, title: string): Promise<string> {
  return createDocument({ kind: 'bid', subjectId: bidId, title });
}

export interface SectionText {
  id: string;
  text: string;
  words: number;
}

/** Each section's current plain text and word count, computed by the same function the editor uses. */
export async function sectionTexts(documentId: string | null, sectionIds: string[]): Promise<SectionText[]> {
  const out: SectionText[] = [];
  for (const id of sectionIds) {
    const text = documentId ? await fieldText(documentId, sectionField(id)) : '';
    out.push({ id, text, words: countWords(text) });
  }
  return out;
}
