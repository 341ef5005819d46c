import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';

const MAX_SECONDS = 180;

/**
 * Record a voice note in the browser, or choose a file. The recording is placed into the same file
 * input, so the form submits it like an upload; without JavaScript only the file input shows.
 */
export function NoteRecorder({ inputId, name, error, hintId, errorId }: { inputId: string; name: string; error?: string; hintId: string; errorId: string }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const [supported, setSupported] = useState(false);
  const [recording, setRecording] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setSupported(typeof window !== 'undefined' && 'MediaRecorder' in window && Boolean(navigator.mediaDevices?.getUserMedia));
  }, []);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => {
      setSeconds((s) => {
        if (s + 1 >= MAX_SECONDS) recorderRef.current?.stop();
        return s + 1;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [recording]);

  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  async function start() {
    setProblem(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const type = ['audio/webm', 'audio/mp4'].find((m) => MediaRecorder.isTypeSupported(m));
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
      recorder.onstop = () => {
        stream.getTracks().forEach((tr) => tr.stop());
        setRecording(false);
        const mime = recorder.mimeType || 'audio/webm';
        const file = new File(chunks, `voice-note.${mime.includes('mp4') ? 'm4a' : 'webm'}`, { type: mime });
        const transfer = new DataTransfer();
        transfer.items.add(file);
        if (inputRef.current) inputRef.current.files = transfer.files;
        setPreview(URL.createObjectURL(file));
      };
      recorderRef.current = recorder;
      setSeconds(0);
      recorder.start(1000);
      setRecording(true);
    } catch {
      setProblem(t('membership.join.note.noMicrophone'));
    }
  }

  function clear() {
    if (inputRef.current) inputRef.current.value = '';
    setPreview(null);
  }

  const mm = String(Math.floor(seconds / 60));
  const ss = String(seconds % 60).padStart(2, '0');
  return (
    <div className="recorder">
      <input
        ref={inputRef}
        id={inputId}
        name={name}
        type="file"
        accept="audio/webm,audio/mp4,audio/mpeg,video/webm,video/mp4,.mp3,.m4a,.webm,.mp4"
        className="input"
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
        onChange={() => setPreview(null)}
      />
      {supported ? (
        <div className="button-row">
          {recording ? (
            <button type="button" className="button button--danger" onClick={() => recorderRef.current?.stop()}>
              {t('membership.join.note.stop')}
            </button>
          ) : (
            <button type="button" className="button button--secondary" onClick={start}>
              {t('membership.join.note.record')}
            </button>
          )}
          <span role="timer" aria-live="off" dir="ltr">
            {recording ? `${mm}:${ss} / 3:00` : null}
          </span>
        </div>
      ) : null}
      {problem ? <p className="field__error">{problem}</p> : null}
      {preview ? (
        <div className="card">
          <p>{t('membership.join.note.recorded')}</p>
          {/* A preview of one's own recording: there is nothing to caption. */}
          {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
          <audio controls src={preview} />
          <p>
            <button type="button" className="button button--link" onClick={clear}>
              {t('membership.join.note.discard')}
            </button>
          </p>
        </div>
      ) : null}
    </div>
  );
}
