import * as Y from 'yjs';
import { db } from '~db/connection';
import { fixedT } from '~/modules/i18n/i18next.server';
import { currentState } from '~/modules/collab/documents.server';
import { restoreFieldFromSnapshot } from '~/modules/collab/history.server';
import { takeSnapshot } from '~/modules/collab/snapshots.server';
import { bidRole } from './access.server';
import { can, type Actor } from '~/policies';
import { sectionField } from './constants';

const FIELD = /^section-([A-Za-z0-9_-]{1,40})$/;

/** The section id behind a document field name, or null. */
export function sectionIdOf(field: string): string | null {
  return FIELD.exec(field)?.[1] ?? null;
}

/**
 * Of the given fields (those a saved version holds that are no longer in the outline), the ones
 * that were this bid's sections and can be brought back, with the title they had.
 */
export async function restorableSections(bidId: string, fields: string[]): Promise<Record<string, string | null>> {
  const ids = fields.map(sectionIdOf).filter((id): id is string => !!id);
  if (!ids.length) return {};
  const [live, deleted] = await Promise.all([
    db.selectFrom('bid_sections').select('id').where('id', 'in', ids).execute(),
    db.selectFrom('bid_deleted_sections').select(['section_id', 'title']).where('bid_id', '=', bidId).where('section_id', 'in', ids).execute(),
  ]);
  const liveIds = new Set(live.map((r) => r.id));
  const titles = new Map(deleted.map((r) => [r.section_id, r.title]));
  const out: Record<string, string | null> = {};
  for (const id of ids) if (!liveIds.has(id)) out[sectionField(id)] = titles.get(id) ?? null;
  return out;
}

export type RestoreSectionResult = { ok: true; sectionId: string; title: string } | { ok: false; reason: 'forbidden' | 'not_found' };

/**
 * Brings a deleted section back from a saved version, as one action: the section row again (same id,
 * so the document field matches; its title and word limit; placed at the end), then that version's
 * text written into the live document through the same path a restore uses (connected editors receive
 * it), then a named version "Restored section …". Only leads and partners may; if writing the text
 * fails, the row is taken away again.
 */
export async function restoreDeletedSection(
  input: { bidId: string; snapshotId: string; field: string },
  actor: Actor & { locale?: string | null },
): Promise<RestoreSectionResult> {
  const role = await bidRole(input.bidId, actor.id);
  if (!role) return { ok: false, reason: 'not_found' };
  if (!can(actor, 'bid.restoreVersion', { role })) return { ok: false, reason: 'forbidden' };
  const sectionId = sectionIdOf(input.field);
  if (!sectionId) return { ok: false, reason: 'not_found' };
  const bid = await db.selectFrom('bids').select(['id', 'document_id']).where('id', '=', input.bidId).executeTakeFirst();
  if (!bid?.document_id) return { ok: false, reason: 'not_found' };
  const documentId = bid.document_id;
  const snapshot = await db.selectFrom('collab_snapshots').select('id').where('id', '=', input.snapshotId).where('document_id', '=', documentId).executeTakeFirst();
  if (!snapshot) return { ok: false, reason: 'not_found' };
  const t = await fixedT(actor.locale);

  const title = await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('bid_sections').select('id').where('id', '=', sectionId).executeTakeFirst();
    if (exists) return null;
    const kept = await trx.selectFrom('bid_deleted_sections').selectAll().where('section_id', '=', sectionId).where('bid_id', '=', bid.id).executeTakeFirst();
    const max = await trx.selectFrom('bid_sections').select((eb) => eb.fn.max('position').as('p')).where('bid_id', '=', bid.id).executeTakeFirst();
    const sectionTitle = kept?.title ?? t('collab.history.deletedField');
    await trx
      .insertInto('bid_sections')
      .values({ id: sectionId, bid_id: bid.id, title: sectionTitle, word_limit: kept?.word_limit ?? null, position: Number(max?.p ?? 0) + 1, created_at: Date.now() })
      .execute();
    await trx.deleteFrom('bid_deleted_sections').where('section_id', '=', sectionId).execute();
    return sectionTitle;
  });
  if (title == null) return { ok: false, reason: 'not_found' };

  let written = false;
  try {
    written = await restoreFieldFromSnapshot(documentId, snapshot.id, input.field, actor.id);
  } finally {
    if (!written) {
      // Nothing to bring back (or the write failed): undo the row so nothing is half-done.
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('bid_sections').select(['title', 'word_limit']).where('id', '=', sectionId).executeTakeFirst();
        await trx.deleteFrom('bid_sections').where('id', '=', sectionId).execute();
        if (row) await trx.insertInto('bid_deleted_sections').values({ section_id: sectionId, bid_id: bid.id, title: row.title, word_limit: row.word_limit, deleted_at: Date.now() }).execute();
      });
    }
  }
  if (!written) return { ok: false, reason: 'not_found' };
  const after = await currentState(documentId);
  await takeSnapshot(documentId, after ?? Y.encodeStateAsUpdate(new Y.Doc()), { reason: 'named', name: t('collab.history.restoredSection', { title }), userId: actor.id });
  return { ok: true, sectionId, title };
}
