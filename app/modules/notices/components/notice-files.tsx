import { useTranslation } from '~/modules/i18n/react';
import { numberFormat } from '~/utils/intl';

/** Client-safe copies of the limits in files.server.ts (shown in hints and the file input). */
const MAX_FILES = 5;
const MAX_MB = 10;
const ALT_MAX = 200;
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp';

export interface CurrentFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  alt: string | null;
}

type FileKind = 'image' | 'pdf' | 'document' | 'spreadsheet' | 'presentation' | 'file';

export function fileKind(mime: string): FileKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (/wordprocessingml|opendocument\.text/.test(mime)) return 'document';
  if (/spreadsheetml|opendocument\.spreadsheet/.test(mime)) return 'spreadsheet';
  if (/presentationml|opendocument\.presentation/.test(mime)) return 'presentation';
  return 'file';
}

/** "12 kB" / "3.4 MB" in the reader's language. */
export function useFileSize() {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return (bytes: number) =>
    bytes < 1024 * 1024
      ? numberFormat(locale, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))
      : numberFormat(locale, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

/**
 * The files part of the notice form: current files (remove, describe pictures), a multiple file input
 * and one description for the pictures being added. Works without JavaScript.
 */
export function NoticeFilesField({
  id,
  errorId,
  errors,
  currentFiles,
  removed,
  imagesAltName,
  imagesAltDefault,
}: {
  id: string;
  errorId: string;
  errors: string[] | undefined;
  currentFiles: CurrentFile[];
  removed: string[];
  imagesAltName: string;
  imagesAltDefault?: string;
}) {
  const { t } = useTranslation();
  const size = useFileSize();
  const error = errors?.length ? (errors[1] ? t('notices.files.problem', { name: errors[1], message: t(errors[0]!) }) : t(errors[0]!)) : undefined;
  const hintId = `${id}-hint`;
  return (
    <fieldset className={`field notice-files-field${error ? ' field--error' : ''}`}>
      <legend className="field__label">
        {t('notices.files.legend')} <span className="field__optional">{t('common.form.optional')}</span>
      </legend>
      <p id={hintId} className="field__hint">
        {t('notices.files.hint', { max: MAX_FILES, size: MAX_MB })}
      </p>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {currentFiles.length ? (
        <ul className="list-plain notice-files-current">
          {currentFiles.map((f) => (
            <li key={f.id} className="notice-files-current__item">
              <p className="notice-files-current__name" dir="auto">
                {f.name} <span className="notice-file__meta">({t('notices.files.meta', { type: t(`notices.files.kinds.${fileKind(f.mime)}`), size: size(f.size) })})</span>
              </p>
              {f.mime.startsWith('image/') ? (
                <div className="field">
                  <label htmlFor={`alt-${f.id}`} className="field__label">
                    {t('notices.files.altFor', { name: f.name })}
                  </label>
                  <input id={`alt-${f.id}`} name={`alt-${f.id}`} className="input" maxLength={ALT_MAX} defaultValue={f.alt ?? ''} dir="auto" />
                </div>
              ) : null}
              <label className="checkbox">
                <input type="checkbox" name="removeFiles" value={f.id} defaultChecked={removed.includes(f.id)} />
                <span>{t('notices.files.remove', { name: f.name })}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={id} className="field__label">
        {t(currentFiles.length ? 'notices.files.addMore' : 'notices.files.add')}
      </label>
      <input id={id} name="files" type="file" multiple className="input" accept={ACCEPT} aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`} aria-invalid={error ? true : undefined} />
      <div className="field">
        <label htmlFor={`${id}-alt`} className="field__label">
          {t('notices.files.imagesAlt')} <span className="field__optional">{t('common.form.optional')}</span>
        </label>
        <p id={`${id}-alt-hint`} className="field__hint">
          {t('notices.files.imagesAltHint')}
        </p>
        <input id={`${id}-alt`} name={imagesAltName} className="input" maxLength={ALT_MAX} defaultValue={imagesAltDefault} dir="auto" aria-describedby={`${id}-alt-hint`} />
      </div>
    </fieldset>
  );
}

/** Pictures as previews (opening full size), other files as download links with type and size. */
export function NoticeFilesView({ noticeId, title, files }: { noticeId: string; title: string; files: CurrentFile[] }) {
  const { t } = useTranslation();
  const size = useFileSize();
  if (!files.length) return null;
  const images = files.filter((f) => f.mime.startsWith('image/'));
  const others = files.filter((f) => !f.mime.startsWith('image/'));
  const href = (f: CurrentFile, as?: 'view' | 'thumb') => `/notices/${noticeId}/files/${f.id}${as ? `?${as}=1` : ''}`;
  return (
    <section className="notice-files" aria-labelledby="files-title">
      <h2 id="files-title" className="h3">
        {t('notices.files.title')}
      </h2>
      {images.length ? (
        <ul className="list-plain notice-gallery">
          {images.map((f, i) => (
            <li key={f.id}>
              <a href={href(f, 'view')} className="notice-gallery__link">
                <img src={href(f, 'thumb')} alt={f.alt || t('notices.files.imageAlt', { n: i + 1, title })} loading="lazy" decoding="async" />
              </a>
              <a href={href(f)} className="notice-file__download" dir="auto">
                {t('notices.files.download', { name: f.name })}
              </a>{' '}
              <span className="notice-file__meta">({t('notices.files.meta', { type: t('notices.files.kinds.image'), size: size(f.size) })})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {others.length ? (
        <ul className="list-plain notice-downloads">
          {others.map((f) => (
            <li key={f.id}>
              <a href={href(f)} className="notice-file__download" dir="auto">
                {t('notices.files.download', { name: f.name })}
              </a>{' '}
              <span className="notice-file__meta">({t('notices.files.meta', { type: t(`notices.files.kinds.${fileKind(f.mime)}`), size: size(f.size) })})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
