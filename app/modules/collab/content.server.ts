import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { db } from '~db/connection';
import { changeDocument } from './collab.server';
import { createThread } from './comments.server';
import { currentState, docFromState, fieldJSON } from './documents.server';
import { takeSnapshot } from './snapshots.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { documentSchema } from './extensions';
import { proseMirrorText, type ProseMirrorJSON } from './word-count';

/**
 * Server-side writing, for templates and demo data: never seed content on the client. Plain strings
 * become one paragraph per line.
 */
export function asDoc(content: ProseMirrorJSON | string): ProseMirrorJSON {
  if (typeof content !== 'string') return content;
  const lines = content.split('\n').filter((l) => l.trim());
  return { type: 'doc', content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

/** Replaces the content of the given fields (e.g. `section-<id>`). */
export async function setFieldsContent(documentId: string, fields: Record<string, ProseMirrorJSON | string>, userId?: string): Promise<void> {
  await changeDocument(
    documentId,
    (doc) => {
      for (const [field, content] of Object.entries(fields)) {
        const fragment = doc.getXmlFragment(field);
        fragment.delete(0, fragment.length);
        prosemirrorJSONToYXmlFragment(documentSchema(), asDoc(content), fragment);
      }
    },
    { userId },
  );
  if (userId) await db.updateTable('collab_documents').set({ last_editors: JSON.stringify([userId]) }).where('id', '=', documentId).execute();
}

/** Starts a comment thread on the first occurrence of `quote` in a field (demo data). Returns null if not found. */
export async function commentOnText(input: { documentId: string; field: string; quote: string; body: string; userId: string; userName: string }): Promise<string | null> {
  const doc = docFromState(await currentState(input.documentId));
  try {
    const stack: Array<Y.XmlFragment | Y.XmlElement> = [doc.getXmlFragment(input.field)];
    while (stack.length) {
      const node = stack.shift()!;
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlElement) stack.push(child);
        else if (child instanceof Y.XmlText) {
          // XmlText.toString() renders marks as tags; use the plain delta text instead.
          const plain = child.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('');
          const index = plain.indexOf(input.quote);
          if (index < 0) continue;
          const enc = (i: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(child, i))).toString('base64');
          return createThread({ ...input, from: enc(index), to: enc(index + input.quote.length) });
        }
      }
    }
    return null;
  } finally {
    doc.destroy();
  }
}

/**
 * A field was removed from its document (a deleted bid section). Its content is deleted from the
 * Y.Doc itself, so no client reading the raw document (or its stored state) can recover it; the
 * server's document garbage-collects deleted content. When the field had text, the document is first
 * saved as a named version ("Before deleting the section “…”", in the member's language) that the
 * history page shows and from which the text can be copied back.
 */
export async function removeField(documentId: string, field: string, options: { userId: string; locale?: string | null; label: string }): Promise<{ snapshotId: string | null }> {
  const state = await currentState(documentId);
  let snapshotId: string | null = null;
  if (state) {
    const doc = docFromState(state);
    try {
      const hasText = proseMirrorText(fieldJSON(doc, field)).trim().length > 0;
      if (hasText) {
        const t = await fixedT(options.locale);
        snapshotId = await takeSnapshot(documentId, state, { reason: 'named', name: t('collab.history.beforeDeleteSection', { title: options.label }), userId: options.userId });
      }
    } finally {
      doc.destroy();
    }
  }
  await changeDocument(
    documentId,
    (doc) => {
      const fragment = doc.getXmlFragment(field);
      if (fragment.length) fragment.delete(0, fragment.length);
    },
    { userId: options.userId },
  );
  return { snapshotId };
}
