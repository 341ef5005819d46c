/**
 * Voice and video notes as real recorders make them, and what is kept of them.
 *
 * Two fixtures are real Chromium MediaRecorder output (e2e/fixtures/recordings/README.md). The others
 * are made here with ffmpeg the way each recorder writes them (codec and container), with a planted
 * location and comment in the container's own metadata place: a WAV's LIST/INFO chunk, an MP4's udta
 * (©xyz is the ISO 6709 location atom phones write), Ogg/Opus comment tags (RFC 7845 §5.2), WebM Tags,
 * an MP3's ID3v2 frame. Whatever arrives must be stored without them and still decode to its full length.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedPath, storeUpload, tmpDir, type PendingUpload } from './uploads.server';
import { NOTE_ACCEPT, allowTypes, acceptFor } from './types';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-media-'));
const recordings = path.resolve('e2e/fixtures/recordings');
const PLACE = '+52.4068-001.5197/';
const COMMENT = 'Recorded at 12 Foleshill Road';
const NOTES = allowTypes('audio', 'video');

/** A 2-second tone (and, for video, a small test picture) with metadata planted by ffmpeg. */
function make(name: string, args: string[]) {
  const out = path.join(work, name);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=2', ...args, '-metadata', `comment=${COMMENT}`, '-metadata', `location=${PLACE}`, '-metadata', 'artist=Layla Haddad', out]);
  return out;
}

const made: Record<string, string> = {};
beforeAll(() => {
  made['firefox.ogg'] = make('firefox.ogg', ['-c:a', 'libopus']); // Firefox MediaRecorder: Ogg/Opus
  made['whatsapp.opus'] = make('whatsapp.opus', ['-c:a', 'libopus', '-f', 'ogg']); // WhatsApp voice note
  made['iphone.m4a'] = make('iphone.m4a', ['-c:a', 'aac']); // Voice Memos / Safari MediaRecorder: MP4/AAC
  made['android.wav'] = make('android.wav', ['-c:a', 'pcm_s16le']); // LIST/INFO chunk
  made['tagged.webm'] = make('tagged.webm', ['-c:a', 'libopus']); // Matroska Tags
  made['tagged.mp3'] = make('tagged.mp3', ['-c:a', 'libmp3lame']); // ID3v2
  // A phone video (QuickTime, as an iPhone's camera writes) with the GPS atom in udta.
  const mov = path.join(work, 'iphone.mov');
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=2', '-c:v', 'mpeg4', '-c:a', 'aac', '-metadata', `location=${PLACE}`, '-metadata', `comment=${COMMENT}`, '-f', 'mov', mov]);
  made['iphone.mov'] = mov;
});

function pending(file: string): PendingUpload {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const tmp = path.join(tmpDir(), `t-${path.basename(file)}-${Math.random().toString(36).slice(2)}`);
  fs.copyFileSync(file, tmp);
  return { field: 'note', name: path.basename(file), size: fs.statSync(tmp).size, tmpPath: tmp, problem: null, maxBytes: 25 * 1024 * 1024 };
}

/** Decodes the whole file with ffmpeg (not with our own code) and returns its length in seconds. */
function decodedSeconds(file: string): number {
  const out = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-xerror', '-i', file, '-map', '0:a:0', '-f', 'null', '-progress', 'pipe:1', '-'], { encoding: 'utf8' });
  const us = [...out.matchAll(/out_time_us=(\d+)/g)].map((m) => Number(m[1]));
  return Math.max(...us) / 1e6;
}

