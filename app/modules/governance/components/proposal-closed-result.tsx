import { Form, Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';
import { describeChoice, type ActionData } from './proposal-form-bits';
import type { ProposalPageData } from './proposal-page-data';
import { ResultView } from './result-view';

/** After close: the published result, the outcome statement, "verify count", receipt check, who voted and open ballots. */
export function ProposalClosedResult({ data, actionData }: { data: ProposalPageData; actionData: ActionData | undefined }) {
  const { t } = useTranslation();
  const { proposal: p } = data;
  const format = useFormat();
  const names = Object.fromEntries(data.options.map((o) => [o.id, o.label]));
  return (
    <>
  {data.result && p.status === 'closed' ? (
    <section className="card" aria-labelledby="result">
      <h2 id="result">{t('governance.result.title')}</h2>
      <ResultView result={data.result} names={names} />
      {p.outcomeStatement ? (
        <>
          <h3 className="h4">{t('governance.outcome.statement.label')}</h3>
          <p dir="auto">{p.outcomeStatement}</p>
          {p.reviewAt ? <p className="meta">{t('governance.outcome.reviewOn', { when: format.day(p.reviewAt) })}</p> : null}
        </>
      ) : null}
      <p>
        <Link to="?verify=1" preventScrollReset>
          {t('governance.verify.link')}
        </Link>
      </p>
      {data.verify ? (
        <p className={`notice ${data.verify.matches ? 'notice--success' : 'notice--warning'}`} role="status">
          {data.verify.matches ? t('governance.verify.matches') : t('governance.verify.differs')}
        </p>
      ) : null}
      <Form method="post" className="form form--inline">
        <div className="field">
          <label className="field__label" htmlFor="receipt-code">
            {t('governance.receipt.label')}
          </label>
          <input id="receipt-code" name="code" className="input" maxLength={40} autoComplete="off" dir="ltr" />
        </div>
        <button type="submit" name="intent" value="receipt" className="button button--secondary">
          {t('governance.receipt.check')}
        </button>
      </Form>
      {actionData?.ok && actionData.receiptValid !== undefined && !actionData.receipt ? (
        <p role="status" className="notice">
          {actionData.receiptValid ? t('governance.receipt.counted') : t('governance.receipt.notFound')}
        </p>
      ) : null}
      {data.voters.length > 0 ? (
        <>
          <h3 className="h4">{t('governance.whoVoted', { count: data.voters.length })}</h3>
          <p dir="auto">{data.voters.join(', ')}</p>
        </>
      ) : null}
      {data.ballots.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('governance.ballots.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('governance.ballots.member')}</th>
                <th scope="col">{t('governance.ballots.vote')}</th>
                <th scope="col">{t('governance.ballots.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {data.ballots.map((b, i) => (
                <tr key={i}>
                  <td dir="auto">
                    {b.voter_name}
                    {b.proxy_name ? ` (${t('governance.ballots.byProxy', { name: b.proxy_name })})` : ''}
                  </td>
                  <td>{describeChoice(b.choice, names, t)}</td>
                  <td dir="auto">{b.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  ) : null}

    </>
  );
}
