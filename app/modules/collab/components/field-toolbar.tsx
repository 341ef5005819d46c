import type { KeyboardEvent } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from '~/modules/i18n/react';
import { OverflowMenu, type MenuItem } from './overflow-menu';
import { BoldIcon, BulletListIcon, CommentIcon, ItalicIcon, MoreIcon, NumberedListIcon } from './toolbar-icons';

const FORMATTING_MARKS = ['bold', 'italic', 'underline', 'strike', 'link'] as const;

export interface FieldToolbarProps {
  editor: Editor | null;
  fieldLabel: string;
  editable: boolean;
  canComment: boolean;
  /** Opens the link form (the editor keeps the address field and its errors). */
  onLink: () => void;
  onComment: () => void;
}

/**
 * The one toolbar of the section being edited (issue 13.8). A single row on a 360 px phone: the
 * commands members use most (bold, italic, the two lists, comment) as buttons, everything else
 * (headings, link, tables, clearing formatting, undo/redo for phones without Ctrl+Z) in "More".
 */
/**
 * Arrow keys move between the toolbar's buttons as screen readers announce a toolbar to work (in the
 * reading direction: ArrowLeft goes forward in right-to-left pages); Tab still visits each button.
 */
function moveAlongToolbar(event: KeyboardEvent<HTMLDivElement>) {
  const target = event.target as HTMLElement;
  // Keys inside the open More menu are the menu's own.
  if (!target.classList.contains('collab-tool')) return;
  const tools = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.collab-tool:not(:disabled)'));
  const at = tools.indexOf(target);
  const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key as 'ArrowRight' | 'ArrowLeft'];
  const to = step !== undefined ? at + step : event.key === 'Home' ? 0 : event.key === 'End' ? tools.length - 1 : null;
  if (to === null || at < 0) return;
  event.preventDefault();
  tools[(to + tools.length) % tools.length]?.focus();
}

export function FieldToolbar({ editor, fieldLabel, editable, canComment, onLink, onComment }: FieldToolbarProps) {
  const { t } = useTranslation();
  const state = useEditorState({
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
            table: e.isActive('table'),
            canUndo: e.can().undo(),
            canRedo: e.can().redo(),
          }
        : null,
  });

  const run = (fn: (e: Editor) => void) => () => {
    if (editor) fn(editor);
  };

  const tool = (label: string, icon: JSX.Element, onClick: () => void, pressed?: boolean) => (
    <button
      type="button"
      className="collab-tool"
      aria-label={label}
      title={label}
      aria-pressed={pressed === undefined ? undefined : pressed}
      // Keep the editor's selection: a mouse press would otherwise move focus and lose it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      disabled={!editor}
    >
      {icon}
    </button>
  );

  const tableItems: MenuItem[] = state?.table
    ? [
        { key: 'addRow', label: t('collab.toolbar.addRow'), onSelect: run((e) => e.chain().focus().addRowAfter().run()), group: true },
        { key: 'addColumn', label: t('collab.toolbar.addColumn'), onSelect: run((e) => e.chain().focus().addColumnAfter().run()) },
        { key: 'deleteRow', label: t('collab.toolbar.deleteRow'), onSelect: run((e) => e.chain().focus().deleteRow().run()) },
        { key: 'deleteColumn', label: t('collab.toolbar.deleteColumn'), onSelect: run((e) => e.chain().focus().deleteColumn().run()) },
        { key: 'deleteTable', label: t('collab.toolbar.deleteTable'), onSelect: run((e) => e.chain().focus().deleteTable().run()) },
      ]
    : [{ key: 'table', label: t('collab.toolbar.table'), onSelect: run((e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()), group: true }];

  const more: MenuItem[] = [
    { key: 'h2', label: t('collab.toolbar.heading2'), checked: state?.h2 ?? false, onSelect: run((e) => e.chain().focus().toggleHeading({ level: 2 }).run()) },
    { key: 'h3', label: t('collab.toolbar.heading3'), checked: state?.h3 ?? false, onSelect: run((e) => e.chain().focus().toggleHeading({ level: 3 }).run()) },
    { key: 'link', label: t('collab.toolbar.link'), onSelect: onLink },
    ...tableItems,
    {
      key: 'clear',
      label: t('collab.toolbar.clearFormatting'),
      // Formatting only: comment anchors are marks too, and must survive.
      onSelect: run((e) => {
        const chain = e.chain().focus();
        for (const mark of FORMATTING_MARKS) chain.unsetMark(mark);
        chain.clearNodes().run();
      }),
      group: true,
    },
    { key: 'undo', label: t('collab.toolbar.undo'), disabled: !state?.canUndo, onSelect: run((e) => e.chain().focus().undo().run()), group: true },
    { key: 'redo', label: t('collab.toolbar.redo'), disabled: !state?.canRedo, onSelect: run((e) => e.chain().focus().redo().run()) },
  ];

  return (
    <div className="collab-toolbar" role="toolbar" aria-label={t('collab.toolbar.label', { field: fieldLabel })} onKeyDown={moveAlongToolbar}>
      {editable ? (
        <>
          {tool(t('collab.toolbar.bold'), <BoldIcon />, run((e) => e.chain().focus().toggleBold().run()), state?.bold ?? false)}
          {tool(t('collab.toolbar.italic'), <ItalicIcon />, run((e) => e.chain().focus().toggleItalic().run()), state?.italic ?? false)}
          {tool(t('collab.toolbar.bulletList'), <BulletListIcon />, run((e) => e.chain().focus().toggleBulletList().run()), state?.bullet ?? false)}
          {tool(t('collab.toolbar.orderedList'), <NumberedListIcon />, run((e) => e.chain().focus().toggleOrderedList().run()), state?.ordered ?? false)}
        </>
      ) : null}
      {canComment ? tool(t('collab.toolbar.comment'), <CommentIcon />, onComment) : null}
      {editable ? <OverflowMenu label={t('collab.toolbar.more')} icon={<MoreIcon />} items={more} disabled={!editor} /> : null}
    </div>
  );
}
