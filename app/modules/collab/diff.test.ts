import { describe, expect, it } from 'vitest';
import { diffText } from './diff';

const join = (parts: ReturnType<typeof diffText>, keep: 'added' | 'removed') => parts.filter((p) => p.kind === 'same' || p.kind === keep).map((p) => p.text).join('');

describe('diffText', () => {
  it('marks changed words and keeps the rest', () => {
    const parts = diffText('We will train ten tenants', 'We will train twelve tenants');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['ten']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['twelve']);
  });

  it('rebuilds both texts exactly, whitespace and right-to-left text included', () => {
    const before = 'سنقوم بتدريب\nعشرة مستأجرين  في برمنغهام';
    const after = 'سنقوم بتدريب\nاثني عشر مستأجرا في برمنغهام\n';
    const parts = diffText(before, after);
    expect(join(parts, 'removed')).toBe(before);
    expect(join(parts, 'added')).toBe(after);
  });

  it('handles empty and equal texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
    expect(diffText('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
  });

  it('gives up word by word on two long, wholly different texts, still rebuilding both', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`).join(' ');
    const parts = diffText(a, b);
    expect(join(parts, 'removed')).toBe(a);
    expect(join(parts, 'added')).toBe(b);
  });
});
