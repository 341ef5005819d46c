/** A bid's sections (the fields of its shared document): add, rename, reorder, delete. (Split out of bids.server.ts, which re-exports every part.) */
import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import type { Actor } from '~/policies';
import { authorizeBid } from './access.server';
import { sectionField } from './constants';
import { removeField } from '~/modules/collab/content.server';

export async function listSections(bidId: string) {
  return db.selectFrom('bid_sections').selectAll().where('bid_id', '=', bidId).orderBy('position').orderBy('created_at').execute();
}

export async function addSection(actor: Actor, bidId: string, input: { title: string; wordLimit: number | null }): Promise<string> {
  await authorizeBid(actor, bidId, 'bid.editSections');
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const max = await trx.selectFrom('bid_sections').select((eb) => eb.fn.max('position').as('p')).where('bid_id', '=', bidId).executeTakeFirst();
    await trx
      .insertInto('bid_sections')
      .values({ id, bid_id: bidId, title: input.title, word_limit: input.wordLimit, position: Number(max?.p ?? 0) + 1, created_at: Date.now() })
      .execute();
  });
  return id;
}

export async function updateSection(actor: Actor, bidId: string, sectionId: string, input: { title: string; wordLimit: number | null }): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.editSections');
  const r = await db.updateTable('bid_sections').set({ title: input.title, word_limit: input.wordLimit }).where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a section one place up or down (renumbering all, so positions stay 1..n). */
export async function moveSection(actor: Actor, bidId: string, sectionId: string, direction: 'up' | 'down'): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.editSections');
  return db.transaction().execute(async (trx) => {
    const sections = await trx.selectFrom('bid_sections').select('id').where('bid_id', '=', bidId).orderBy('position').orderBy('created_at').execute();
    const index = sections.findIndex((s) => s.id === sectionId);
    if (index < 0) return false;
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target >= 0 && target < sections.length) [sections[index], sections[target]] = [sections[target]!, sections[index]!];
    let position = 0;
    for (const s of sections) await trx.updateTable('bid_sections').set({ position: ++position }).where('id', '=', s.id).execute();
    return true;
  });
}

export async function deleteSection(actor: Actor, bidId: string, sectionId: string): Promise<boolean> {
  await authorizeBid(actor, bidId, 'bid.editSections');
  return removeSectionRow(bidId, sectionId);
}

function removeSectionRow(bidId: string, sectionId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('bid_sections').select(['title', 'word_limit']).where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
    if (!row) return false;
    const r = await trx.deleteFrom('bid_sections').where('id', '=', sectionId).where('bid_id', '=', bidId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    // Kept so the section can be brought back from a saved version (history page).
    await trx
      .insertInto('bid_deleted_sections')
      .values({ section_id: sectionId, bid_id: bidId, title: row.title, word_limit: row.word_limit, deleted_at: Date.now() })
      .onConflict((oc) => oc.column('section_id').doUpdateSet({ title: row.title, word_limit: row.word_limit, deleted_at: Date.now() }))
      .execute();
    return true;
  });
}

/**
 * Deletes a section and then its text. The row goes first: if that fails, the section and its text
 * are both still there. Only then does the text leave the shared document, after a named version
 * ("Before deleting the section …") is saved that keeps it in the history. Returns false when the
 * section is not this bid's (nothing is touched then).
 */
export async function deleteSectionWithText(
  actor: Actor & { locale?: string | null },
  bid: { id: string; document_id: string | null },
  sectionId: string,
): Promise<boolean> {
  await authorizeBid(actor, bid.id, 'bid.editSections');
  const section = await db.selectFrom('bid_sections').select(['id', 'title']).where('id', '=', sectionId).where('bid_id', '=', bid.id).executeTakeFirst();
  if (!section) return false;
  if (!(await removeSectionRow(bid.id, section.id))) return false;
  if (bid.document_id) await removeField(bid.document_id, sectionField(section.id), { userId: actor.id, locale: actor.locale, label: section.title });
  return true;
}
