import { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { FieldError, type ActionData } from './proposal-form-bits';
import type { ProposalPageData } from './proposal-page-data';

/** The facilitator's tools: close early, extend, record the outcome; the proposer's amend and re-open forms. */
export function ProposalFacilitate({ data, actionData, busy }: { data: ProposalPageData; actionData: ActionData | undefined; busy: boolean }) {
  const { t } = useTranslation();
  const { proposal: p } = data;
  const values = actionData && !actionData.ok ? actionData.values : undefined;
  return (
    <>
  {data.facilitator ? (
    <section className="card" aria-labelledby="facilitate">
      <h2 id="facilitate">{t('governance.facilitate.title')}</h2>
      {p.status === 'open' ? (
        <>
          {p.allowCloseEarly ? (
            <Form method="post">
              <button type="submit" name="intent" value="close" className="button button--secondary" disabled={busy}>
                {t('governance.close.button')}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="form form--inline">
            <div className="field">
              <label className="field__label" htmlFor="extend-days">
                {t('governance.extend.label')}
              </label>
              <input id="extend-days" name="days" type="number" min={1} max={28} inputMode="numeric" className="input input--narrow" defaultValue={values?.days ?? '1'} />
              <FieldError data={actionData} field="extend" />
            </div>
            <button type="submit" name="intent" value="extend" className="button button--secondary" disabled={busy}>
              {t('governance.extend.button')}
            </button>
          </Form>
        </>
      ) : null}
      {p.status === 'closed' ? (
        <Form method="post" className="form">
          <FieldError data={actionData} field="outcome" />
          <div className="field">
            <label className="field__label" htmlFor="outcome-statement">
              {t('governance.outcome.statement.label')}
            </label>
            <textarea id="outcome-statement" name="statement" rows={4} maxLength={5000} className="input" dir="auto" defaultValue={values?.statement ?? p.outcomeStatement ?? ''} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="outcome-review">
              {t('governance.outcome.review.label')} <span className="field__optional">{t('common.form.optional')}</span>
            </label>
            <input id="outcome-review" name="reviewAt" type="date" className="input input--narrow" defaultValue={values?.reviewAt ?? (p.reviewAt ? new Date(p.reviewAt).toISOString().slice(0, 10) : '')} />
          </div>
          <button type="submit" name="intent" value="outcome" className="button" disabled={busy}>
            {t('governance.outcome.save')}
          </button>
        </Form>
      ) : null}
      {data.proposer && p.status !== 'closed' && !(p.kind === 'written' && p.status === 'open') ? (
        <details className="form-section" open={actionData && !actionData.ok && actionData.field === 'amend'}>
          <summary>{t('governance.amend.title')}</summary>
          <Form method="post" className="form">
            <FieldError data={actionData} field="amend" />
            <div className="field">
              <label className="field__label" htmlFor="amend-title">
                {t('governance.form.title.label')}
              </label>
              <input id="amend-title" name="title" className="input" maxLength={200} dir="auto" defaultValue={values?.title ?? p.title} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="amend-body">
                {t('governance.form.body.label')}
              </label>
              <textarea id="amend-body" name="body" rows={8} className="input" dir="auto" defaultValue={values?.body ?? p.body} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="amend-note">
                {t('governance.amend.note')} <span className="field__optional">{t('common.form.optional')}</span>
              </label>
              <input id="amend-note" name="note" className="input" maxLength={1000} dir="auto" defaultValue={values?.note ?? ''} />
            </div>
            <button type="submit" name="intent" value="amend" className="button" disabled={busy}>
              {t('governance.amend.submit')}
            </button>
          </Form>
        </details>
      ) : null}
      {data.canReopen ? (
        <details className="form-section" open={actionData && !actionData.ok && actionData.field === 'reopen'}>
          <summary>{t('governance.reopen.title')}</summary>
          <p className="meta">{t('governance.reopen.hint')}</p>
          {p.status === 'closed' ? <p className="meta">{t('governance.reopen.closedHint')}</p> : null}
          <Form method="post" className="form">
            <FieldError data={actionData} field="reopen" />
            <div className="field">
              <label className="field__label" htmlFor="reopen-title">
                {t('governance.form.title.label')}
              </label>
              <input id="reopen-title" name="title" className="input" maxLength={200} dir="auto" defaultValue={values?.title ?? p.title} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="reopen-body">
                {t('governance.form.body.label')}
              </label>
              <textarea id="reopen-body" name="body" rows={8} className="input" dir="auto" defaultValue={values?.body ?? p.body} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="reopen-note">
                {t('governance.amend.note')} <span className="field__optional">{t('common.form.optional')}</span>
              </label>
              <input id="reopen-note" name="note" className="input" maxLength={1000} dir="auto" defaultValue={values?.note ?? ''} />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="reopen-days">
                {t('governance.form.duration.label')}
              </label>
              <input id="reopen-days" name="days" type="number" min={1} max={60} inputMode="numeric" className="input input--narrow" defaultValue={values?.days ?? '7'} />
            </div>
            <button type="submit" name="intent" value="reopen" className="button" disabled={busy}>
              {t('governance.reopen.submit')}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  ) : null}

    </>
  );
}
