import { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { LANGUAGES } from '~/modules/i18n/config';

/** A plain form so it works without JavaScript; the server remembers the choice. */
export function LanguagePicker({ locale, redirectTo }: { locale: string; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/language" className="language-picker" reloadDocument>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label htmlFor="language-picker">{t('common.language')}</label>
      <div className="language-picker__row">
        <select id="language-picker" name="lang" defaultValue={locale}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t('common.change')}
        </button>
      </div>
    </Form>
  );
}