describe('notes as browsers and phones record them', () => {
  it("accepts Chromium's MediaRecorder WebM (no duration in its header) and measures it from the stream", async () => {
    const r = await storeUpload(pending(path.join(recordings, 'chromium-156-mediarecorder.webm')), { allow: NOTES, folder: 'notes', media: { maxSeconds: 180 } });
    expect(r.problem).toBeUndefined();
    expect(r.file).toMatchObject({ mime: 'audio/webm', ext: 'webm' });
    expect(r.file!.duration).toBeGreaterThan(2);
    expect(r.file!.duration).toBeLessThan(3.2);
    expect(decodedSeconds(storedPath(r.file!.path)!)).toBeGreaterThan(2);
  });

  it("accepts Chromium's fragmented MP4 recording with its real length (not the first fragment's)", async () => {
    const r = await storeUpload(pending(path.join(recordings, 'chromium-156-mediarecorder.mp4')), { allow: NOTES, folder: 'notes', media: { maxSeconds: 180 } });
    expect(r.file).toMatchObject({ mime: 'audio/mp4', ext: 'm4a' });
    expect(r.file!.duration).toBeGreaterThan(2);
  });

  it.each([
    ['firefox.ogg', 'audio/ogg', 'ogg'],
    ['whatsapp.opus', 'audio/ogg', 'ogg'],
    ['iphone.m4a', 'audio/mp4', 'm4a'],
    ['android.wav', 'audio/wav', 'wav'],
    ['tagged.webm', 'audio/webm', 'webm'],
    ['tagged.mp3', 'audio/mpeg', 'mp3'],
    ['iphone.mov', 'video/mp4', 'mp4'],
  ])('accepts %s, strips the planted location and comment, and it still decodes in full', async (name, mime, ext) => {
    const source = made[name]!;
    const before = fs.readFileSync(source).toString('latin1');
    // The planted metadata really is in the file we send (else the test proves nothing).
    expect(before.includes(COMMENT) || before.includes(PLACE.slice(0, 8))).toBe(true);
    const r = await storeUpload(pending(source), { allow: NOTES, folder: 'notes', media: { maxSeconds: 180 } });
    expect(r.problem).toBeUndefined();
    expect(r.file).toMatchObject({ mime, ext });
    const stored = fs.readFileSync(storedPath(r.file!.path)!).toString('latin1');
    for (const planted of [COMMENT, PLACE, '52.4068', 'Layla Haddad', 'Foleshill']) expect(stored).not.toContain(planted);
    expect(r.file!.duration).toBeGreaterThan(1.9);
    expect(r.file!.duration).toBeLessThan(2.3);
    expect(decodedSeconds(storedPath(r.file!.path)!)).toBeGreaterThan(1.9);
  });

  it('refuses a recording longer than the limit, measured by decoding (a header-less MP3 has no stated length)', async () => {
    const long = path.join(work, 'long.mp3');
    fs.writeFileSync(long, Buffer.concat(Array.from({ length: 100 }, () => fs.readFileSync(path.resolve('e2e/fixtures/silence-frames.mp3')))));
    const r = await storeUpload(pending(long), { allow: NOTES, folder: 'notes', media: { maxSeconds: 180 } });
    expect(r.problem).toBe('tooLong');
    expect(fs.readdirSync(tmpDir()).filter((f) => !f.startsWith('t-'))).toEqual([]);
  });

  it('refuses a file that starts like WebM but holds no playable audio', async () => {
    const broken = path.join(work, 'broken.webm');
    const real = fs.readFileSync(path.join(recordings, 'chromium-156-mediarecorder.webm'));
    fs.writeFileSync(broken, Buffer.concat([real.subarray(0, 150), Buffer.alloc(4000, 0x41)]));
    const r = await storeUpload(pending(broken), { allow: NOTES, folder: 'notes', media: { maxSeconds: 180 } });
    expect(r.problem).toBe('wrongType');
  });
});

describe('the file picker offers what the server accepts', () => {
  it('every extension and type in the accept list is a format the server stores (and nothing else)', () => {
    const accept = NOTE_ACCEPT.split(',');
    expect(accept).toEqual(acceptFor('audio', 'video').split(','));
    const byExt: Record<string, string> = { ogg: 'firefox.ogg', opus: 'whatsapp.opus', m4a: 'iphone.m4a', wav: 'android.wav', webm: 'tagged.webm', mp3: 'tagged.mp3', mov: 'iphone.mov' };
    for (const token of accept.filter((a) => a.startsWith('.'))) {
      // Each offered extension has a sample above (or is another name for one).
      expect(['.ogg', '.oga', '.opus', '.m4a', '.mp4', '.wav', '.webm', '.weba', '.mp3', '.mov']).toContain(token);
    }
    expect(Object.keys(byExt).every((e) => accept.includes(`.${e}`))).toBe(true);
    for (const mime of accept.filter((a) => !a.startsWith('.'))) expect(mime).toMatch(/^(audio|video)\/[a-z0-9.+-]+$/);
  });
});
