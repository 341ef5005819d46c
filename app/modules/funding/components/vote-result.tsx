import { useTranslation } from '~/modules/i18n/react';
import type { StoredOutcome } from '../vote-count';
import { Money } from './bits';
import { numberFormat } from '~/utils/intl';

/** Pence in the reader's language (a voter's share is rarely whole pounds). */
export function Pence({ value }: { value: number }) {
  const { i18n } = useTranslation();
  const f = numberFormat(i18n.language || 'en', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return <bdi>{f.format(value / 100)}</bdi>;
}

export interface ResultRowView {
  id: string;
  title: string;
  summary: string;
  amount: number;
  outcome: StoredOutcome;
  spentOn: { title: string; supporters: number }[];
}

/** Why a project was or was not funded, in plain words built from the count. */
export function WhyFunded({ row }: { row: ResultRowView }) {
  const { t } = useTranslation();
  const o = row.outcome;
  if (o.funded) {
    return (
      <>
        <p>
          {t('funding.vote.result.whyFunded', { step: o.step, approvals: o.approvals })} <Pence value={o.maxPaymentPence ?? 0} />.
        </p>
        {o.tieBrokenBy ? <p>{t(`funding.vote.result.tie.${o.tieBrokenBy}`)}</p> : null}
      </>
    );
  }
  if (o.approvals === 0) return <p>{t('funding.vote.result.whyNone')}</p>;
  return (
    <>
      <p>
        {t('funding.vote.result.whyShort', { approvals: o.approvals })} <Pence value={o.moneyLeftPence} /> · {t('funding.vote.result.asks')} <Money value={row.amount} />.
      </p>
      {row.spentOn.length ? (
        <>
          <p>{t('funding.vote.result.spentOn')}</p>
          <ul>
            {row.spentOn.map((s) => (
              <li key={s.title}>
                <span dir="auto">{s.title}</span> — {t('funding.vote.result.spentOnCount', { count: s.supporters, total: o.approvals })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('funding.vote.result.whyAlone')}</p>
      )}
    </>
  );
}
