import { getSchema, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { CommentMark } from './comment-mark';
import { isSafeHref } from './extensions-safe';

export { isSafeHref };

/**
 * The document schema shared by the editor (which adds Collaboration and carets) and the server
 * (restore, seeding, export). Both must use the same list or content is dropped on the way.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      codeBlock: false,
      code: false,
      horizontalRule: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    CommentMark,
  ];
}

let schema: ReturnType<typeof getSchema> | null = null;
export function documentSchema() {
  schema ??= getSchema(documentExtensions());
  return schema;
}
