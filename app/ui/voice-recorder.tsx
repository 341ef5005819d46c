import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import { NOTE_ACCEPT, NOTE_MAX_SECONDS } from '~/modules/uploads/types';

/**
 * What MediaRecorder is asked for, best first: Opus in WebM (Chrome, Edge, Android), Opus in Ogg
 * (Firefox), then MP4 (Safari and iPhone make AAC in MP4). Every one of these is accepted by the
 * server's note check (uploads/media.server.ts), which remuxes and measures it.
 */
const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

function extensionFor(mime: string): string {
  if (mime.includes('mp4')) return 'm4a';
  if (mime.includes('ogg')) return 'ogg';
  return 'webm';
}

/**
 * A file input for a voice or video note, with a "record" button where the browser can record.
 * The recording is put into the same file input, so any form (multipart) submits it like a chosen file
 * and the server treats both the same way; without JavaScript only the file input shows.
 *
 * Server side, take the field with `parseUploadForm({ fields: { [name]: { maxBytes: NOTE_MAX_BYTES } } })`
 * and store it with `storeUpload(upload, { allow: allowTypes(...NOTE_GROUPS), folder, media: { maxSeconds:
 * NOTE_MAX_SECONDS } })` (see membership/note-upload.server.ts).
 */
export function VoiceRecorder({
  inputId,
  name,
  describedBy,
  invalid,
  maxSeconds = NOTE_MAX_SECONDS,
  initialFile,
}: {
  inputId: string;
  name: string;
  /** Ids of the hint and (when shown) the error, for the file input's aria-describedby. */
  describedBy?: string;
  invalid?: boolean;
  maxSeconds?: number;
  /** A note made before the page was sent back with a form error (the /join island keeps it). */
  initialFile?: File;
}) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [supported, setSupported] = useState(false);
  const [recording, setRecording] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setSupported(typeof window !== 'undefined' && 'MediaRecorder' in window && typeof DataTransfer !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia));
    // Leaving the page while recording must let go of the microphone.
    return () => streamRef.current?.getTracks().forEach((tr) => tr.stop());
  }, []);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => {
      setSeconds((s) => {
        if (s + 1 >= maxSeconds) recorderRef.current?.stop();
        return s + 1;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [recording, maxSeconds]);

  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  useEffect(() => {
    if (!initialFile || !inputRef.current || typeof DataTransfer === 'undefined') return;
    const transfer = new DataTransfer();
    transfer.items.add(initialFile);
    inputRef.current.files = transfer.files;
    setPreview(URL.createObjectURL(initialFile));
  }, [initialFile]);

  async function start() {
    setProblem(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      streamRef.current = stream;
      const type = RECORDING_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => {
        if (e.data.size) chunks.push(e.data);
      };
      recorder.onstop = () => {
        stream.getTracks().forEach((tr) => tr.stop());
        streamRef.current = null;
        setRecording(false);
        const mime = (recorder.mimeType || type || 'audio/webm').split(';')[0]!;
        const file = new File(chunks, `voice-note.${extensionFor(mime)}`, { type: mime });
        const transfer = new DataTransfer();
        transfer.items.add(file);
        if (inputRef.current) inputRef.current.files = transfer.files;
        setPreview(URL.createObjectURL(file));
      };
      recorderRef.current = recorder;
      setSeconds(0);
      setPreview(null);
      recorder.start(1000);
      setRecording(true);
    } catch {
      setProblem(t('uploads.recorder.noMicrophone'));
    }
  }

  function clear() {
    if (inputRef.current) inputRef.current.value = '';
    setPreview(null);
  }

  const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return (
    <div className="recorder">
      <input
        ref={inputRef}
        id={inputId}
        name={name}
        type="file"
        accept={NOTE_ACCEPT}
        className="input"
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid ? true : undefined}
        onChange={() => setPreview(null)}
      />
      {supported ? (
        <div className="button-row">
          {recording ? (
            <button type="button" className="button button--danger" onClick={() => recorderRef.current?.stop()}>
              {t('uploads.recorder.stop')}
            </button>
          ) : (
            <button type="button" className="button button--secondary" onClick={start}>
              {t('uploads.recorder.record')}
            </button>
          )}
          <span role="status">{recording ? t('uploads.recorder.recording') : null}</span>
          <span role="timer" aria-live="off" dir="ltr">
            {recording ? `${clock(seconds)} / ${clock(maxSeconds)}` : null}
          </span>
        </div>
      ) : null}
      {problem ? <p className="field__error">{problem}</p> : null}
      {preview ? (
        <div className="card">
          <p>{t('uploads.recorder.recorded')}</p>
          {/* A preview of one's own recording: there is nothing to caption. */}
          {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
          <audio controls src={preview} />
          <p>
            <button type="button" className="button button--link" onClick={clear}>
              {t('uploads.recorder.discard')}
            </button>
          </p>
        </div>
      ) : null}
    </div>
  );
}
