import { useTranslation } from '~/modules/i18n/react';

/**
 * A receipt or proxy code field, with its error next to it (wrong, missing or blocked code) and the
 * typed code kept. Used by the member changing a secret ballot (or voting over their proxy's) and by
 * a proxy changing the ballot it cast.
 */
export function CodeField({ id, label, hint, error, defaultValue }: { id: string; label: string; hint: string; error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  const describedBy = error ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field__error" role="alert" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <input id={id} name="changeCode" className="input" maxLength={40} autoComplete="off" autoCapitalize="characters" spellCheck={false} dir="ltr" required aria-invalid={error ? true : undefined} aria-describedby={describedBy} defaultValue={defaultValue ?? ''} />
    </div>
  );
}

/** Errors that belong next to the code field rather than above the whole vote form. */
export function isCodeError(error: string): boolean {
  return /^governance\.errors\.code_(required|unknown|blocked)$/.test(error);
}
