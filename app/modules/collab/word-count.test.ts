import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { countWords, proseMirrorText, type ProseMirrorJSON } from './word-count';
import { documentSchema } from './extensions';
import { fieldJSON } from './documents.server';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['Our project helps new arrivals', 5],
    ['well-known community-led project', 3],
    ["don't stop, it’s fine", 4],
    ['We need £12,500.50 for 2026-05-03', 5],
    ['Zażółć gęślą jaźń', 3],
    ['Știință și învățământ pentru toți', 5],
    ['مشروعنا يساعد الوافدين الجدد', 4],
    ['می‌خواهیم به خانواده‌ها کمک کنیم', 5],
    ['ہمارا منصوبہ نئے آنے والوں کی مدد کرتا ہے', 9],
    ['one — two – three', 3],
    ['Hello\nworld', 2],
    ['٣٫٥ كيلو', 2],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});

describe('editor and server agree', () => {
  const content: ProseMirrorJSON = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Who benefits' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Families in ' }, { type: 'text', marks: [{ type: 'bold' }], text: 'Coventry' }, { type: 'text', text: '-based groups' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'second' }] }] }] },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Item' }] }] }, { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cost' }] }] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Venue' }] }] }, { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '£300' }] }] }] },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'سلام' }, { type: 'hardBreak' }, { type: 'text', text: 'dzień dobry' }] },
    ],
  };

  it('counts the same words from the editor JSON and from the stored Yjs state', () => {
    // What the editor counts: its own document JSON (editor.getJSON()).
    const editorDoc = PMNode.fromJSON(documentSchema(), content);
    const editorCount = countWords(proseMirrorText(editorDoc.toJSON() as ProseMirrorJSON));
    // What the server counts: the Y.XmlFragment the editor's binding writes, read back on the server.
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(documentSchema(), content, doc.getXmlFragment('section-1'));
    const update = Y.encodeStateAsUpdate(doc);
    const server = new Y.Doc();
    Y.applyUpdate(server, update);
    const serverText = proseMirrorText(fieldJSON(server, 'section-1'));
    expect(countWords(serverText)).toBe(editorCount);
    expect(editorCount).toBe(15);
    // Table cells and blocks never run together.
    expect(serverText.split('\n')).toContain('Item');
    expect(serverText).toContain('Families in Coventry-based groups');
  });
});
