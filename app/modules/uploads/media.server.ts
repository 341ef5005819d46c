/**
 * Voice and video notes: every accepted recording is remuxed by ffmpeg before it is stored.
 *
 * Why remux (copy the streams into a fresh container, no re-encoding):
 * - metadata: a WAV's LIST/INFO chunk, an MP4/QuickTime udta (©xyz is a phone's GPS position), Ogg/Opus
 *   comment tags, WebM Tags and MP3 ID3 frames are all container metadata; only the audio and video
 *   streams are copied across (`-map_metadata -1`, no chapters, no data or subtitle streams, no cover
 *   pictures, `bitexact` so ffmpeg does not sign its own name in);
 * - length: MediaRecorder writes WebM without a duration and fragmented MP4 whose first fragment looks
 *   like the whole file, so no header is trusted: the stored file is decoded to the end, which both
 *   proves it plays and measures it (decoding stops just past the limit, so a long file costs little);
 * - players: the remuxed WebM has a duration and cues, the MP4 its index first, so a steward's player
 *   can show the length and seek.
 *
 * ffmpeg is a required program for any form that takes audio or video (README, .ci/run).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';
/** A recording of a few minutes remuxes and decodes in well under a second; a stuck run is killed. */
const TIMEOUT_MS = 60_000;

export type MediaProblem = 'wrongType' | 'tooLong';
export interface CleanMedia {
  mime: string;
  ext: string;
  /** Seconds of audio (or of video when there is no sound), measured by decoding. */
  duration: number;
}

type Family = { format: string; ext: (video: boolean) => string; mime: (video: boolean) => string; video: boolean; extra?: string[] };
const MP4: Family = { format: 'mp4', ext: (v) => (v ? 'mp4' : 'm4a'), mime: (v) => (v ? 'video/mp4' : 'audio/mp4'), video: true, extra: ['-movflags', '+faststart'] };
const WEBM: Family = { format: 'webm', ext: () => 'webm', mime: (v) => (v ? 'video/webm' : 'audio/webm'), video: true };
const OGG: Family = { format: 'ogg', ext: () => 'ogg', mime: () => 'audio/ogg', video: false };
const WAV: Family = { format: 'wav', ext: () => 'wav', mime: () => 'audio/wav', video: false };
// No ID3 tag at all (version 0); the Xing frame that carries the length stays.
const MP3: Family = { format: 'mp3', ext: () => 'mp3', mime: () => 'audio/mpeg', video: false, extra: ['-id3v2_version', '0', '-write_id3v1', '0'] };

/** Detected type (uploads/types.ts) → the container it is stored in. */
const FAMILY: Record<string, Family> = {
  'audio/webm': WEBM,
  'video/webm': WEBM,
  'audio/mp4': MP4,
  'audio/x-m4a': MP4,
  'video/mp4': MP4,
  'video/quicktime': MP4,
  'audio/ogg': OGG,
  'audio/ogg; codecs=opus': OGG,
  'audio/opus': OGG,
  'audio/wav': WAV,
  'audio/vnd.wave': WAV,
  'audio/x-wav': WAV,
  'audio/mpeg': MP3,
};

export function isMediaType(mime: string): boolean {
  return Object.hasOwn(FAMILY, mime);
}

async function streamsOf(file: string): Promise<{ audio: boolean; video: boolean }> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_type:stream_disposition=attached_pic', '-of', 'json', file], { timeout: TIMEOUT_MS });
  const streams = (JSON.parse(stdout) as { streams?: { codec_type?: string; disposition?: { attached_pic?: number } }[] }).streams ?? [];
  return {
    audio: streams.some((s) => s.codec_type === 'audio'),
    video: streams.some((s) => s.codec_type === 'video' && !s.disposition?.attached_pic),
  };
}

/** Decodes up to `limit` seconds of the first audio stream (or reads the video's packets) and returns the end time. */
async function decodedSeconds(file: string, audio: boolean, limit: number): Promise<number> {
  const select = audio ? ['-map', '0:a:0'] : ['-map', '0:V:0', '-c', 'copy'];
  const { stdout } = await run(
    FFMPEG,
    ['-nostdin', '-v', 'error', '-xerror', '-threads', '1', '-i', file, ...select, '-t', String(limit), '-f', 'null', '-progress', 'pipe:1', '-'],
    { timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
  );
  const times = [...stdout.matchAll(/out_time_us=(\d+)/g)].map((m) => Number(m[1]));
  return times.length ? Math.max(...times) / 1e6 : 0;
}

/**
 * Rewrites the recording at `file` (detected as `mime`) in place without its metadata, and measures it.
 * Anything ffmpeg cannot read, copy or decode is `wrongType`; a recording longer than `maxSeconds`
 * (one second of grace for the recorder's own stop) is `tooLong`.
 */
export async function cleanMedia(file: string, mime: string, opts: { maxSeconds?: number } = {}): Promise<{ media: CleanMedia; problem?: undefined } | { media?: undefined; problem: MediaProblem }> {
  const family = FAMILY[mime];
  if (!family) return { problem: 'wrongType' };
  const out = `${file}.clean`;
  try {
    let found: { audio: boolean; video: boolean };
    try {
      found = await streamsOf(file);
    } catch (error) {
      ensureFfmpeg(error);
      return { problem: 'wrongType' };
    }
    const video = family.video && found.video;
    if (!found.audio && !video) return { problem: 'wrongType' };
    const maps = [...(found.audio ? ['-map', '0:a:0'] : []), ...(video ? ['-map', '0:V:0'] : [])];
    try {
      await run(
        FFMPEG,
        [
          '-nostdin', '-v', 'error', '-threads', '1', '-i', file,
          ...maps, '-dn', '-sn', '-c', 'copy',
          '-map_metadata', '-1', '-map_metadata:s', '-1', '-map_chapters', '-1',
          '-fflags', '+bitexact', '-flags:a', '+bitexact', '-flags:v', '+bitexact',
          ...(family.extra ?? []), '-f', family.format, '-y', out,
        ],
        { timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      );
    } catch (error) {
      ensureFfmpeg(error);
      return { problem: 'wrongType' };
    }
    const limit = (opts.maxSeconds ?? 6 * 3600) + 1;
    let duration: number;
    try {
      duration = await decodedSeconds(out, found.audio, limit + 1);
    } catch {
      return { problem: 'wrongType' };
    }
    if (duration <= 0) return { problem: 'wrongType' };
    if (duration > limit) return { problem: 'tooLong' };
    await fs.promises.rename(out, file);
    return { media: { mime: family.mime(video), ext: family.ext(video), duration: Math.round(duration * 1000) / 1000 } };
  } finally {
    await fs.promises.rm(out, { force: true }).catch(() => undefined);
  }
}

/** A missing ffmpeg is the server's fault, not the file's: say so loudly instead of blaming the file. */
function ensureFfmpeg(error: unknown) {
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    throw new Error('ffmpeg/ffprobe not found: audio and video uploads need them (apt-get install ffmpeg, or set FFMPEG_PATH/FFPROBE_PATH)');
  }
}
