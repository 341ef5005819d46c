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
export function ApplicationStatus({ status, waitingFor }: { status: string; waitingFor?: string[] }) {
  const { t } = useTranslation();
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
