import { useState } from 'react';
import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from '~/modules/i18n/react';
import { formatDateOnly, isDateOnly, usesOtherCalendar } from '~/utils/date-only';
import { TextField } from './form';

/**
 * A date input (`type="date"`, always Gregorian in browsers) that says the chosen day back in the
 * reader's own calendar when that differs — in Farsi the pages show Solar Hijri dates, so a member
 * sees "۱۱ آذر ۱۴۰۵" beside the 2026-12-02 they picked. The echo is rendered on the server for the
 * current value (works without JavaScript) and follows the input as it changes.
 */
export function DateOnlyField({
  field,
  label,
  hint,
  optional,
  min,
  max,
}: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  optional?: boolean;
  min?: string;
  max?: string;
}) {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  const initial = typeof field.initialValue === 'string' ? field.initialValue : '';
  const [value, setValue] = useState(initial);
  const echo = usesOtherCalendar(locale) && isDateOnly(value) ? formatDateOnly(value, locale, 'long') : '';
  return (
    <div className="date-only-field">
      <TextField field={field} label={label} hint={hint} optional={optional} type="date" min={min} max={max} onChange={(e) => setValue(e.currentTarget.value)} />
      <output htmlFor={field.id} className="date-only-field__echo" data-date-echo={field.name}>
        {echo}
      </output>
    </div>
  );
}
