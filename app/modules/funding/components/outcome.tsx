import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { Money } from './bits';

export interface OutcomeData {
  award: { amount: number; partial: boolean } | null;
  asked: number | null;
  feedback: { criterion: string; comments: string[] }[];
  /** For the link to the award letter (funded applications). */
  applicationId?: string;
}

/**
 * What the applicant learns once the round is decided: funded (and for how much) or not funded,
 * with the panel's comments per criterion — never who wrote them — and, if not funded, a mentor.
 */
export function Outcome({ outcome }: { outcome: OutcomeData }) {
  const { t } = useTranslation();
  const { award, asked, feedback, applicationId } = outcome;
  const withComments = feedback.filter((f) => f.comments.length > 0);
  return (
    <section aria-labelledby="outcome-heading" className="card">
      <h2 id="outcome-heading">{award ? t('funding.outcome.funded') : t('funding.outcome.notFunded')}</h2>
      {award ? (
        <p>
          {t(award.partial ? 'funding.outcome.partial' : 'funding.outcome.award')} <Money value={award.amount} />
          {award.partial && asked !== null ? (
            <>
              {' '}
              ({t('funding.outcome.asked')} <Money value={asked} />)
            </>
          ) : null}
        </p>
      ) : (
        <p>{t('funding.outcome.notFundedLead')}</p>
      )}
      {award && applicationId ? (
        <p>
          <Link to={`/funds/applications/${applicationId}/award`} className="button">
            {t('funding.award.link')}
          </Link>
        </p>
      ) : null}
      <h3>{t('funding.outcome.feedbackTitle')}</h3>
      {withComments.length ? (
        <>
          <p className="muted">{t('funding.outcome.feedbackLead')}</p>
          {withComments.map((f) => (
            <div key={f.criterion}>
              <h4 dir="auto">{f.criterion}</h4>
              <ul>
                {f.comments.map((c, i) => (
                  <li key={i}>
                    <span dir="auto">{c}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : (
        <p>{t('funding.outcome.noFeedback')}</p>
      )}
      {award ? null : (
        <p>
          {t('funding.outcome.mentorLead')}{' '}
          <Link to="/members?mentoring=1" className="button button--secondary">
            {t('funding.outcome.findMentor')}
          </Link>
        </p>
      )}
    </section>
  );
}
