import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { env } from '~/env.server';
import { MB, allowTypes, contentDisposition, parseUploadForm, pendingFromTmp, removeStored, safeDisplayName, serveFile, storeUploads, storedPath, tmpDir } from './uploads.server';

const fixtures = path.resolve('e2e/fixtures');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.'), Buffer.alloc(200, 0)]);
const DOCS = allowTypes('images', 'pdf', 'docx', 'xlsx');

function request(form: FormData, headers: Record<string, string> = {}) {
  return new Request('http://nomi.test/upload', { method: 'POST', body: form, headers });
}
function file(data: Uint8Array, name: string, type = 'application/octet-stream') {
  return new File([new Uint8Array(data)], name, { type });
}
const tmpFiles = () => (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()) : []);

describe('receiving uploads', () => {
  it('streams files to temp files, keeps the other fields, and ignores text sent under a file field', async () => {
    const form = new FormData();
    form.set('title', 'Two files');
    form.append('files', file(PDF, 'guide.pdf', 'application/pdf'));
    form.append('files', file(PNG, 'photo.png', 'image/png'));
    form.append('files', '/etc/passwd');
    form.append('files', file(new Uint8Array(0), ''));
    const { formData, uploads } = await parseUploadForm(request(form), { fields: { files: { maxBytes: MB, maxFiles: 5 } } });
    expect(formData.get('title')).toBe('Two files');
    expect(formData.getAll('files')).toEqual([]);
    expect(uploads.map((u) => [u.name, u.size, u.problem])).toEqual([
      ['guide.pdf', PDF.length, null],
      ['photo.png', PNG.length, null],
    ]);
    expect(uploads.every((u) => u.tmpPath && path.dirname(u.tmpPath) === tmpDir())).toBe(true);
    const stored = await storeUploads(uploads, { allow: DOCS, folder: 'test' });
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.files.map((f) => [f.name, f.mime])).toEqual([
      ['guide.pdf', 'application/pdf'],
      ['photo.png', 'image/png'],
    ]);
    expect(fs.readFileSync(storedPath(stored.files[0]!.path)!).equals(PDF)).toBe(true);
    expect(tmpFiles()).toEqual([]);
    await removeStored(stored.files);
    expect(fs.existsSync(path.join(env.uploadDir, stored.files[0]!.path))).toBe(false);
  });

  it('stops writing a file over the limit while streaming, removes it, and still reads the rest of the form', async () => {
    const form = new FormData();
    form.append('files', file(new Uint8Array(2 * MB + 10), 'big.pdf'));
    form.set('after', 'kept');
    const { formData, uploads } = await parseUploadForm(request(form), { fields: { files: { maxBytes: 2 * MB, maxFiles: 2 } } });
    expect(formData.get('after')).toBe('kept');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ problem: 'tooLarge', tmpPath: null });
    expect(tmpFiles()).toEqual([]);
    const r = await storeUploads(uploads, { allow: DOCS, folder: 'test' });
    expect(r).toMatchObject({ ok: false, problems: [{ name: 'big.pdf', problem: 'tooLarge' }] });
  });

  it('refuses more files than allowed, and a whole request over the cap with 413 before reading it', async () => {
    const form = new FormData();
    for (let i = 0; i < 3; i++) form.append('files', file(PDF, `f${i}.pdf`));
    const { uploads } = await parseUploadForm(request(form), { fields: { files: { maxBytes: MB, maxFiles: 2 } } });
    expect(uploads.map((u) => u.problem)).toEqual([null, null, 'tooMany']);
    const r = await storeUploads(uploads, { allow: DOCS, folder: 'test' });
    expect(r.ok).toBe(false);
    // All or nothing: the two good files are not kept either.
    expect(tmpFiles()).toEqual([]);
    expect(fs.existsSync(path.join(env.uploadDir, 'test')) ? fs.readdirSync(path.join(env.uploadDir, 'test')) : []).toEqual([]);

    const big = new FormData();
    big.set('files', file(PDF, 'x.pdf'));
    const thrown = await parseUploadForm(request(big, { 'content-length': String(20 * MB) }), { fields: { files: { maxBytes: MB } } }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(413);
  });

  it('answers a malformed form with 400 and an oversized text field with 413, leaving no temp file', async () => {
    const bad = new Request('http://nomi.test/upload', { method: 'POST', body: 'nonsense', headers: { 'content-type': 'multipart/form-data' } });
    const e1 = await parseUploadForm(bad, { fields: { files: { maxBytes: MB } } }).catch((e: unknown) => e);
    expect((e1 as Response).status).toBe(400);
    const form = new FormData();
    form.append('files', file(PDF, 'a.pdf'));
    form.set('title', 'x'.repeat(2000));
    const e2 = await parseUploadForm(request(form), { fields: { files: { maxBytes: MB } }, maxFieldBytes: 1000 }).catch((e: unknown) => e);
    expect((e2 as Response).status).toBe(413);
    expect(tmpFiles()).toEqual([]);
  });
});

