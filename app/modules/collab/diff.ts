/**
 * A word diff for "compare to current": common words are kept, removed and added runs are marked.
 * The `diff` package (Myers' O(ND) algorithm) does the work; its edit-length cap bounds the work on
 * very different long texts, where we fall back to "all removed, all added".
 */
import { diffWordsWithSpace } from 'diff';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Myers' work grows with (length of both texts) × (number of edits): capping the edits at a budget over
 * the length keeps the worst case near the old table's bound (4 million cells), whatever the input.
 */
const WORK_BUDGET = 4_000_000;
const countTokens = (text: string) => text.split(/\s+/u).length * 2;

/** Differences from `before` to `after`. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const maxEditLength = Math.max(64, Math.floor(WORK_BUDGET / (countTokens(before) + countTokens(after))));
  const changes = diffWordsWithSpace(before, after, { maxEditLength });
  if (!changes) {
    return [
      ...(before ? [{ kind: 'removed' as const, text: before }] : []),
      ...(after ? [{ kind: 'added' as const, text: after }] : []),
    ];
  }
  const out: DiffPart[] = [];
  for (const c of changes) {
    const kind: DiffPart['kind'] = c.added ? 'added' : c.removed ? 'removed' : 'same';
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += c.value;
    else if (c.value) out.push({ kind, text: c.value });
  }
  return out;
}
