import { useEffect, useId, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import type * as Y from 'yjs';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as YJS from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { documentExtensions, isSafeHref } from '../extensions';
import { CommentHighlight, setCommentHighlight, type CommentHighlightState } from '../comment-highlight';
import { countWords, proseMirrorText } from '../word-count';
import type { PendingComment } from './comments-panel';

export interface FieldEditorProps {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  field: { name: string; label: string; wordLimit: number | null };
  user: { id: string; name: string; color: string };
  editable: boolean;
  canComment: boolean;
  onComment: (pending: PendingComment) => void;
  /** Which comment threads are highlighted in the text (open ones; resolved ones on request). */
  highlight: CommentHighlightState;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  bytes.forEach((b) => (s += String.fromCharCode(b)));
  return btoa(s);
}

/** The selection as Yjs relative positions, which keep pointing at the same text through edits. */
function selectionAnchor(editor: Editor): { from: string; to: string; quote: string } | null {
  let { from, to } = editor.state.selection;
  const dom = window.getSelection();
  if (from === to && dom && !dom.isCollapsed && dom.anchorNode && dom.focusNode && editor.view.dom.contains(dom.anchorNode) && editor.view.dom.contains(dom.focusNode)) {
    // Read-only editors do not always move their own selection: read the browser's.
    const a = editor.view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const b = editor.view.posAtDOM(dom.focusNode, dom.focusOffset);
    from = Math.min(a, b);
    to = Math.max(a, b);
  }
  if (from === to) return null;
  const sync = ySyncPluginKey.getState(editor.state) as { type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } } | undefined;
  if (!sync) return null;
  const start = absolutePositionToRelativePosition(from, sync.type, sync.binding.mapping as never) as YJS.RelativePosition;
  const end = absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping as never) as YJS.RelativePosition;
  return {
    from: toBase64(YJS.encodeRelativePosition(start)),
    to: toBase64(YJS.encodeRelativePosition(end)),
    quote: editor.state.doc.textBetween(from, to, '\n', '\n').slice(0, 500),
  };
}

