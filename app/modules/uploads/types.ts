/**
 * What each upload field accepts and how big it may be, shared by the server (which checks files by
 * their content against these lists) and the browser (the file pickers' `accept` and the limits shown
 * in hints). No server code here: importing this from a component must not pull in a `.server` module
 * (a `.server` constant is `undefined` in the browser build — that was "up to NaN MB").
 */

export const MB = 1024 * 1024;

/** Detected MIME types by group, as file-type reports them. Pass groups to `allowTypes`. */
export const TYPE_GROUPS = {
  images: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  pdf: ['application/pdf'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  opendocument: ['application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.presentation'],
  // What recorders make: Chrome/Android MediaRecorder (WebM/Opus, or fragmented MP4), Firefox (Ogg/Opus),
  // Safari and iPhone Voice Memos (MP4/AAC as .m4a), WhatsApp voice notes (Ogg/Opus as .opus), WAV,
  // MP3. WebM and MP4 cannot say "audio only" from magic bytes, so audio may be detected as video/*;
  // the stored type is decided after looking at the streams (media.server.ts).
  audio: ['audio/webm', 'audio/mp4', 'audio/x-m4a', 'audio/mpeg', 'audio/ogg', 'audio/ogg; codecs=opus', 'audio/opus', 'audio/wav', 'audio/vnd.wave', 'audio/x-wav'],
  // Phone videos: MP4, WebM, and the QuickTime files an iPhone's camera writes (stored as MP4).
  video: ['video/webm', 'video/mp4', 'video/quicktime'],
} as const;
export type TypeGroup = keyof typeof TYPE_GROUPS;

/** File name endings offered by the picker for each group (some phones' pickers go by name only). */
const GROUP_EXTENSIONS: Record<TypeGroup, readonly string[]> = {
  images: ['.jpg', '.jpeg', '.png', '.webp', '.gif'],
  pdf: ['.pdf'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  pptx: ['.pptx'],
  opendocument: ['.odt', '.ods', '.odp'],
  audio: ['.webm', '.weba', '.ogg', '.oga', '.opus', '.m4a', '.mp3', '.wav'],
  video: ['.mp4', '.mov'],
};

export function allowTypes(...groups: TypeGroup[]): ReadonlySet<string> {
  return new Set(groups.flatMap((g) => TYPE_GROUPS[g]));
}

/** The `accept` attribute for a file input taking these groups: the plain types, then the endings. */
export function acceptFor(...groups: TypeGroup[]): string {
  const mimes = groups.flatMap((g) => TYPE_GROUPS[g]).filter((m) => !m.includes(';') && !m.startsWith('audio/x-') && m !== 'audio/vnd.wave');
  return [...new Set([...mimes, ...groups.flatMap((g) => GROUP_EXTENSIONS[g])])].join(',');
}

/** Voice and video notes (join form, and any form that takes a recording). */
export const NOTE_GROUPS: readonly TypeGroup[] = ['audio', 'video'];
export const NOTE_ACCEPT = acceptFor(...NOTE_GROUPS);
export const NOTE_MAX_BYTES = 25 * MB;
export const NOTE_MAX_SECONDS = 180;

/** Profile photos (settings/profile). */
export const PHOTO_MAX_BYTES = 5 * MB;
