import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { withIsolates } from './bidi';

export interface MemberPickerOption {
  id: string;
  name: string;
  city: string | null;
}

/**
 * Choose one member from many, on a phone, with or without JavaScript.
 *
 * The choices are radio buttons (`name` → the member's id) inside the page's own form. Above them a
 * search box belongs to a small GET form of its own (`<MemberPickerSearch id={searchForm} />`, placed
 * by the page *outside* its main form, since forms cannot nest): searching reloads the page with
 * `?<queryParam>=…`, and the loader answers with `memberPickerOptions(query, allowed, selected)` from
 * `~/modules/directory/member-picker.server` — the directory's search (names, skills, city and language
 * names in every UI language, typo correction). With JavaScript the same happens as one types, without
 * a full reload.
 */
export function MemberPicker({
  name,
  label,
  hint,
  error,
  errorId,
  options,
  more,
  suggestion,
  selected,
  queryParam,
  searchForm,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  errorId?: string;
  options: MemberPickerOption[];
  /** More members match than are shown: ask for a more precise search. */
  more?: boolean;
  suggestion?: string | null;
  selected?: string | null;
  queryParam: string;
  searchForm: string;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = params.get(queryParam) ?? '';
  const [typed, setTyped] = useState(query);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const hintId = `${name}-picker-hint`;
  const searchId = `${name}-picker-search`;

  useEffect(() => () => clearTimeout(timer.current), []);

  // A search still waiting to run when the picker's form is sent would start a navigation that cancels
  // the submission: the partner was invited, but the page never heard back (no "invited" message).
  const fieldset = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const form = fieldset.current?.form ?? fieldset.current?.closest('form');
    if (!form) return;
    const stop = () => clearTimeout(timer.current);
    form.addEventListener('submit', stop, true);
    return () => form.removeEventListener('submit', stop, true);
  }, []);

  function search(value: string) {
    setTyped(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value.trim()) next.set(queryParam, value.trim());
          else next.delete(queryParam);
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    }, 300);
  }

  return (
    <fieldset ref={fieldset} className={`field member-picker${error ? ' field--error' : ''}`} aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined}>
      <legend className="field__label">{label}</legend>
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
      <div className="member-picker__search">
        <label htmlFor={searchId}>{t('common.memberPicker.search')}</label>
        <div className="directory-search__row">
          <input
            id={searchId}
            type="search"
            name={queryParam}
            form={searchForm}
            className="input"
            value={typed}
            onChange={(e) => search(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches at once, in place (without JavaScript it submits the GET form).
              if (e.key === 'Enter') {
                e.preventDefault();
                clearTimeout(timer.current);
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    if (typed.trim()) next.set(queryParam, typed.trim());
                    else next.delete(queryParam);
                    return next;
                  },
                  { replace: true, preventScrollReset: true },
                );
              }
            }}
            maxLength={200}
            autoComplete="off"
            dir="auto"
          />
          <button type="submit" form={searchForm} className="button button--secondary">
            {t('common.memberPicker.searchButton')}
          </button>
        </div>
      </div>
      {suggestion && query ? <p className="meta">{withIsolates(t('common.memberPicker.showingFor'), { q: query, suggestion })}</p> : null}
      {options.length === 0 ? (
        <p role="status">{query ? t('common.memberPicker.none') : t('common.memberPicker.empty')}</p>
      ) : (
        <ul className="list-plain member-picker__options" aria-live="polite">
          {options.map((o) => (
            <li key={o.id}>
              <label className="radio">
                <input type="radio" name={name} value={o.id} defaultChecked={o.id === selected} />
                <span>
                  <bdi>{o.name}</bdi>
                  {o.city ? <span className="radio__hint meta">{t(`common.cities.${o.city}`)}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="meta">{t('common.memberPicker.more')}</p> : null}
    </fieldset>
  );
}

/**
 * The picker's search form: an empty GET form the search box and button belong to (by `form=`). Put it
 * outside the page's main form. `keep` carries other query parameters the page needs across a search.
 */
export function MemberPickerSearch({ id, action, keep = {} }: { id: string; action?: string; keep?: Record<string, string> }) {
  return (
    <form id={id} method="get" action={action} className="visually-hidden" aria-hidden="true">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </form>
  );
}
