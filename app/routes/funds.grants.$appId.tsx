import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { loadGrant } from '~/modules/funding/grants.server';
import { paymentsOf, recordPayment, removePayment } from '~/modules/funding/money.server';
import { reportsFor, setDueDates } from '~/modules/funding/reports.server';
import { DueDatesSchema, PaymentSchema, RemovePaymentSchema } from '~/modules/funding/reports.schema.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { Money } from '~/modules/funding/components/bits';
import { GrantState, ReportDue } from '~/modules/funding/components/grant-bits';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Grant · NOMI Workspace' }];

/**
 * One grant: awarded against paid, the payments stewards recorded (money is moved outside the app), and
 * the mid-point and end reports with their due dates. Stewards and the grantee only; anyone else 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { grant, subject } = await loadGrant(user, params.appId!);
  // A read: reports not created yet are shown as blanks due on their default dates (fund-audit).
  const [payments, reports] = await Promise.all([paymentsOf(grant.applicationId), reportsFor(grant)]);
  return json({
    grant: { id: grant.applicationId, title: grant.title, roundId: grant.roundId, roundName: grant.roundName, leadName: grant.leadName, awarded: grant.awarded, partial: grant.partial, paid: grant.paid, host: grant.host, closed: grant.closed },
    payments,
    reports: reports.map((r) => ({ kind: r.kind, dueOn: r.dueOn, status: r.status, stoppedEarly: r.stoppedEarly, submittedAt: r.submittedAt })),
    abilities: abilitiesFor(user, subject, ['fundAward.recordPayment', 'fundAward.setDueDates']),
    today: new Date().toISOString().slice(0, 10),
  });
}

type Problems = { field: string; error: string; values?: Record<string, number | string> }[];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const back = `/funds/grants/${params.appId}`;
  if (intent === 'pay') {
    const submission = parseWithZod(form, { schema: PaymentSchema });
    if (submission.status !== 'success') {
      await loadGrant(user, params.appId!); // someone who may not see the grant gets 404, not a form error
      return json({ intent, result: submission.reply(), problems: [] as Problems }, { status: 400 });
    }
    const r = await recordPayment(user, params.appId!, submission.value);
    if (!r.ok) return json({ intent, result: submission.reply(), problems: r.problems.map((p) => ({ field: p.field, error: `funding.money.errors.${p.error}`, values: { left: r.left } })) }, { status: 400 });
    return redirectWithFlash(request, back, { key: 'funding.money.flash.recorded' });
  }
  if (intent === 'removePayment') {
    const submission = parseWithZod(form, { schema: RemovePaymentSchema });
    if (submission.status !== 'success') throw new Response('Bad request', { status: 400 });
    const done = await removePayment(user, params.appId!, submission.value.paymentId);
    if (!done) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(request, back, { key: 'funding.money.flash.removed' });
  }
  if (intent === 'dueDates') {
    const submission = parseWithZod(form, { schema: DueDatesSchema });
    if (submission.status !== 'success') {
      await loadGrant(user, params.appId!);
      return json({ intent, result: submission.reply(), problems: [] as Problems }, { status: 400 });
    }
    const r = await setDueDates(user, params.appId!, submission.value);
    if (r !== 'ok') return json({ intent, result: submission.reply(), problems: [{ field: 'mid', error: 'funding.reports.errors.mid-after-end' }] as Problems }, { status: 400 });
    return redirectWithFlash(request, back, { key: 'funding.reports.flash.datesSaved' });
  }
  await loadGrant(user, params.appId!);
  throw new Response('Bad request', { status: 400 });
}

export default function GrantPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { grant, payments, reports, abilities, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const formErrors = (data?.result as { error?: Record<string, string[] | null> } | undefined)?.error ?? {};
  const typed = (data?.result as { initialValue?: Record<string, string> } | undefined)?.initialValue;
  const problems: Problems = (data as { problems?: Problems } | undefined)?.problems ?? [];
  const errorFor = (intent: string, field: string) =>
    data?.intent !== intent
      ? ''
      : [...problems.filter((p) => p.field === field).map((p) => t(p.error, p.values)), ...(formErrors[field] ?? []).map((e) => t(e))].join(' ');
  const val = (intent: string, name: string, fallback = '') => (data?.intent === intent && typed ? String(typed[name] ?? '') : fallback);
  const left = grant.awarded - grant.paid;
  const due = (kind: string) => reports.find((r) => r.kind === kind)?.dueOn ?? '';

  const field = (intent: string, name: string, label: string, input: React.ReactNode, hint?: string) => {
    const err = errorFor(intent, name);
    return (
      <div className={`field${err ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor={`${intent}-${name}`}>
          {label}
        </label>
        {hint ? (
          <p className="field__hint" id={`${intent}-${name}-hint`}>
            {hint}
          </p>
        ) : null}
        {input}
        {err ? (
          <p className="field__error" id={`${intent}-${name}-error`}>
            {err}
          </p>
        ) : null}
      </div>
    );
  };
  const described = (intent: string, name: string, hint = false) => [hint ? `${intent}-${name}-hint` : null, errorFor(intent, name) ? `${intent}-${name}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <>
      <PageHeader title={grant.title || t('funding.app.untitled')} lead={t('funding.money.lead', { round: grant.roundName })} />
      <GrantState closed={grant.closed} />
      <dl className="facts fund-money">
        <dt>{t('funding.money.awarded')}</dt>
        <dd>
          <Money value={grant.awarded} />
          {grant.partial ? ` (${t('funding.money.partial')})` : ''}
        </dd>
        <dt>{t('funding.money.paid')}</dt>
        <dd>
          <Money value={grant.paid} />
        </dd>
        <dt>{t('funding.money.left')}</dt>
        <dd>
          <Money value={left} />
        </dd>
        <dt>{t('funding.money.paidTo')}</dt>
        <dd dir="auto">{grant.host ? t('funding.money.toHostNamed', { name: grant.host.name }) : t('funding.money.toGrantee', { name: grant.leadName })}</dd>
      </dl>
      <progress className="fund-progress" max={grant.awarded} value={grant.paid} aria-label={t('funding.money.progress', { paid: grant.paid, awarded: grant.awarded })} />
      <p className="muted">{t('funding.money.recordedNotMoved')}</p>

      <h2>{t('funding.reports.title')}</h2>
      <ul className="fund-rounds">
        {reports.map((r) => (
          <li key={r.kind} className="card">
            <h3>
              <Link to={`/funds/grants/${grant.id}/reports/${r.kind}`}>{t(`funding.reports.kind.${r.kind}`)}</Link>
            </h3>
            <ReportDue report={r} today={today} closed={grant.closed !== null} />
          </li>
        ))}
      </ul>

      <h2>{t('funding.money.payments')}</h2>
      {payments.length ? (
        <ul className="fund-payments">
          {payments.map((p) => (
            <li key={p.id} className="card">
              <p>
                <strong>
                  <Money value={p.amount} />
                </strong>{' '}
                · {f.date(Date.parse(`${p.paidOn}T12:00:00Z`))} · <bdi dir="auto">{p.reference}</bdi>
              </p>
              <p className="muted" dir="auto">
                {p.paidTo === 'host' ? t('funding.money.toHostNamed', { name: p.hostName ?? '' }) : t('funding.money.toGrantee', { name: grant.leadName })}
                {p.recordedBy ? ` · ${t('funding.money.recordedBy', { name: p.recordedBy })}` : ''}
              </p>
              {abilities['fundAward.recordPayment'] ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="removePayment" />
                  <input type="hidden" name="paymentId" value={p.id} />
                  <button type="submit" className="button button--secondary">
                    {t('funding.money.remove')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('funding.money.none')}</p>
      )}

      {abilities['fundAward.recordPayment'] ? (
        <section aria-labelledby="pay-heading" className="card">
          <h2 id="pay-heading">{t('funding.money.record')}</h2>
          {left <= 0 ? <p>{t('funding.money.fullyPaid')}</p> : null}
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="pay" />
            {field(
              'pay',
              'amount',
              t('funding.money.amount'),
              <input id="pay-amount" name="amount" className="input input--short" inputMode="numeric" defaultValue={val('pay', 'amount')} aria-describedby={described('pay', 'amount', true)} aria-invalid={!!errorFor('pay', 'amount') || undefined} />,
              t('funding.money.amountHint', { left }),
            )}
            {field('pay', 'paidOn', t('funding.money.paidOn'), <input id="pay-paidOn" name="paidOn" type="date" className="input input--short" max={today} defaultValue={val('pay', 'paidOn', today)} aria-describedby={described('pay', 'paidOn')} aria-invalid={!!errorFor('pay', 'paidOn') || undefined} />)}
            {field(
              'pay',
              'reference',
              t('funding.money.reference'),
              <input id="pay-reference" name="reference" className="input" maxLength={80} dir="auto" defaultValue={val('pay', 'reference')} aria-describedby={described('pay', 'reference', true)} aria-invalid={!!errorFor('pay', 'reference') || undefined} />,
              t('funding.money.referenceHint'),
            )}
            <fieldset className={`field fieldset${errorFor('pay', 'paidTo') ? ' field--error' : ''}`}>
              <legend className="field__label">{t('funding.money.paidTo')}</legend>
              {errorFor('pay', 'paidTo') ? <p className="field__error">{errorFor('pay', 'paidTo')}</p> : null}
              <div className="radios">
                <label className="radio">
                  <input type="radio" name="paidTo" value="grantee" defaultChecked={val('pay', 'paidTo', grant.host ? 'host' : 'grantee') === 'grantee'} />
                  <span dir="auto">{t('funding.money.toGrantee', { name: grant.leadName })}</span>
                </label>
                {grant.host ? (
                  <label className="radio">
                    <input type="radio" name="paidTo" value="host" defaultChecked={val('pay', 'paidTo', 'host') === 'host'} />
                    <span dir="auto">{t('funding.money.toHostNamed', { name: grant.host.name })}</span>
                  </label>
                ) : null}
              </div>
            </fieldset>
            <button type="submit" className="button">
              {t('funding.money.save')}
            </button>
          </Form>
        </section>
      ) : null}

      {abilities['fundAward.setDueDates'] ? (
        <section aria-labelledby="dates-heading" className="card">
          <h2 id="dates-heading">{t('funding.reports.dates')}</h2>
          <p>{t('funding.reports.datesHelp')}</p>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="dueDates" />
            {field('dueDates', 'mid', t('funding.reports.kind.mid'), <input id="dueDates-mid" name="mid" type="date" className="input input--short" defaultValue={val('dueDates', 'mid', due('mid'))} aria-describedby={described('dueDates', 'mid')} />)}
            {field('dueDates', 'end', t('funding.reports.kind.end'), <input id="dueDates-end" name="end" type="date" className="input input--short" defaultValue={val('dueDates', 'end', due('end'))} aria-describedby={described('dueDates', 'end')} />)}
            <button type="submit" className="button button--secondary">
              {t('funding.reports.saveDates')}
            </button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to={`/funds/applications/${grant.id}`}>{t('funding.money.application')}</Link> · <Link to={`/funds/${grant.roundId}`}>{grant.roundName}</Link>
      </p>
    </>
  );
}