describe('url-encoded forms', () => {
  /** A body streamed in chunks, as a client that sends no Content-Length would (chunked encoding). */
  function chunked(parts: string[]) {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next === undefined) return controller.close();
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const req = new Request('http://nomi.test/upload', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
    return { req, pulled: () => pulled };
  }

  it('are read normally, without the file fields', async () => {
    const { req } = chunked(['title=Caf%C3%A9+night', '&files=forged&note=hi']);
    expect(req.headers.get('content-length')).toBeNull();
    const { formData, uploads } = await parseUploadForm(req, { fields: { files: { maxBytes: MB } } });
    expect([formData.get('title'), formData.get('note'), formData.get('files'), uploads]).toEqual(['Café night', 'hi', null, []]);
  });

  it('sent without Content-Length are refused with 413 once over the cap, without reading the rest', async () => {
    const parts = Array.from({ length: 1000 }, (_, i) => `f${i}=${'x'.repeat(1000)}&`);
    const { req, pulled } = chunked(parts);
    const e = await parseUploadForm(req, { fields: { files: { maxBytes: MB } }, maxFieldBytes: 1000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Response);
    expect((e as Response).status).toBe(413);
    expect(pulled()).toBeLessThan(100);
  });
});

describe('checking by content', () => {
  async function check(data: Uint8Array, name: string) {
    const form = new FormData();
    form.set('file', file(data, name, 'application/pdf'));
    const { uploads } = await parseUploadForm(request(form), { fields: { file: { maxBytes: MB } } });
    return storeUploads(uploads, { allow: DOCS, folder: 'test' });
  }

  it('refuses a program disguised as a PDF, a program by name, and unknown or unlisted types', async () => {
    expect(await check(EXE, 'cv.pdf')).toMatchObject({ ok: false, problems: [{ problem: 'executable' }] });
    expect(await check(fs.readFileSync(path.join(fixtures, 'program.exe.mp3')), 'song.mp3')).toMatchObject({ ok: false, problems: [{ problem: 'executable' }] });
    expect(await check(PDF, 'setup.exe')).toMatchObject({ ok: false, problems: [{ problem: 'executable' }] });
    expect(await check(Buffer.from('<html><script>alert(1)</script></html>'), 'page.pdf')).toMatchObject({ ok: false, problems: [{ problem: 'wrongType' }] });
    expect(await check(fs.readFileSync(path.join(fixtures, 'note.mp3')), 'note.pdf')).toMatchObject({ ok: false, problems: [{ problem: 'wrongType' }] });
    expect(tmpFiles()).toEqual([]);
  });

  it('names the stored file with its real extension', async () => {
    const r = await check(PDF, 'My CV.docx');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.files[0]!.name).toBe('My CV.pdf');
    expect(safeDisplayName('../../etc/My "CV"<x>.docx', 'pdf')).toBe('My CVx.pdf');
    expect(safeDisplayName('résumé.final.EXE', 'pdf')).toBe('résumé.final.pdf');
    expect(safeDisplayName('\u0000\u202e', 'png')).toBe('file.png');
  });

  it('lets a caller refuse a file with its own check, and adopts only files in the temp folder', async () => {
    fs.mkdirSync(tmpDir(), { recursive: true });
    const tmp = path.join(tmpDir(), 'adopt-me');
    fs.writeFileSync(tmp, PDF);
    expect(pendingFromTmp(path.join(env.uploadDir, 'notes', 'x'))).toBeNull();
    expect(pendingFromTmp(`${tmpDir()}/../secret`)).toBeNull();
    const pending = pendingFromTmp(tmp, 'a.pdf')!;
    const r = await storeUploads([pending], { allow: DOCS, folder: 'test', check: async () => 'tooLong' as const });
    expect(r).toMatchObject({ ok: false, problems: [{ problem: 'tooLong' }] });
    expect(fs.existsSync(tmp)).toBe(false);
  });
});

