import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/**
 * Which comment anchors the editor highlights. The `comment` mark stays in the text for every thread
 * (so a reopened thread finds its text again) but only open threads are highlighted; resolved ones
 * only when the member asks ("show resolved"). The statuses come from the comments panel.
 */
export interface CommentHighlightState {
  open: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
  showResolved: boolean;
}

interface PluginValue {
  config: CommentHighlightState;
  decorations: DecorationSet;
}

export const commentHighlightKey = new PluginKey<PluginValue>('commentHighlight');

const EMPTY: CommentHighlightState = { open: new Set(), resolved: new Set(), showResolved: false };

/** The class for a thread's anchor, or null when it is not highlighted. */
export function highlightClass(threadId: unknown, config: CommentHighlightState): string | null {
  if (typeof threadId !== 'string') return null;
  if (config.open.has(threadId)) return 'collab-comment-open';
  if (config.showResolved && config.resolved.has(threadId)) return 'collab-comment-resolved';
  return null;
}

function decorate(doc: PMNode, config: CommentHighlightState): DecorationSet {
  if (!config.open.size && !(config.showResolved && config.resolved.size)) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return;
    for (const mark of node.marks) {
      if (mark.type.name !== 'comment') continue;
      const cls = highlightClass(mark.attrs.threadId, config);
      if (cls) decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: cls }));
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** Sets which threads are open/resolved and whether resolved ones are shown. */
export function setCommentHighlight(tr: Transaction, config: CommentHighlightState): Transaction {
  return tr.setMeta(commentHighlightKey, config);
}

export const CommentHighlight = Extension.create({
  name: 'commentHighlight',
  addProseMirrorPlugins() {
    return [
      new Plugin<PluginValue>({
        key: commentHighlightKey,
        state: {
          init: (_, state) => ({ config: EMPTY, decorations: decorate(state.doc, EMPTY) }),
          apply: (tr, value, _old, state) => {
            const config = (tr.getMeta(commentHighlightKey) as CommentHighlightState | undefined) ?? value.config;
            if (config === value.config && !tr.docChanged) return value;
            return { config, decorations: decorate(state.doc, config) };
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});
