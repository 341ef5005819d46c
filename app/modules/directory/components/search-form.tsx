import { Form, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import { CITIES, SPOKEN_LANGUAGES, languageName } from '~/modules/members/reference';
import { LEGAL_FORMS, THEMES } from '../themes';
import { tagLabel } from '../reasons';
import type { DirectoryFilters } from '../filters';

type FilterName = 'city' | 'theme' | 'language' | 'offer' | 'need' | 'mentoring' | 'legalForm';

/**
 * The directory's search box and filters: a plain GET form (works without JavaScript, and the URL
 * can be shared). With JavaScript, results load as you type (debounced) and when a filter changes.
 */
export function SearchForm({
  filters,
  show,
  tags,
  labels,
  searchLabel,
}: {
  filters: Partial<DirectoryFilters>;
  show: FilterName[];
  tags: { slug: string; label: string | null }[];
  labels: Record<string, string>;
  searchLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const searching = navigation.state === 'loading';

  const submitSoon = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      // Drop empty fields so shared URLs stay short.
      const data = new FormData(formRef.current);
      const params = new URLSearchParams();
      for (const [k, v] of data) if (typeof v === 'string' && v) params.append(k, v);
      submit(params, { method: 'get', replace: true, preventScrollReset: true });
    }, delay);
  };

  const select = (name: FilterName, label: string, options: { value: string; label: string }[]) => (
    <div className="field" key={name}>
      <label htmlFor={`filter-${name}`} className="field__label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={(filters[name] as string | undefined) ?? ''} className="input" onChange={() => submitSoon(0)}>
        <option value="">{t('directory.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const tagOptions = tags.map((tg) => ({ value: tg.slug, label: tagLabel(t, tg.slug, labels) }));

  return (
    <Form method="get" ref={formRef} className="directory-search" role="search">
      <div className="field">
        <label htmlFor="directory-q" className="field__label">
          {searchLabel}
        </label>
        <div className="directory-search__row">
          <input
            id="directory-q"
            type="search"
            name="q"
            defaultValue={filters.q ?? ''}
            maxLength={200}
            className="input"
            dir="auto"
            autoComplete="off"
            onChange={() => submitSoon(300)}
          />
          <button type="submit" className="button">
            {t('directory.search.submit')}
          </button>
        </div>
      </div>
      <details className="directory-filters" open={show.some((n) => filters[n]) || undefined}>
        <summary>{t('directory.filters.title')}</summary>
        <div className="directory-filters__grid">
          {show.includes('city') ? select('city', t('directory.filters.city'), CITIES.map((c) => ({ value: c, label: t(`common.cities.${c}`) }))) : null}
          {show.includes('theme') ? select('theme', t('directory.filters.theme'), THEMES.map((c) => ({ value: c, label: t(`directory.themes.${c}`) }))) : null}
          {show.includes('language')
            ? select('language', t('directory.filters.language'), SPOKEN_LANGUAGES.map((c) => ({ value: c, label: languageName(c, i18n.language) })))
            : null}
          {show.includes('offer') ? select('offer', t('directory.filters.offer'), tagOptions) : null}
          {show.includes('need') ? select('need', t('directory.filters.need'), tagOptions) : null}
          {show.includes('legalForm') ? select('legalForm', t('directory.filters.legalForm'), LEGAL_FORMS.map((c) => ({ value: c, label: t(`directory.legalForms.${c}`) }))) : null}
          {show.includes('mentoring') ? (
            <label className="checkbox">
              <input type="checkbox" name="mentoring" value="1" defaultChecked={Boolean(filters.mentoring)} onChange={() => submitSoon(0)} />
              <span>{t('directory.filters.mentoring')}</span>
            </label>
          ) : null}
        </div>
        <p>
          <button type="submit" className="button button--secondary">
            {t('directory.filters.apply')}
          </button>
        </p>
      </details>
      {searching ? (
        <p className="meta" aria-hidden="true">
          {t('directory.search.loading')}
        </p>
      ) : null}
    </Form>
  );
}
