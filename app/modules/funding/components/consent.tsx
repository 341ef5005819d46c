import { useTranslation } from '~/modules/i18n/react';

type Consent = 'pending' | 'accepted' | 'declined';

/** Who the application is waiting for (issue 14.3), shown to its applicants at every step. */
export function ConsentState({ consent }: { consent: { host: { name: string; status: Consent } | null; coApplicants: { name: string; status: Consent }[] } }) {
  const { t } = useTranslation();
  if (!consent.host && consent.coApplicants.length === 0) return null;
  return (
    <section className="card" aria-labelledby="consent-heading">
      <h2 id="consent-heading" className="h3">
        {t('funding.host.consentTitle')}
      </h2>
      <ul className="fund-consent">
        {consent.host ? (
          <li>
            <bdi>{consent.host.name}</bdi> — {t(`funding.host.applicantState.${consent.host.status}`)}
          </li>
        ) : null}
        {consent.coApplicants.map((c, i) => (
          <li key={i}>
            <bdi>{c.name}</bdi> — {t(`funding.host.coState.${c.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
