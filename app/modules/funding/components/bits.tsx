import { useTranslation } from '~/modules/i18n/react';
import { numberFormat } from '~/utils/intl';

/** Whole pounds in the reader's language (digits stay readable inside RTL text). */
export function useMoney() {
  const { i18n } = useTranslation();
  const f = numberFormat(i18n.language || 'en', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
  return (n: number) => f.format(n);
}

export function Money({ value }: { value: number }) {
  const money = useMoney();
  return <bdi>{money(value)}</bdi>;
}

/** An application's state, in words, at every step. */
export function ApplicationStatus({ status, waitingFor, notCounted }: { status: string; waitingFor?: string[]; notCounted?: boolean }) {
  const { t } = useTranslation();
  // Sent, but the host or a co-applicant never said yes before the close: the round was decided without it.
  if (notCounted)
    return (
      <div className="card fund-status" role="status">
        <p>
          <strong>{t('funding.mine.stage.did-not-count')}</strong>
        </p>
        <ul>
          {(waitingFor ?? []).map((w) => (
            <li key={w}>{t(`funding.mine.reason.${w}`)}</li>
          ))}
        </ul>
        <p>{t('funding.mine.next.next-round')}</p>
      </div>
    );
  return (
    <div className="card fund-status" role="status">
      <p>
        <strong>{t(`funding.status.${status}`)}</strong>
      </p>
      <p>{t(`funding.statusHelp.${status}`)}</p>
      {status === 'submitted' && waitingFor?.length ? (
        <ul>
          {waitingFor.map((w) => (
            <li key={w}>{t(`funding.waitingFor.${w}`)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
