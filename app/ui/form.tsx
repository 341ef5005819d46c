import { useTranslation } from '~/modules/i18n/react';
import type { FieldMetadata, FormMetadata } from '@conform-to/react';
import { getInputProps, getTextareaProps, getSelectProps } from '@conform-to/react';
import { useEffect, useRef } from 'react';

/**
 * GOV.UK-style form pieces: label above the field, an optional hint, the error next to the field,
 * and a summary at the top that links to each problem. Error messages are i18n keys.
 */

export function useErrorText() {
  const { t } = useTranslation();
  return (errors: string[] | undefined) => (errors?.length ? t(errors[0]) : undefined);
}

export function ErrorSummary({ form, fields }: { form: FormMetadata<any, string[]>; fields: Record<string, FieldMetadata<any, any, string[]>> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Conform's `fields` is a Proxy without keys (Object.values gives []): read the errors from the form.
  const allErrors = (form.allErrors ?? {}) as Record<string, string[] | undefined>;
  const byField = new Map<string, { id: string; errors: string[] }>();
  for (const [name, errors] of Object.entries(allErrors)) {
    if (name === '' || !errors?.length) continue;
    // "languages[0]" belongs to the field "languages": one entry per field.
    const id = fields[name.replace(/[.[].*$/, '')]!.id;
    if (!byField.has(id)) byField.set(id, { id, errors });
  }
  const problems = [...byField.values()];
  const formErrors = form.errors ?? [];
  const count = problems.length + formErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, form.status]);
  if (count === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${form.id}-summary`}>
      <h2 id={`${form.id}-summary`} className="error-summary__title">
        {t('common.form.problem')}
      </h2>
      <ul>
        {formErrors.map((e) => (
          <li key={e}>{t(e)}</li>
        ))}
        {problems.map((f) => (
          <li key={f.id}>
            <a href={`#${f.id}`}>{t(f.errors![0])}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldShellProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  errorId: string;
  hintId: string;
  children: React.ReactNode;
  optional?: boolean;
}

function FieldShell({ id, label, hint, error, errorId, hintId, children, optional }: FieldShellProps) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional ? <span className="field__optional"> {t('common.form.optional')}</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('common.form.errorPrefix')}</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(field: FieldMetadata<any, any, string[]>, hint?: string) {
  const ids = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type InputType = 'text' | 'email' | 'password' | 'number' | 'date' | 'datetime-local' | 'tel' | 'url' | 'search' | 'time';

export function TextField({
  field,
  label,
  hint,
  type = 'text',
  optional,
  ...rest
}: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  type?: InputType;
  optional?: boolean;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const errorText = useErrorText()(field.errors);
  const props = getInputProps(field, { type, ariaDescribedBy: describedBy(field, hint) });
  return (
    <FieldShell id={field.id} label={label} hint={hint} error={errorText} errorId={field.errorId} hintId={`${field.id}-hint`} optional={optional}>
      <input {...props} key={props.key} {...rest} className={`input${rest.className ? ` ${rest.className}` : ''}`} />
    </FieldShell>
  );
}

export function TextAreaField({
  field,
  label,
  hint,
  optional,
  ...rest
}: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  optional?: boolean;
} & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const errorText = useErrorText()(field.errors);
  const props = getTextareaProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <FieldShell id={field.id} label={label} hint={hint} error={errorText} errorId={field.errorId} hintId={`${field.id}-hint`} optional={optional}>
      <textarea {...props} key={props.key} rows={5} dir="auto" {...rest} className="input" />
    </FieldShell>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  optional,
}: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  optional?: boolean;
}) {
  const errorText = useErrorText()(field.errors);
  const props = getSelectProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <FieldShell id={field.id} label={label} hint={hint} error={errorText} errorId={field.errorId} hintId={`${field.id}-hint`} optional={optional}>
      <select {...props} key={props.key} className="input">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes (e.g. languages): one fieldset with a legend, GOV.UK style. */
export function CheckboxesField({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<any, any, string[]>;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
  const errorText = useErrorText()(field.errors);
  const initial = field.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <fieldset className={`field fieldset${errorText ? ' field--error' : ''}`} aria-describedby={describedBy(field, hint)} id={field.id}>
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
      <div className="checkboxes">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={selected.has(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * One choice from a few (GOV.UK radios): a fieldset with a legend, the error next to it, big targets for
 * phones, an optional hint per option, and `inline` to flow short options side by side. The shared
 * version of what mentoring (`RadioField`) and bids (`RadiosField`) each wrote; use this one.
 */
export function RadioField({
  field,
  legend,
  hint,
  options,
  inline,
}: {
  field: FieldMetadata<any, any, string[]>;
  legend: string;
  hint?: string;
  options: { value: string; label: string; hint?: string }[];
  inline?: boolean;
}) {
  const errorText = useErrorText()(field.errors);
  const current = typeof field.initialValue === 'string' ? field.initialValue : undefined;
  return (
    <fieldset className={`field fieldset${errorText ? ' field--error' : ''}`} aria-describedby={describedBy(field, hint)} id={field.id}>
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
      <div className={inline ? 'radios radios--inline' : 'radios'}>
        {options.map((o) => (
          <label key={o.value} className="radio">
            <input type="radio" name={field.name} value={o.value} defaultChecked={current === o.value} />
            <span>
              {o.label}
              {o.hint ? <span className="meta radio__hint"> {o.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The same control under the name issue 11 gave it. */
export const ChoiceList = RadioField;

export function SubmitButton({ children, pending, ...rest }: { children: React.ReactNode; pending?: boolean } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="submit" className="button" aria-disabled={pending || undefined} {...rest}>
      {children}
    </button>
  );
}
