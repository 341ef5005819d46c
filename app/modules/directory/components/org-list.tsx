import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { TagChips, ThemeChips } from './directory-ui';

interface OrgItem {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string | null;
  legalForm: string;
  themes: string[];
  offers: string[];
}

export function OrgList({ orgs, labels, base }: { orgs: OrgItem[]; labels: Record<string, string>; base: string }) {
  const { t } = useTranslation();
  return (
    <ul className="directory-list list-plain">
      {orgs.map((o) => (
        <li key={o.id} className="card">
          <h2 className="h3 directory-card__title">
            <Link to={`${base}/${o.slug}`} dir="auto">
              {o.name}
            </Link>
          </h2>
          <p className="meta">
            {t(`directory.legalForms.${o.legalForm}`)}
            {o.city ? ` · ${t(`common.cities.${o.city}`)}` : ''}
          </p>
          {o.description ? <p dir="auto">{o.description}</p> : null}
          <ThemeChips themes={o.themes} />
          {o.offers.length ? (
            <div className="directory-card__tags">
              <span className="meta">{t('directory.members.offers')}</span> <TagChips tags={o.offers} labels={labels} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