describe('pictures', () => {
  it('are re-encoded without metadata, shrunk, and get a WebP preview when asked; broken pictures are refused', async () => {
    const photo = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'GPS-SECRET-PLACE' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const form = new FormData();
    form.append('files', file(photo, 'holiday.jpg', 'image/jpeg'));
    form.append('files', file(PDF, 'doc.pdf'));
    const { uploads } = await parseUploadForm(request(form), { fields: { files: { maxBytes: 5 * MB, maxFiles: 2 } } });
    const r = await storeUploads(uploads, { allow: DOCS, folder: 'test', images: { maxDimension: 2000, thumbnail: 300 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [img, pdf] = r.files;
    const stored = fs.readFileSync(storedPath(img!.path)!);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 2000, 1000, undefined]);
    expect(stored.includes(Buffer.from('GPS-SECRET-PLACE'))).toBe(false);
    expect(img!.size).toBe(stored.length);
    const thumb = await sharp(fs.readFileSync(storedPath(img!.thumbPath!)!)).metadata();
    expect([thumb.format, thumb.width]).toEqual(['webp', 300]);
    // Other files are kept byte for byte and have no preview.
    expect(fs.readFileSync(storedPath(pdf!.path)!).equals(PDF)).toBe(true);
    expect(pdf!.thumbPath).toBeNull();
    await removeStored(r.files);
    expect(fs.existsSync(path.join(env.uploadDir, img!.thumbPath!))).toBe(false);

    const before = fs.readdirSync(path.join(env.uploadDir, 'test')).length;
    const broken = new FormData();
    broken.set('file', file(Buffer.concat([PNG.subarray(0, 40), Buffer.alloc(100, 7)]), 'broken.png'));
    const parsed = await parseUploadForm(request(broken), { fields: { file: { maxBytes: MB } } });
    expect(await storeUploads(parsed.uploads, { allow: DOCS, folder: 'test', images: { thumbnail: 100 } })).toMatchObject({ ok: false, problems: [{ problem: 'wrongType' }] });
    expect(tmpFiles()).toEqual([]);
    expect(fs.readdirSync(path.join(env.uploadDir, 'test')).length).toBe(before);
  });
});

describe('serving files', () => {
  async function stored(data: Buffer, name: string) {
    const form = new FormData();
    form.set('file', file(data, name));
    const { uploads } = await parseUploadForm(request(form), { fields: { file: { maxBytes: MB } } });
    const r = await storeUploads(uploads, { allow: DOCS, folder: 'test' });
    if (!r.ok) throw new Error('not stored');
    return r.files[0]!;
  }

  it('sends the detected type, an RFC 5987 attachment name, private caching and a sandbox, without a second nosniff', async () => {
    const f = await stored(PDF, 'Przewodnik łódź.pdf');
    const res = await serveFile(new Request('http://nomi.test/f'), f);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Przewodnik __d_.pdf"; filename*=UTF-8''Przewodnik%20%C5%82%C3%B3d%C5%BA.pdf`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    // helmet adds nosniff to every response; sending it here too would make the header "nosniff, nosniff".
    expect(res.headers.get('x-content-type-options')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    // A PDF is never shown inline, even when asked.
    expect((await serveFile(new Request('http://nomi.test/f'), f, { inline: true })).headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('shows images inline when asked, serves byte ranges, and 404s for a missing or escaping path', async () => {
    const img = await stored(PNG, 'photo.png');
    const res = await serveFile(new Request('http://nomi.test/f'), img, { inline: true, maxAge: 300 });
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="photo.png"/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    const part = await serveFile(new Request('http://nomi.test/f', { headers: { range: 'bytes=0-3' } }), img);
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${PNG.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(PNG.subarray(0, 4))).toBe(true);
    for (const p of ['test/missing.png', '../../etc/passwd', '/etc/passwd', '']) {
      const e = await serveFile(new Request('http://nomi.test/f'), { ...img, path: p }).catch((x: unknown) => x);
      expect((e as Response).status).toBe(404);
    }
  });

  it('writes a safe Content-Disposition for awkward names', () => {
    expect(contentDisposition('a"b\\c%.pdf')).toBe(`attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`);
    expect(contentDisposition("it's (1).pdf")).toBe(`attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});
