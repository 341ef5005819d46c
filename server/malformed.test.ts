import { describe, expect, it } from 'vitest';
import type { ServerBuild } from '@remix-run/node';
import { guardBuild } from './malformed';

/** One route whose action returns what it read, wrapped as the server wraps the real build. */
function guarded() {
  const action = async ({ request }: { request: Request }) => {
    const form = await request.formData();
    return [...form].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.name}:${v.size}`]);
  };
  const build = { routes: { r: { id: 'r', path: '/', module: { action } } } } as unknown as ServerBuild;
  return guardBuild(build).routes.r!.module.action! as unknown as (a: { request: Request }) => Promise<string[][]>;
}

describe('guardBuild: form text reaches actions as the browser counted it', () => {
  // A browser submitting the form itself sends a textarea's line breaks as CR LF (HTML form
  // submission); its maxlength counted each as one character (the API value, LF).
  it('gives every text field of a urlencoded form LF line breaks', async () => {
    const request = new Request('http://localhost/', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'reason=one%0D%0Atwo%0Dthree&intent=vote' });
    expect(await guarded()({ request })).toEqual([
      ['reason', 'one\ntwo\nthree'],
      ['intent', 'vote'],
    ]);
  });

  it('leaves an uploaded file untouched, and normalises the text fields beside it', async () => {
    const form = new FormData();
    form.set('note', 'a\r\nb');
    form.set('file', new File(['x\r\ny'], 'keep.txt'));
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    expect(await guarded()({ request })).toEqual([
      ['note', 'a\nb'],
      ['file', 'file:keep.txt:4'],
    ]);
  });

  it('still answers a broken body with 400', async () => {
    const request = new Request('http://localhost/', { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=X' }, body: '--X\r\nContent-Disposition: form-da' });
    const status = await guarded()({ request }).then(
      () => 200,
      (e: unknown) => (e instanceof Response ? e.status : 500),
    );
    expect(status).toBe(400);
  });
});
