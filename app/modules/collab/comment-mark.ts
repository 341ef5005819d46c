import { Mark, mergeAttributes } from '@tiptap/core';

/**
 * Anchors a comment thread to text: the mark travels with the text through every edit around it.
 * Added on the server only (commenters have read-only sockets), see comments.server.ts.
 */
export const CommentMark = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',
  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-thread-id'),
        renderHTML: (attrs: { threadId?: string | null }) => (attrs.threadId ? { 'data-thread-id': attrs.threadId } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'mark[data-thread-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['mark', mergeAttributes(HTMLAttributes, { class: 'collab-comment-anchor' }), 0];
  },
});
