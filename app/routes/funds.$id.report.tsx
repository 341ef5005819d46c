import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { Giving360IdentitySchema, RoundEvidenceSchema } from '~/modules/funding/evidence.schema.server';
import { giving360Identity, requireReportRound, roundReport, saveRoundEvidence, setGiving360Identity } from '~/modules/funding/evidence.server';
import { Money } from '~/modules/funding/components/bits';
import { Breakdown } from '~/modules/funding/components/evidence';
import { cellText } from '~/modules/mentoring/cells';
import { ErrorSummary, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Round report · NOMI Workspace' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const report = await roundReport(user, params.id!);
  return json({
    report,
    identity: await giving360Identity(),
    abilities: abilitiesFor(user, undefined, ['fundGrants.export']),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Refuses anyone but stewards (and 404s an unknown round) before anything is read from the form.
  await requireReportRound(user, params.id!);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'evidence') {
    const submission = parseWithZod(form, { schema: RoundEvidenceSchema });
    if (submission.status !== 'success') return json({ form: 'evidence' as const, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    await saveRoundEvidence(user, params.id!, {
      source: v.sourceFunderName && v.sourceGrantId ? { funderName: v.sourceFunderName, grantId: v.sourceGrantId } : null,
      lessons: v.lessons ?? '',
    });
    return redirectWithFlash(request, `/funds/${params.id}/report`, { key: 'funding.evidence.saved' });
  }
  if (intent === 'identity') {
    const submission = parseWithZod(form, { schema: Giving360IdentitySchema });
    if (submission.status !== 'success') return json({ form: 'identity' as const, result: submission.reply() }, { status: 400 });
    await setGiving360Identity(user, { prefix: submission.value.prefix, orgId: submission.value.orgId, name: submission.value.funderName });
    return redirectWithFlash(request, `/funds/${params.id}/report`, { key: 'funding.evidence.saved' });
  }
  throw new Response('Bad request', { status: 400 });
}

function EvidenceForm() {
  const { t } = useTranslation();
  const { report } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof RoundEvidenceSchema>>({
    id: 'round-evidence',
    lastResult: data?.form === 'evidence' ? data.result : undefined,
    shouldValidate: 'onSubmit',
    defaultValue: { sourceFunderName: report.evidence.source?.funderName ?? '', sourceGrantId: report.evidence.source?.grantId ?? '', lessons: report.evidence.lessons },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form card" aria-labelledby="evidence-details">
      <h2 id="evidence-details">{t('funding.evidence.details')}</h2>
      <ErrorSummary form={form} fields={fields} />
      <input type="hidden" name="intent" value="evidence" />
      <fieldset className="fieldset">
        <legend className="field__label">{t('funding.evidence.sourceTitle')}</legend>
        <p className="field__hint">{t('funding.evidence.sourceHelp')}</p>
        <TextField field={fields.sourceFunderName} label={t('funding.evidence.sourceName')} optional maxLength={200} />
        <TextField field={fields.sourceGrantId} label={t('funding.evidence.sourceId')} optional maxLength={120} dir="ltr" />
      </fieldset>
      <TextAreaField field={fields.lessons} label={t('funding.evidence.lessonsLabel')} hint={t('funding.evidence.lessonsHelp')} optional maxLength={4000} />
      <SubmitButton>{t('funding.evidence.save')}</SubmitButton>
    </Form>
  );
}

function IdentityForm() {
  const { t } = useTranslation();
  const { identity } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof Giving360IdentitySchema>>({
    id: 'giving360-identity',
    lastResult: data?.form === 'identity' ? data.result : undefined,
    shouldValidate: 'onSubmit',
    defaultValue: { prefix: identity.prefix, orgId: identity.orgId, funderName: identity.name },
  });
  return (
    <details className="card">
      <summary>{t('funding.evidence.identityTitle')}</summary>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary form={form} fields={fields} />
        <input type="hidden" name="intent" value="identity" />
        <TextField field={fields.prefix} label={t('funding.evidence.prefix')} hint={t('funding.evidence.prefixHelp')} maxLength={60} dir="ltr" />
        <TextField field={fields.orgId} label={t('funding.evidence.orgId')} hint={t('funding.evidence.orgIdHelp')} maxLength={120} dir="ltr" />
        <TextField field={fields.funderName} label={t('funding.evidence.funderName')} maxLength={200} />
        <SubmitButton>{t('funding.evidence.save')}</SubmitButton>
      </Form>
    </details>
  );
}

export default function RoundReportPage() {
  const { t } = useTranslation();
  const { report, abilities } = useLoaderData<typeof loader>();
  const f = report.figures;
  const a = f.applications;
  const id = report.round.id;
  return (
    <>
      <PageHeader title={t('funding.evidence.title', { name: report.round.name })} lead={t('funding.evidence.lead')} />
      <p>
        <Link to={`/funds/${id}`}>{t('funding.evidence.back')}</Link>
      </p>
      <section aria-labelledby="report-downloads">
        <h2 id="report-downloads">{t('funding.evidence.downloads')}</h2>
        <p className="button-row">
          <a href={`/funds/${id}/report/pdf`} className="button button--secondary" download>
            {t('funding.evidence.pdf')}
          </a>
          <a href={`/funds/${id}/report/csv`} className="button button--secondary" download>
            {t('funding.evidence.csv')}
          </a>
        </p>
      </section>

      <h2>{t('funding.evidence.money')}</h2>
      <dl className="facts">
        <dt>{t('funding.evidence.pot')}</dt>
        <dd>
          <Money value={f.pot} />
        </dd>
        <dt>{t('funding.evidence.awarded')}</dt>
        <dd>
          <Money value={f.awarded} />
        </dd>
        <dt>{t('funding.evidence.remaining')}</dt>
        <dd>
          <Money value={f.remaining} />
        </dd>
      </dl>
      <p>{report.evidence.source ? t('funding.evidence.regrant', { funder: report.evidence.source.funderName, id: report.evidence.source.grantId }) : t('funding.evidence.ownFunds')}</p>

      <h2>{t('funding.evidence.applications')}</h2>
      <dl className="facts">
        <dt>{t('funding.evidence.submitted')}</dt>
        <dd>{a.submitted}</dd>
        <dt>{t('funding.evidence.requested')}</dt>
        <dd>
          <Money value={a.amountRequested} />
        </dd>
        <dt>{t('funding.evidence.inReview')}</dt>
        <dd>{a.inReview}</dd>
        <dt>{t('funding.evidence.funded')}</dt>
        <dd>{a.funded}</dd>
        <dt>{t('funding.evidence.notFunded')}</dt>
        <dd>{a.notFunded}</dd>
        <dt>{t('funding.evidence.withdrawn')}</dt>
        <dd>{a.withdrawn}</dd>
      </dl>

      <h2>{t('funding.evidence.people')}</h2>
      <p>{report.reportsAvailable ? t('funding.evidence.peopleTotal', { people: cellText(f.people), reported: f.reported, grants: f.grants }) : t('funding.evidence.noReports')}</p>
      <Breakdown id="by-city" title={t('funding.evidence.byCity')} head={t('funding.evidence.colCity')} rows={f.byCity} kind="city" />
      <Breakdown id="by-theme" title={t('funding.evidence.byTheme')} head={t('funding.evidence.colTheme')} rows={f.byTheme} kind="theme" />
      <p className="meta">{t('funding.evidence.suppressedNote')}</p>

      <h2>{t('funding.evidence.lessons')}</h2>
      {report.evidence.lessons ? (
        <div dir="auto" className="prose">
          {report.evidence.lessons.split(/\n+/).map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : (
        <p className="meta">{t('funding.evidence.noLessons')}</p>
      )}
      {report.granteeLessons.length ? (
        <>
          <h3>{t('funding.evidence.granteeLessons')}</h3>
          <ul>
            {report.granteeLessons.map((l, i) => (
              <li key={i}>
                <span dir="auto">{l}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <EvidenceForm />

      {abilities['fundGrants.export'] ? (
        <section aria-labelledby="giving360" className="card">
          <h2 id="giving360">{t('funding.evidence.giving360')}</h2>
          <p>{t('funding.evidence.giving360Help')}</p>
          {report.round.status !== 'decided' ? <p className="meta">{t('funding.evidence.notDecided')}</p> : null}
          <p className="button-row">
            {report.round.status === 'decided' ? (
              <>
                <a href={`/funds/360giving/json?round=${id}`} className="button button--secondary" download>
                  {t('funding.evidence.giving360Json')}
                </a>
                <a href={`/funds/360giving/csv?round=${id}`} className="button button--secondary" download>
                  {t('funding.evidence.giving360Csv')}
                </a>
              </>
            ) : null}
            <a href="/funds/360giving/json" className="button button--secondary" download>
              {t('funding.evidence.allJson')}
            </a>
            <a href="/funds/360giving/csv" className="button button--secondary" download>
              {t('funding.evidence.allCsv')}
            </a>
          </p>
          <IdentityForm />
        </section>
      ) : null}
    </>
  );
}
