import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { loadSharp } from '~/modules/uploads/sharp.server';
import {
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';
import { PHOTO_MAX_BYTES } from '~/modules/uploads/types';
import { can, type Actor } from '~/policies';

/**
 * Profile photos: at most 5 MB in, checked by content (never by name or declared type), decoded and
 * re-encoded by sharp to a 400×400 WebP with all metadata (GPS, camera) stripped. Stored under
 * UPLOAD_DIR/photos with a random name; served by /members/:id/photo under the profile's rules.
 */
// The limit is shared with the page's hint (a constant from a .server file is undefined in the browser).
export { PHOTO_MAX_BYTES };
const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif', 'image/avif']);
const SIZE = 400;
const EMPTY_PROFILE = { headline: '', bio: '', mentoring_open: 0, mentoring_at_capacity: 0, mentoring_areas: '[]', matching_opt_out: 0 };

export type PhotoProblem = 'tooLarge' | 'wrongType' | 'missing';

/** Reads the multipart form; an oversized file becomes a 'tooLarge' marker instead of an error. */
export async function parsePhotoForm(request: Request): Promise<{ form: FormData; problem: PhotoProblem | null; bytes: Uint8Array | null }> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > PHOTO_MAX_BYTES + 64 * 1024) {
    // Do not read a huge body into memory at all.
    return { form: new FormData(), problem: 'tooLarge', bytes: null };
  }
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: PHOTO_MAX_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { form: new FormData(), problem: 'tooLarge', bytes: null };
    throw new Response('Malformed form', { status: 400 });
  }
  const file = form.get('photo');
  if (!file || typeof file === 'string' || file.size === 0) return { form, problem: 'missing', bytes: null };
  if (file.size > PHOTO_MAX_BYTES) return { form, problem: 'tooLarge', bytes: null };
  return { form, problem: null, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export async function reencode(bytes: Uint8Array): Promise<Buffer | null> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ALLOWED.has(type.mime)) return null;
  try {
    const sharp = await loadSharp();
    return await sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' })
      .rotate()
      .resize(SIZE, SIZE, { fit: 'cover', position: 'attention' })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    return null;
  }
}

function photoDir() {
  return path.join(env.uploadDir, 'photos');
}

export function photoFile(relative: string): string | null {
  const full = path.resolve(env.uploadDir, relative);
  return full.startsWith(path.resolve(photoDir()) + path.sep) ? full : null;
}

export async function savePhoto(userId: string, bytes: Uint8Array): Promise<PhotoProblem | null> {
  const webp = await reencode(bytes);
  if (!webp) return 'wrongType';
  await fs.promises.mkdir(photoDir(), { recursive: true });
  const relative = path.join('photos', `${newId()}.webp`);
  await fs.promises.writeFile(path.join(env.uploadDir, relative), webp);
  const old = await db.selectFrom('profiles').select('photo_path').where('user_id', '=', userId).executeTakeFirst();
  const now = Date.now();
  await db
    .insertInto('profiles')
    .values({ ...EMPTY_PROFILE, user_id: userId, photo_path: relative, photo_updated_at: now, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ photo_path: relative, photo_updated_at: now, updated_at: now }))
    .execute();
  if (old?.photo_path) await removeFile(old.photo_path);
  return null;
}

async function removeFile(relative: string) {
  const full = photoFile(relative);
  if (full) await fs.promises.rm(full, { force: true });
}

export async function removePhoto(userId: string): Promise<void> {
  const old = await db.selectFrom('profiles').select('photo_path').where('user_id', '=', userId).executeTakeFirst();
  if (!old?.photo_path) return;
  await db.updateTable('profiles').set({ photo_path: null, photo_updated_at: null, updated_at: Date.now() }).where('user_id', '=', userId).execute();
  await removeFile(old.photo_path);
}

/** The photo file when this viewer may see the member's profile; null otherwise. */
export async function photoForViewer(viewer: Actor | null, userId: string): Promise<{ path: string; public: boolean } | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('profiles as p', 'p.user_id', 'u.id')
    .select(['u.status', 'p.photo_path', 'p.public_profile'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.photo_path) return null;
  if (row.status !== 'active' && viewer?.id !== userId) return null;
  if (!can(viewer, 'profile.read', { id: userId, publicProfile: row.public_profile === 1 })) return null;
  const full = photoFile(row.photo_path);
  return full ? { path: full, public: row.public_profile === 1 } : null;
}
