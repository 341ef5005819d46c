import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import type * as Y from 'yjs';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as YJS from 'yjs';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { documentExtensions, isSafeHref } from '../extensions';
import { CommentHighlight, setCommentHighlight, type CommentHighlightState } from '../comment-highlight';
import { countWords, proseMirrorText } from '../word-count';
import type { PendingComment } from './comments-panel';
import { FieldToolbar } from './field-toolbar';

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
  /** This is the section being edited: only it shows the toolbar (one row on a phone, issue 13.8). */
  active: boolean;
  /** The member moved into this section (focus, a tap, or a selection in its text). */
  onActivate: (field: string) => void;
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

/** One field of the document: toolbar (while active), editor and its live word count. Mounted after the first sync. */
export function FieldEditor({ provider, doc, field, user, editable, canComment, onComment, highlight, active, onActivate }: FieldEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [words, setWords] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkValue, setLinkValue] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const [noSelection, setNoSelection] = useState(false);
  const linkInput = useRef<HTMLInputElement>(null);

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
          // Read-only text can still be reached by keyboard, which makes its section the active one.
          ...(editable ? {} : { 'aria-readonly': 'true', tabindex: '0' }),
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

  useEffect(() => {
    // A reviewer's text is not editable and may never take focus: selecting in it (to comment) also
    // makes this the active section.
    if (!editor) return;
    const onSelection = () => {
      const selection = document.getSelection();
      if (selection && !selection.isCollapsed && selection.anchorNode && editor.view.dom.contains(selection.anchorNode)) onActivate(field.name);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [editor, field.name, onActivate]);

  useEffect(() => {
    // Leaving the section leaves its link form and hints behind.
    if (!active) {
      setLinkOpen(false);
      setNoSelection(false);
    }
  }, [active]);

  useEffect(() => {
    if (linkOpen) linkInput.current?.focus();
  }, [linkOpen]);

  const over = field.wordLimit !== null && words > field.wordLimit;
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

  const cancelLink = () => {
    setLinkOpen(false);
    editor?.commands.focus();
  };

  const openLink = () => {
    setLinkValue((editor?.getAttributes('link').href as string | undefined) ?? '');
    setLinkError(null);
    setLinkOpen(true);
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

  return (
    <section
      className={`collab-field${over ? ' collab-field-over' : ''}${active ? ' collab-field-active' : ''}`}
      aria-labelledby={`${id}-label`}
      onFocus={() => onActivate(field.name)}
      onPointerDown={() => onActivate(field.name)}
    >
      <h3 id={`${id}-label`} className="collab-field-label" dir="auto">
        {field.label}
      </h3>
      {active && (editable || canComment) ? (
        <FieldToolbar editor={editor} fieldLabel={field.label} editable={editable} canComment={canComment} onLink={openLink} onComment={startComment} />
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
            ref={linkInput}
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
                e.preventDefault();
                cancelLink();
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
          <button type="button" className="button button--secondary" onClick={cancelLink}>
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
