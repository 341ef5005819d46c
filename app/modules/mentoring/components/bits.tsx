import { useTranslation } from '~/modules/i18n/react';
import type { FieldMetadata } from '@conform-to/react';
import { useErrorText } from '~/ui/form';
import { formatDateOnly } from '~/utils/date-only';

/** A calendar day stored as UTC midnight, shown in the reader's language and calendar without shifting the day. */
export function useDay() {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return (ms: number) => formatDateOnly(ms, locale);
}

export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return t('mentoring.duration.minutes', { count: m });
    if (m === 0) return t('mentoring.duration.hours', { count: h });
    return `${t('mentoring.duration.hours', { count: h })} ${t('mentoring.duration.minutes', { count: m })}`;
  };
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === 'active' ? '' : status === 'requested' || status === 'paused' ? ' tag--warn' : ' tag--muted';
  return <span className={`tag${tone}`}>{t(`mentoring.status.${status}`)}</span>;
}

export function TopicTags({ topics }: { topics: string[] }) {
  const { t } = useTranslation();
  if (!topics.length) return null;
  return (
    <ul className="mentoring-tags list-plain">
      {topics.map((topic) => (
        <li key={topic} className="tag tag--muted">
          {t(`mentoring.topics.${topic}`)}
        </li>
      ))}
    </ul>
  );
}

/** Radio buttons in a fieldset: big targets for phones, one tap, no typing. */
export function RadioField({
  field,
  legend,
  options,
  hint,
  inline,
}: {
  field: FieldMetadata<any, any, string[]>;
  legend: string;
  options: { value: string; label: string }[];
  hint?: string;
  inline?: boolean;
}) {
  const errorText = useErrorText()(field.errors);
  const initial = typeof field.initialValue === 'string' ? field.initialValue : undefined;
  const described = [hint ? `${field.id}-hint` : null, errorText ? field.errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field fieldset${errorText ? ' field--error' : ''}`} aria-describedby={described} id={field.id}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {errorText ? (
        <p id={field.errorId} className="field__error">
          {errorText}
        </p>
      ) : null}
      <div className={inline ? 'mentoring-radios mentoring-radios--inline' : 'mentoring-radios'}>
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="radio" name={field.name} value={o.value} defaultChecked={initial === o.value} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
