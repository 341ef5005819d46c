import type { ReactNode } from 'react';
import { isSafeHref } from '../extensions-safe';
import type { ProseMirrorJSON } from '../word-count';

/** Renders stored ProseMirror JSON read-only (history view, no-JS pages) without loading the editor. */
export function ProseMirrorView({ doc }: { doc: ProseMirrorJSON }) {
  return <div className="collab-readonly" dir="auto">{renderChildren(doc.content)}</div>;
}

function renderChildren(nodes: ProseMirrorJSON[] | undefined): ReactNode[] {
  return (nodes ?? []).map((n, i) => renderNode(n, i));
}

function renderText(n: ProseMirrorJSON, key: number): ReactNode {
  let out: ReactNode = n.text ?? '';
  for (const mark of n.marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'underline') out = <u>{out}</u>;
    else if (mark.type === 'strike') out = <s>{out}</s>;
    else if (mark.type === 'link' && isSafeHref(mark.attrs?.href)) {
      out = (
        <a href={mark.attrs.href as string} rel="noopener noreferrer nofollow">
          {out}
        </a>
      );
    }
  }
  return <span key={key}>{out}</span>;
}

function renderNode(n: ProseMirrorJSON, key: number): ReactNode {
  switch (n.type) {
    case 'text':
      return renderText(n, key);
    case 'hardBreak':
      return <br key={key} />;
    case 'paragraph':
      return <p key={key}>{renderChildren(n.content)}</p>;
    case 'heading': {
      const level = Math.min(Math.max(Number(n.attrs?.level ?? 2), 2), 4);
      const Tag = (['h3', 'h3', 'h3', 'h4', 'h5'] as const)[level]!;
      return <Tag key={key}>{renderChildren(n.content)}</Tag>;
    }
    case 'blockquote':
      return <blockquote key={key}>{renderChildren(n.content)}</blockquote>;
    case 'bulletList':
      return <ul key={key}>{renderChildren(n.content)}</ul>;
    case 'orderedList':
      return <ol key={key}>{renderChildren(n.content)}</ol>;
    case 'listItem':
      return <li key={key}>{renderChildren(n.content)}</li>;
    case 'table':
      return (
        <div key={key} className="table-wrap">
          <table>
            <tbody>{renderChildren(n.content)}</tbody>
          </table>
        </div>
      );
    case 'tableRow':
      return <tr key={key}>{renderChildren(n.content)}</tr>;
    case 'tableHeader':
      return <th key={key}>{renderChildren(n.content)}</th>;
    case 'tableCell':
      return <td key={key}>{renderChildren(n.content)}</td>;
    default:
      return <div key={key}>{renderChildren(n.content)}</div>;
  }
}
