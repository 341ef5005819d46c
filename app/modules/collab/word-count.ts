/**
 * The ONE word counter: the editor (live counts) and the server (bid page, reminders, export) both call
 * it, on text extracted by `proseMirrorText` below, so the two always agree.
 *
 * Intl.Segmenter finds words in every script we serve (Arabic, Farsi with its zero-width non-joiner,
 * Urdu, Polish, Romanian diacritics). Parts joined without spaces by a hyphen, apostrophe or number
 * punctuation ("well-known", "don’t", "2026-05-03") count as one word; the segmenter itself keeps
 * numbers such as "1,000.50" whole.
 */
const JOINERS = new Set(['-', '\u2010', '\u2011', "'", '\u2019']);

let segmenter: Intl.Segmenter | null = null;

export function countWords(text: string): number {
  if (!text) return 0;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  let count = 0;
  // 'word' = last segment was word-like; 'joiner' = word then a joiner with no space; 'gap' otherwise.
  let previous: 'word' | 'joiner' | 'gap' = 'gap';
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike) {
      if (previous !== 'joiner') count += 1;
      previous = 'word';
    } else if (previous === 'word' && JOINERS.has(segment.segment)) {
      previous = 'joiner';
    } else {
      previous = 'gap';
    }
  }
  return count;
}

/** A ProseMirror JSON node, as stored in the document or produced by the editor. */
export interface ProseMirrorJSON {
  type?: string;
  text?: string;
  content?: ProseMirrorJSON[];
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/**
 * Plain text of a ProseMirror JSON tree: inline text runs joined as they are, every block (paragraph,
 * heading, list item, table cell) on its own line, hard breaks as line breaks.
 */
export function proseMirrorText(node: ProseMirrorJSON | null | undefined): string {
  const lines: string[] = [];
  let current = '';
  const walk = (n: ProseMirrorJSON) => {
    if (n.type === 'text') {
      current += n.text ?? '';
      return;
    }
    if (n.type === 'hardBreak') {
      current += '\n';
      return;
    }
    const children = n.content ?? [];
    const isTextBlock = children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak');
    if (isTextBlock || children.length === 0) {
      if (n.type !== 'doc') {
        children.forEach(walk);
        lines.push(current);
        current = '';
      }
      return;
    }
    children.forEach(walk);
  };
  if (node) walk(node);
  if (current) lines.push(current);
  return lines.join('\n').replace(/\n+$/, '');
}
