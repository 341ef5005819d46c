import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * docs/governance-rules.md as blocks a page can render. The document is the one source for "how was
 * this counted?": the page shows the same text reviewers read in the repository. Only the subset of
 * Markdown that file uses is understood (headings with {#anchor}, paragraphs, bullet lists, **bold**,
 * *italic*, `code`); everything is rendered as text by React, never as HTML.
 */
export type Inline = { text: string; style?: 'strong' | 'em' | 'code' };
export type Block = { type: 'h2'; id: string; inline: Inline[] } | { type: 'p'; inline: Inline[] } | { type: 'ul'; items: Inline[][] };

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`(.+?)`|\*(.+?)\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ text: m[1], style: 'strong' });
    else if (m[2] !== undefined) out.push({ text: m[2], style: 'code' });
    else out.push({ text: m[3]!, style: 'em' });
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

export function parseRulesDoc(md: string): { title: string; blocks: Block[] } {
  let title = '';
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ type: 'p', inline: parseInline(para.join(' ')) });
    para = [];
    if (list) blocks.push({ type: 'ul', items: list.map(parseInline) });
    list = null;
  };
  for (const raw of md.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('# ')) {
      flush();
      title = line.slice(2);
    } else if (line.startsWith('## ')) {
      flush();
      const m = /^## (.*?)(?:\s*\{#([\w-]+)\})?$/.exec(line)!;
      blocks.push({ type: 'h2', id: m[2] ?? m[1]!.toLowerCase().replace(/\W+/g, '-'), inline: parseInline(m[1]!) });
    } else if (line.startsWith('- ')) {
      if (para.length) flush();
      list ??= [];
      list.push(line.slice(2));
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s+/.test(raw)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return { title, blocks };
}

let cached: { title: string; blocks: Block[] } | null = null;

export function rulesDoc(): { title: string; blocks: Block[] } {
  if (!cached || process.env.NODE_ENV !== 'production') cached = parseRulesDoc(readFileSync(path.join(process.cwd(), 'docs/governance-rules.md'), 'utf8'));
  return cached;
}
