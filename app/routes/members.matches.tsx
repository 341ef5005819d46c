import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { memberSeeker, suggestForOrg, suggestPartners } from '~/modules/directory/matching.server';
import { myOrgs } from '~/modules/directory/orgs.server';
import { customTagLabels } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { DirectoryTabs, ReasonLine } from '~/modules/directory/components/directory-ui';
import { EmptyState, PageHeader } from '~/ui/page';
import { notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Partner matches · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const forOrg = new URL(request.url).searchParams.get('for')?.slice(0, 40) || null;
  const orgs = await myOrgs(user.id);
  const labels = await customTagLabels(await resolveLocale(request));
  if (forOrg) {
    const suggestions = await suggestForOrg(forOrg, user.id, 30);
    // Not one of the member's organisations: the page must not reveal anything about it.
    if (!suggestions) notFound();
    return json({ orgs, forOrg, suggestions, labels, emptyProfile: false });
  }
  const seeker = await memberSeeker(user.id);
  const suggestions = await suggestPartners({ forUserId: user.id, ...seeker, limit: 30 });
  return json({ orgs, forOrg, suggestions, labels, emptyProfile: seeker.needs.length + seeker.offers.length + seeker.themes.length === 0 });
}

export default function Matches() {
  const { t } = useTranslation();
  const { orgs, forOrg, suggestions, labels, emptyProfile } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('directory.matches.title')} lead={t('directory.matches.lead')} />
      <DirectoryTabs />
      {orgs.length ? (
        <Form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="match-for" className="field__label">
              {t('directory.matches.forLabel')}
            </label>
            <select id="match-for" name="for" defaultValue={forOrg ?? ''} className="input">
              <option value="">{t('directory.matches.forMe')}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            {t('directory.matches.show')}
          </button>
        </Form>
      ) : null}
      {emptyProfile ? (
        <div className="notice notice--info">
          <p>{t('directory.matches.fillProfile')}</p>
          <p>
            <Link to="/settings/profile">{t('directory.profile.edit')}</Link>
          </p>
        </div>
      ) : null}
      {suggestions.length === 0 ? (
        <EmptyState title={t('directory.matches.empty')}>
          <p>{t('directory.matches.emptyHint')}</p>
        </EmptyState>
      ) : (
        <ol className="directory-list list-plain match-list">
          {suggestions.map((s) => (
            <li key={`${s.kind}:${s.id}`} className="card">
              <h2 className="h3 directory-card__title">
                <Link to={s.href} dir="auto">
                  {s.name}
                </Link>{' '}
                <span className="tag tag--muted">{t(`directory.matches.kind.${s.kind}`)}</span>
              </h2>
              <ReasonLine reasons={s.reasons} labels={labels} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
