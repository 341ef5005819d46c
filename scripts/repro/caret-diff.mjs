// Reproduces the "space moves to the end, two words glued" oddity seen when two partners type at the
// same end of a paragraph (issue 12). Run: node scripts/repro/caret-diff.mjs
//
// @tiptap/y-tiptap (a fork of y-prosemirror) turns each editor change into Yjs operations in
// updateYText: it diffs the Y text against the editor's text with lib0's simpleDiff, which takes the
// longest common prefix and knows nothing of the caret. Typing a space just before a partner's " there"
// is ambiguous ("Hello there" -> "Hello  there"): the diff puts the new space after the partner's
// space, so in the CRDT it hangs off the partner's text and concurrent typing carries it away.
// The same loop with lib0's simpleDiffStringWithCursor (the caret disambiguates) never breaks a word.
// Carets are Yjs relative positions with assoc -1, as y-tiptap 3.0.9 keeps them. Report and reasoning:
// docs/upstream/y-tiptap-cursorless-diff.md
import * as Y from 'yjs';
import { simpleDiff, simpleDiffStringWithCursor } from 'lib0/diff';

function client(clientID) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = doc.getText('t');
  let caret = null;
  return {
    doc,
    text,
    placeAtEnd() {
      caret = Y.createRelativePositionFromTypeIndex(text, text.length, -1);
    },
    type(ch, diff) {
      const at = Y.createAbsolutePositionFromRelativePosition(caret, doc).index;
      const before = text.toString();
      const after = before.slice(0, at) + ch + before.slice(at);
      // The caret before the keystroke: where the change starts.
      const { index, remove, insert } = diff(before, after, at);
      text.delete(index, remove);
      text.insert(index, insert);
      caret = Y.createRelativePositionFromTypeIndex(text, at + 1, -1);
    },
  };
}

function run(seed, diff) {
  let r = seed;
  const rand = () => (r = (r * 1103515245 + 12345) % 2147483648) / 2147483648;
  const a = client(1);
  const b = client(2);
  a.text.insert(0, 'Hello');
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  a.placeAtEnd();
  b.placeAtEnd();
  const wordA = [...' world'];
  const wordB = [...' there'];
  const sync = () => {
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
  };
  while (wordA.length || wordB.length) {
    if (wordA.length && rand() < 0.5) a.type(wordA.shift(), diff);
    else if (wordB.length) b.type(wordB.shift(), diff);
    if (rand() < 0.4) sync();
  }
  sync();
  return a.text.toString();
}

const variants = {
  'simpleDiff (as y-tiptap updateYText)': (before, after) => simpleDiff(before, after),
  'simpleDiffStringWithCursor': (before, after, cursor) => simpleDiffStringWithCursor(before, after, cursor),
};
for (const [name, diff] of Object.entries(variants)) {
  const broken = [];
  for (let seed = 1; seed <= 200; seed++) {
    const out = run(seed, diff);
    if (!out.includes(' world') || !out.includes(' there')) broken.push(out);
  }
  console.log(`${name}: words broken in ${broken.length} of 200 interleavings`, [...new Set(broken)].slice(0, 3));
}