/** One field of the document: toolbar, editor and its live word count. Mounted after the first sync. */
export function FieldEditor({ provider, doc, field, user, editable, canComment, onComment, highlight }: FieldEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [words, setWords] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkValue, setLinkValue] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const [noSelection, setNoSelection] = useState(false);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...documentExtensions(),
        Collaboration.configure({ document: doc, field: field.name }),
        CollaborationCaret.configure({ provider, user: { id: user.id, name: user.name, color: user.color } }),
        CommentHighlight,
      ],
      editorProps: {
        attributes: {
          'aria-labelledby': `${id}-label`,
          'aria-describedby': `${id}-count`,
          'aria-multiline': 'true',
          role: 'textbox',
          ...(editable ? {} : { 'aria-readonly': 'true' }),
          class: 'collab-editor-content',
          dir: 'auto',
        },
      },
      onCreate: ({ editor }) => setWords(countWords(proseMirrorText(editor.getJSON()))),
      onUpdate: ({ editor }) => setWords(countWords(proseMirrorText(editor.getJSON()))),
    },
    [provider, doc, field.name, editable],
  );

  useEffect(() => {
    // Keep the caret label current if the name changes.
    editor?.commands.updateUser?.({ id: user.id, name: user.name, color: user.color });
  }, [editor, user.id, user.name, user.color]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(setCommentHighlight(editor.state.tr, highlight));
  }, [editor, highlight]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            h2: e.isActive('heading', { level: 2 }),
            h3: e.isActive('heading', { level: 3 }),
            bullet: e.isActive('bulletList'),
            ordered: e.isActive('orderedList'),
            link: e.isActive('link'),
            table: e.isActive('table'),
          }
        : null,
  });

  const over = field.wordLimit !== null && words > field.wordLimit;
  const run = (fn: (e: Editor) => void) => () => {
    if (editor) fn(editor);
  };

  const applyLink = () => {
    if (!editor) return;
    const value = linkValue.trim();
    if (!value) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      setLinkOpen(false);
      return;
    }
    const href = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    if (!isSafeHref(href) || value.length > 2000) {
      setLinkError(t('collab.toolbar.linkInvalid'));
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    setLinkOpen(false);
    setLinkError(null);
  };

  const startComment = () => {
    if (!editor) return;
    const anchor = selectionAnchor(editor);
    if (!anchor) {
      setNoSelection(true);
      return;
    }
    setNoSelection(false);
    onComment({ field: field.name, fieldLabel: field.label, ...anchor });
  };

  const button = (label: string, onClick: () => void, pressed?: boolean) => (
    <button
      type="button"
      className="collab-tool"
      aria-pressed={pressed === undefined ? undefined : pressed}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      disabled={!editor}
    >
      {label}
    </button>
  );

  return (
    <section className={`collab-field${over ? ' collab-field-over' : ''}`} aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`} className="collab-field-label" dir="auto">
        {field.label}
      </h3>
      {editable || canComment ? (
        <div className="collab-toolbar" role="toolbar" aria-label={t('collab.toolbar.label', { field: field.label })}>
          {editable ? (
            <>
              {button(t('collab.toolbar.bold'), run((e) => e.chain().focus().toggleBold().run()), active?.bold ?? false)}
              {button(t('collab.toolbar.italic'), run((e) => e.chain().focus().toggleItalic().run()), active?.italic ?? false)}
              {button(t('collab.toolbar.heading2'), run((e) => e.chain().focus().toggleHeading({ level: 2 }).run()), active?.h2 ?? false)}
              {button(t('collab.toolbar.heading3'), run((e) => e.chain().focus().toggleHeading({ level: 3 }).run()), active?.h3 ?? false)}
              {button(t('collab.toolbar.bulletList'), run((e) => e.chain().focus().toggleBulletList().run()), active?.bullet ?? false)}
              {button(t('collab.toolbar.orderedList'), run((e) => e.chain().focus().toggleOrderedList().run()), active?.ordered ?? false)}
              {button(
                t('collab.toolbar.link'),
                () => {
                  setLinkValue((editor?.getAttributes('link').href as string | undefined) ?? '');
                  setLinkError(null);
                  setLinkOpen((o) => !o);
                },
                active?.link ?? false,
              )}
              {active?.table ? (
                <>
                  {button(t('collab.toolbar.addRow'), run((e) => e.chain().focus().addRowAfter().run()))}
                  {button(t('collab.toolbar.addColumn'), run((e) => e.chain().focus().addColumnAfter().run()))}
                  {button(t('collab.toolbar.deleteRow'), run((e) => e.chain().focus().deleteRow().run()))}
                  {button(t('collab.toolbar.deleteColumn'), run((e) => e.chain().focus().deleteColumn().run()))}
                  {button(t('collab.toolbar.deleteTable'), run((e) => e.chain().focus().deleteTable().run()))}
                </>
              ) : (
                button(t('collab.toolbar.table'), run((e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()))
              )}
            </>
          ) : null}
          {canComment ? button(t('collab.toolbar.comment'), startComment) : null}
        </div>
      ) : null}
      {noSelection ? (
        <p className="meta" role="alert">
          {t('collab.comments.selectFirst')}
        </p>
      ) : null}
      {linkOpen ? (
        <div className="collab-link-form">
          <label htmlFor={`${id}-link`}>{t('collab.toolbar.linkLabel')}</label>
          <input
            id={`${id}-link`}
            type="url"
            inputMode="url"
            maxLength={2000}
            value={linkValue}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? `${id}-link-error` : undefined}
            onChange={(e) => setLinkValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyLink();
              } else if (e.key === 'Escape') {
                setLinkOpen(false);
              }
            }}
          />
          {linkError ? (
            <p id={`${id}-link-error`} className="field__error">
              {linkError}
            </p>
          ) : null}
          <button type="button" className="button" onClick={applyLink}>
            {t('collab.toolbar.linkApply')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setLinkOpen(false)}>
            {t('collab.toolbar.linkCancel')}
          </button>
        </div>
      ) : null}
      <div className="collab-editor" data-field={field.name}>
        <EditorContent editor={editor} />
      </div>
      <p className="visually-hidden" aria-live="assertive">
        {over ? t('collab.words.overAnnounce', { field: field.label }) : ''}
      </p>
      <p id={`${id}-count`} className={`collab-count${over ? ' collab-count-over' : ''}`} data-words={words}>
        {field.wordLimit !== null
          ? over
            ? t('collab.words.over', { count: words, limit: field.wordLimit, excess: words - field.wordLimit })
            : t('collab.words.ofLimit', { count: words, limit: field.wordLimit })
          : t('collab.words.count', { count: words })}
      </p>
    </section>
  );
}
