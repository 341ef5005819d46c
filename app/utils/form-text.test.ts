import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text } from './validation';
import { parseWithZod } from './parse-with-zod.server';
import { withLf } from './form-text';

/**
 * A browser counts a textarea's line break as one character for maxlength but submits it as CR LF
 * when it sends the form itself (no JavaScript): HTML, "textarea: API value" (LF) and the form
 * submission's newline normalisation (CR LF). Checked in Chromium by e2e/governance.spec.ts.
 */
describe('form text with LF line breaks, then the schema', () => {
  const schema = z.object({ body: text(10) });

  it('accepts a text the box allowed: 10 characters with line breaks, sent as CR LF', () => {
    const form = new FormData();
    form.set('body', 'ab\r\ncd\r\nefgh'); // 10 in the box, 12 as sent
    const r = parseWithZod(withLf(form), { schema });
    expect(r.status).toBe('success');
    expect(r.status === 'success' && r.value.body).toBe('ab\ncd\nefgh');
  });

  it('still refuses a text longer than the box allows', () => {
    const form = new FormData();
    form.set('body', 'ab\r\ncd\r\nefghi');
    expect(parseWithZod(withLf(form), { schema }).status).toBe('error');
  });

  it('keeps files and repeated fields as they were', () => {
    const form = new FormData();
    form.append('tag', 'a\rb');
    form.append('tag', 'c');
    form.append('file', new File(['x\r\ny'], 'note.txt'));
    const r = parseWithZod(withLf(form), { schema: z.object({ tag: z.array(z.string()), file: z.instanceof(File) }) });
    expect(r.status).toBe('success');
    if (r.status !== 'success') return;
    expect(r.value.tag).toEqual(['a\nb', 'c']);
    expect(r.value.file.name).toBe('note.txt');
  });
});
