import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { documentForSubject, storeState } from '~/modules/collab/documents.server';
import '~/modules/collab/access-registry.server';
import { resolveOutline } from '~/modules/collab/access.server';
import { addPartner, addSection, createBid, deleteSectionWithText, listSections } from './bids.server';
import { sectionField } from './constants';
import { sectionTexts } from './document.server';
import { restorableSections, restoreDeletedSection } from './restore-section.server';

async function setup() {
  const lead = await makeMember({ name: 'Lead Person' });
  const id = await createBid(
    { title: 'Safe homes', funder: 'Fund', deadline: Date.now() + 86_400_000, amount: 100_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'blank' },
    lead,
    'en',
  );
  const bid = await db.selectFrom('bids').select(['id', 'document_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const first = await addSection(lead, id, { title: 'Summary', wordLimit: null });
  const s = await addSection(lead, id, { title: 'Budget notes', wordLimit: 250 });
  const doc = await documentForSubject('bid', id);
  const ydoc = new Y.Doc();
  for (const [sid, text] of [
    [first, 'Short summary'],
    [s, 'Our careful budget reasoning'],
  ] as const) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    ydoc.getXmlFragment(sectionField(sid)).insert(0, [p]);
  }
  await storeState(doc!.id, Y.encodeStateAsUpdate(ydoc), []);
  await deleteSectionWithText({ ...lead, locale: 'en' }, bid, s);
  const snapshot = await db
    .selectFrom('collab_snapshots')
    .select('id')
    .where('document_id', '=', bid.document_id!)
    .where('name', '=', 'Before deleting the section “Budget notes”')
    .executeTakeFirstOrThrow();
  return { id, bid, lead, first, s, snapshotId: snapshot.id, documentId: bid.document_id! };
}

const text = async (documentId: string, sectionId: string) => (await sectionTexts(documentId, [sectionId]))[0]!.text;

describe('restoring a deleted section from a saved version', () => {
  it('brings back the row (title, word limit, at the end) and its text, and records a version', async () => {
    const { id, lead, first, s, snapshotId, documentId } = await setup();
    expect(await listSections(id)).toHaveLength(1);
    expect(await restorableSections(id, [sectionField(s), sectionField(first)])).toEqual({ [sectionField(s)]: 'Budget notes' });

    const result = await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(s) }, { ...lead, locale: 'en' });
    expect(result).toEqual({ ok: true, sectionId: s, title: 'Budget notes' });
    const sections = await listSections(id);
    expect(sections.map((x) => [x.id, x.title, x.word_limit, x.position])).toEqual([
      [first, 'Summary', null, 1],
      [s, 'Budget notes', 250, 2],
    ]);
    expect(await text(documentId, s)).toBe('Our careful budget reasoning');
    expect(await text(documentId, first)).toBe('Short summary');
    expect((await resolveOutline('bid', id)).map((f) => f.heading)).toEqual(['Summary', 'Budget notes']);
    const names = await db.selectFrom('collab_snapshots').select('name').where('document_id', '=', documentId).execute();
    expect(names.map((n) => n.name)).toContain('Restored section “Budget notes”');
    // It is no longer offered, and a second restore does nothing.
    expect(await restorableSections(id, [sectionField(s)])).toEqual({});
    expect((await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(s) }, lead)).ok).toBe(false);
    expect(await listSections(id)).toHaveLength(2);
  });

  it('refuses reviewers and outsiders, and writes nothing', async () => {
    const { id, lead, s, snapshotId, documentId } = await setup();
    const reviewer = await makeMember({ name: 'Reviewer' });
    await addPartner(id, { userId: reviewer.id, role: 'reviewer', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Lead Person' });
    const outsider = await makeMember({ name: 'Outsider' });
    const before = await db.selectFrom('collab_snapshots').select('id').where('document_id', '=', documentId).execute();

    expect(await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(s) }, reviewer)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(s) }, outsider)).toEqual({ ok: false, reason: 'not_found' });
    expect(await listSections(id)).toHaveLength(1);
    expect(await text(documentId, s)).toBe('');
    expect(await db.selectFrom('collab_snapshots').select('id').where('document_id', '=', documentId).execute()).toHaveLength(before.length);
  });

  it('a partner can; another bid’s version or a field without text is refused with nothing half-written', async () => {
    const { id, lead, first, s, snapshotId } = await setup();
    const other = await setup();
    // Another bid's snapshot id does not work on this bid.
    expect((await restoreDeletedSection({ bidId: id, snapshotId: other.snapshotId, field: sectionField(s) }, lead)).ok).toBe(false);
    // A field that had no text in the version: the row is not left behind.
    const empty = await addSection(lead, id, { title: 'Empty', wordLimit: 10 });
    await deleteSectionWithText(lead, { id, document_id: (await documentForSubject('bid', id))!.id }, empty);
    expect((await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(empty) }, lead)).ok).toBe(false);
    expect((await listSections(id)).map((x) => x.id)).toEqual([first]);
    expect(await restorableSections(id, [sectionField(empty)])).toEqual({ [sectionField(empty)]: 'Empty' });
    // A live section is not "restored" again.
    expect((await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(first) }, lead)).ok).toBe(false);

    const partner = await makeMember({ name: 'Partner' });
    await addPartner(id, { userId: partner.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Lead Person' });
    expect((await restoreDeletedSection({ bidId: id, snapshotId, field: sectionField(s) }, partner)).ok).toBe(true);
  });
});
