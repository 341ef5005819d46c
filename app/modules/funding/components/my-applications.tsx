import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';
import type { NextStep } from '../applicant-stage';
import type { MyApplication } from '../mine.server';
import { Money } from './bits';

// The list's rows exactly as the loader builds them (plain values, so JSON keeps their shape).
type MyApplicationItem = MyApplication;

/** Where the next step is done, if it is done somewhere (waiting for the panel is not). */
function nextLink(a: MyApplicationItem, next: NextStep): string | null {
  switch (next.key) {
    case 'finish':
    case 'edit':
    case 'chase':
    case 'chase-late':
    case 'confirm':
    case 'read-feedback':
      return `/funds/applications/${a.id}`;
    case 'see-ballot':
      return `/funds/${a.roundId}/vote`;
    case 'see-result':
      return `/funds/${a.roundId}/result`;
    case 'accept-letter':
    case 'lead-accepts':
      return `/funds/applications/${a.id}/award`;
    case 'write-report':
      return `/funds/grants/${a.id}/reports/${next.report}`;
    case 'see-grant':
      return `/funds/grants/${a.id}`;
    default:
      return null;
  }
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * "My applications and grants": each application the member leads or co-applies for, its state in
 * words and the one thing to do next (or that there is nothing to do but wait). Plain links: no script.
 */
export function MyApplications({ items, today }: { items: MyApplicationItem[]; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!items.length) return null;
  const nextText = (n: NextStep) => {
    switch (n.key) {
      case 'finish':
      case 'edit':
      case 'chase':
      case 'see-ballot':
        return t(`funding.mine.next.${n.key}`, { date: f.date(n.date) });
      case 'write-report':
        return t(`funding.mine.next.${n.overdue ? 'report-overdue' : 'report'}`, { report: t(`funding.reports.kind.${n.report}`), date: f.day(dayMs(n.dueOn)) });
      default:
        return t(`funding.mine.next.${n.key}`);
    }
  };
  return (
    <section className="card fund-mine" aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t('funding.mine.title')}</h2>
      <p className="muted">{t('funding.mine.lead')}</p>
      <ul className="list-plain fund-mine__list">
        {items.map((a) => {
          const link = a.next ? nextLink(a, a.next) : null;
          return (
            <li key={a.id} className="fund-mine__item" data-application={a.id}>
              <h3 className="h4">
                <Link to={`/funds/applications/${a.id}`} dir="auto">
                  {a.title || t('funding.app.untitled')}
                </Link>
              </h3>
              <p className="muted">
                <bdi>{a.roundName}</bdi>
                {a.role === 'co-applicant' ? <> · {t('funding.mine.coApplicant')}</> : null}
                {a.awarded !== null ? (
                  <>
                    {' '}
                    · {t('funding.mine.awarded')} <Money value={a.awarded} />
                  </>
                ) : a.amount !== null ? (
                  <>
                    {' '}
                    · {t('funding.mine.asked')} <Money value={a.amount} />
                  </>
                ) : null}
              </p>
              <p className="fund-mine__stage">
                <strong>{t(`funding.mine.stage.${a.stage}`)}</strong>
              </p>
              {a.stage === 'waiting' ? (
                <ul>
                  {a.waitingFor.map((w) => (
                    <li key={w}>{t(`funding.waitingFor.${w}`)}</li>
                  ))}
                </ul>
              ) : null}
              {a.stage === 'did-not-count' ? (
                <ul>
                  {a.waitingFor.map((w) => (
                    <li key={w}>{t(`funding.mine.reason.${w}`)}</li>
                  ))}
                </ul>
              ) : null}
              {a.reports.length ? (
                <ul className="fund-mine__reports" aria-label={t('funding.reports.title')}>
                  {a.reports.map((r) => (
                    <li key={r.kind}>
                      {t(`funding.reports.kind.${r.kind}`)}:{' '}
                      {r.status === 'submitted'
                        ? t('funding.mine.reportSent')
                        : a.stage === 'closed' || a.stage === 'closed-early'
                          ? t('funding.reports.notNeeded')
                          : r.dueOn < today
                          ? t('funding.reports.overdue', { date: f.day(dayMs(r.dueOn)) })
                          : t('funding.reports.dueOn', { date: f.day(dayMs(r.dueOn)) })}
                    </li>
                  ))}
                </ul>
              ) : null}
              {a.next ? (
                <p className="fund-mine__next">
                  <span className="fund-mine__next-label">{t('funding.mine.nextLabel')}</span>{' '}
                  {link ? (
                    <Link to={link} className="fund-mine__action">
                      {nextText(a.next)}
                    </Link>
                  ) : (
                    nextText(a.next)
                  )}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
