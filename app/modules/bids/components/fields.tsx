import { useTranslation } from '~/modules/i18n/react';
import type { FieldMetadata } from '@conform-to/react';
import { useErrorText } from '~/ui/form';

/** A group of radio buttons with a legend, the error next to it (GOV.UK pattern). */
export function RadiosField({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<any, any, string[]>;
  legend: string;
  hint?: string;
  options: { value: string; label: string; hint?: string }[];
}) {
  const errorText = useErrorText()(field.errors);
  const current = typeof field.initialValue === 'string' ? field.initialValue : undefined;
  const describedBy = [hint ? `${field.id}-hint` : null, errorText ? field.errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field fieldset${errorText ? ' field--error' : ''}`} aria-describedby={describedBy} id={field.id}>
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
      <div className="radios">
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

/** Options for an organisation select, with a first "none" choice. */
export function useOrgOptions(orgs: Array<{ id: string; name: string }>, noneKey: string) {
  const { t } = useTranslation();
  return [{ value: '', label: t(noneKey) }, ...orgs.map((o) => ({ value: o.id, label: o.name }))];
}
