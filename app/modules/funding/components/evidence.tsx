import { useTranslation } from '~/modules/i18n/react';
import { CITIES } from '~/modules/members/reference';
import { cellText, type BreakdownRow } from '~/modules/funding/evidence';
import { Money } from './bits';

/** Grants, amounts and people reached per city or theme; people shown "<5" when withheld. */
export function Breakdown({ id, title, head, rows, kind }: { id: string; title: string; head: string; rows: BreakdownRow[]; kind: 'city' | 'theme' }) {
  const { t } = useTranslation();
  const label = (key: string) =>
    kind === 'city'
      ? (CITIES as readonly string[]).includes(key)
        ? t(`common.cities.${key}`)
        : t('funding.evidence.cityUnknown')
      : key === 'none'
        ? t('funding.evidence.themeNone')
        : t(`directory.themes.${key}`);
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {/* A scroll region must be reachable by keyboard (axe scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col">{t('funding.evidence.colGrants')}</th>
              <th scope="col">{t('funding.evidence.colAmount')}</th>
              <th scope="col">{t('funding.evidence.colPeople')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{label(r.key)}</th>
                <td>{r.grants}</td>
                <td>
                  <Money value={r.amount} />
                </td>
                <td>{cellText(r.people)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
