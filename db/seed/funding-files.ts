import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { newId } from '../../app/modules/auth/tokens.server';
import { allowTypes, pendingFromTmp, storeUpload, tmpDir } from '../../app/modules/uploads/uploads.server';
import { acceptNote } from '../../app/modules/membership/note-upload.server';

/**
 * Files for the seed-fund demo, stored through the same upload paths a phone's upload takes: pictures
 * through the uploads module (re-encoded, metadata stripped), voice answers through the join-note check
 * (content-sniffed, remuxed and measured by ffmpeg).
 */

/** A picture made here (a coloured card with a label), stored like a photo or a receipt from a phone. */
export async function demoPicture(label: string, colour: string, thumb: boolean) {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const tmp = path.join(tmpDir(), newId());
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="420"><rect width="100%" height="100%" fill="${colour}"/><text x="32" y="220" font-size="40" fill="#fff">${label}</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg().toFile(tmp);
  const pending = pendingFromTmp(tmp, `${label}.jpg`)!;
  const r = await storeUpload(pending, { allow: allowTypes('images'), folder: 'fund-reports', images: thumb ? { maxDimension: 1600, thumbnail: 480 } : { maxDimension: 2400 } });
  if (!r.file) throw new Error(`seed picture refused: ${r.problem}`);
  return { path: r.file.path, thumbPath: r.file.thumbPath ?? null, mime: r.file.mime, size: r.file.size, name: r.file.name };
}

/**
 * A real short voice recording: the Chromium MediaRecorder WebM the membership and funding tests use
 * (e2e/fixtures/recordings/README.md), handed to `acceptNote` as the application form does with an
 * upload, so it is checked, remuxed and measured like any applicant's recording.
 */
export const VOICE_FIXTURE = fileURLToPath(new URL('../../e2e/fixtures/recordings/chromium-156-mediarecorder.webm', import.meta.url));

export async function demoVoiceAnswer(): Promise<{ path: string; mime: string; size: number }> {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const name = newId();
  fs.copyFileSync(VOICE_FIXTURE, path.join(tmpDir(), name));
  const { note, problem } = await acceptNote(`upload:${name}`);
  if (!note) throw new Error(`seed voice answer refused: ${problem}`);
  return { path: note.path, mime: note.mime, size: note.size };
}
