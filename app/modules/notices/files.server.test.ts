import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { createSessionCookie } from '~/modules/auth/session.server';
import { action as newAction } from '~/routes/notices.new';
import { action as editAction } from '~/routes/notices.$id.edit';
import { loader as fileLoader } from '~/routes/notices.$id.files.$fileId';
import { loader as oldFileLoader } from '~/routes/notices.$id.file';
import { makeMember } from '../../../test/factories';
import { deleteNotice } from './notices.server';
import { MAX_FILES } from './files.server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.'), Buffer.alloc(300, 0)]);

type Member = Awaited<ReturnType<typeof makeMember>>;

async function cookieFor(m: Member) {
  return (await createSessionCookie(m.id)).split(';')[0]!;
}

function file(data: Uint8Array, name: string, type = 'application/octet-stream') {
  return new File([new Uint8Array(data)], name, { type });
}

async function call<T>(fn: () => Promise<T>): Promise<Response> {
  try {
    return (await fn()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function post(url: string, member: Member, fields: Record<string, string | string[]>, files: File[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) form.append(k, item);
  for (const f of files) form.append('files', f);
  const request = new Request(`http://nomi.test${url}`, { method: 'POST', body: form, headers: { cookie: await cookieFor(member) } });
  const id = /\/notices\/([^/]+)\/edit/.exec(url)?.[1];
  return call(() => (id ? editAction({ request, params: { id }, context: { cspNonce: '' } }) : newAction({ request, params: {}, context: { cspNonce: '' } })));
}

async function get(url: string, member: Member | null) {
  const m = /\/notices\/([^/]+)\/files?\/?([^/?]*)/.exec(url)!;
  const request = new Request(`http://nomi.test${url}`, { headers: member ? { cookie: await cookieFor(member) } : {} });
  return call(() => (url.includes('/files/') ? fileLoader({ request, params: { id: m[1]!, fileId: m[2]! }, context: { cspNonce: '' } }) : oldFileLoader({ request, params: { id: m[1]! }, context: { cspNonce: '' } })));
}

const resource = (title: string, over: Record<string, string | string[]> = {}) => ({ type: 'resource', title, description: 'A guide and a picture.', city: 'coventry', ...over });

async function noticeByTitle(title: string) {
  return db.selectFrom('notices').selectAll().where('title', '=', title).executeTakeFirst();
}
async function filesOf(noticeId: string) {
  return db.selectFrom('notice_files').selectAll().where('notice_id', '=', noticeId).orderBy('position').execute();
}
const leftovers = () => (fs.existsSync(path.join(env.uploadDir, 'tmp')) ? fs.readdirSync(path.join(env.uploadDir, 'tmp')) : []);
const stored = () => (fs.existsSync(path.join(env.uploadDir, 'notices')) ? fs.readdirSync(path.join(env.uploadDir, 'notices')).length : 0);

async function errors(res: Response) {
  return ((await res.json()) as { error?: Record<string, string[]>; initialValue?: Record<string, unknown> });
}

describe('several files per notice', () => {
  it('posts a resource with a PDF and a described picture, both downloadable by members, 404 to visitors', async () => {
    const author = await makeMember();
    const other = await makeMember();
    const title = `Guide with files ${Date.now()}`;
    const res = await post('/notices/new', author, resource(title, { imagesAlt: 'A map of the hall' }), [file(PDF, 'guide.pdf', 'application/pdf'), file(PNG, 'map.png', 'image/png')]);
    expect(res.status).toBe(302);
    const notice = (await noticeByTitle(title))!;
    const files = await filesOf(notice.id);
    expect(files.map((f) => [f.name, f.mime, f.alt])).toEqual([
      ['guide.pdf', 'application/pdf', null],
      ['map.png', 'image/png', 'A map of the hall'],
    ]);

    const pdf = await get(`/notices/${notice.id}/files/${files[0]!.id}`, other);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="guide.pdf"/);
    expect(pdf.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    const img = await get(`/notices/${notice.id}/files/${files[1]!.id}?view=1`, other);
    expect(img.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(img.headers.get('content-security-policy')).toContain('sandbox');
    // Pictures are stored without metadata and have a small WebP preview, under the same rules.
    expect(files[1]!.thumb_path).toMatch(/\.thumb\.webp$/);
    const thumb = await get(`/notices/${notice.id}/files/${files[1]!.id}?thumb=1`, other);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await get(`/notices/${notice.id}/files/${files[1]!.id}?thumb=1`, null)).status).toBe(404);

    // Members-only: visitors get 404 for every file, and for a file of another notice.
    expect((await get(`/notices/${notice.id}/files/${files[0]!.id}`, null)).status).toBe(404);
    expect((await get(`/notices/${notice.id}/file`, null)).status).toBe(404);
    expect((await get(`/notices/${notice.id}/files/missing`, other)).status).toBe(404);
    // The old single-attachment address leads to the first file.
    const old = await get(`/notices/${notice.id}/file`, other);
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe(`/notices/${notice.id}/files/${files[0]!.id}`);
  });

  it('lets visitors download the files of a public notice only', async () => {
    const author = await makeMember();
    const title = `Public guide ${Date.now()}`;
    await post('/notices/new', author, resource(title, { isPublic: 'on' }), [file(PDF, 'public.pdf')]);
    const notice = (await noticeByTitle(title))!;
    const [f] = await filesOf(notice.id);
    const res = await get(`/notices/${notice.id}/files/${f!.id}`, null);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    // Once hidden by the stewards, visitors no longer get it.
    await db.updateTable('notices').set({ hidden: 1 }).where('id', '=', notice.id).execute();
    expect((await get(`/notices/${notice.id}/files/${f!.id}`, null)).status).toBe(404);
  });

  it(`refuses more than ${MAX_FILES} files, keeping the answers and storing nothing`, async () => {
    const author = await makeMember();
    const before = stored();
    const title = `Too many ${Date.now()}`;
    const six = Array.from({ length: MAX_FILES + 1 }, (_, i) => file(PDF, `f${i}.pdf`));
    const res = await post('/notices/new', author, resource(title), six);
    expect(res.status).toBe(400);
    const body = await errors(res);
    expect(body.error?.attachment).toEqual(['notices.validation.file.tooMany']);
    expect(body.initialValue).toMatchObject({ title });
    expect(await noticeByTitle(title)).toBeUndefined();
    expect(stored()).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a program disguised as a PDF, and a file over 10 MB, by name', async () => {
    const author = await makeMember();
    const before = stored();
    const title = `Disguised ${Date.now()}`;
    const res = await post('/notices/new', author, resource(title), [file(PDF, 'fine.pdf'), file(EXE, 'guide.pdf', 'application/pdf')]);
    expect(res.status).toBe(400);
    expect((await errors(res)).error?.attachment).toEqual(['notices.validation.file.executable', 'guide.pdf']);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const res2 = await post('/notices/new', author, resource(title), [file(big, 'huge.pdf')]);
    expect((await errors(res2)).error?.attachment).toEqual(['notices.validation.file.tooLarge', 'huge.pdf']);
    const res3 = await post('/notices/new', author, resource(title), [file(Buffer.from('<svg onload="alert(1)"/>'), 'logo.svg')]);
    expect((await errors(res3)).error?.attachment).toEqual(['notices.validation.file.wrongType', 'logo.svg']);
    expect(await noticeByTitle(title)).toBeUndefined();
    expect(stored()).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  it('adds, removes and describes files on edit; another member gets 403 and changes nothing', async () => {
    const author = await makeMember();
    const other = await makeMember();
    const title = `Editable ${Date.now()}`;
    await post('/notices/new', author, resource(title), [file(PDF, 'a.pdf'), file(PNG, 'b.png')]);
    const notice = (await noticeByTitle(title))!;
    const [a, b] = await filesOf(notice.id);

    const denied = await post(`/notices/${notice.id}/edit`, other, { ...resource('Hijacked'), removeFiles: [a!.id] }, [file(PDF, 'evil.pdf')]);
    expect(denied.status).toBe(403);
    expect((await filesOf(notice.id)).map((f) => f.id)).toEqual([a!.id, b!.id]);
    expect(fs.existsSync(path.join(env.uploadDir, a!.path))).toBe(true);

    const res = await post(`/notices/${notice.id}/edit`, author, { ...resource(title), removeFiles: [a!.id], [`alt-${b!.id}`]: 'Our garden' }, [file(PDF, 'c.pdf')]);
    expect(res.status).toBe(302);
    const after = await filesOf(notice.id);
    expect(after.map((f) => [f.name, f.alt])).toEqual([
      ['b.png', 'Our garden'],
      ['c.pdf', null],
    ]);
    expect(fs.existsSync(path.join(env.uploadDir, a!.path))).toBe(false);

    // 2 kept + 4 new is over the limit.
    const tooMany = await post(`/notices/${notice.id}/edit`, author, resource(title), Array.from({ length: 4 }, (_, i) => file(PDF, `n${i}.pdf`)));
    expect(tooMany.status).toBe(400);
    expect((await filesOf(notice.id)).length).toBe(2);

    // Deleting the notice deletes its files.
    const paths = after.map((f) => path.join(env.uploadDir, f.path));
    expect(await deleteNotice(notice.id, { id: author.id, role: author.role })).toBe('ok');
    expect(paths.some((p) => fs.existsSync(p))).toBe(false);
    expect(await filesOf(notice.id)).toEqual([]);
  });
});
