import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import type { z } from 'zod';
import { bidContext } from '~/modules/bids/context.server';
import { BidInputError, changeStatus, leadOrganisations, organisationOptions, recordOutcome, setShowOnNotice, updateBidDetails } from '~/modules/bids/bids.server';
import { EditBidSchema, LinkNoticeSchema, OutcomeSchema, StatusSchema } from '~/modules/bids/bids.schema.server';
import { linkNotice, linkedNoticeTitle, liveFundingNotices, unlinkNotice } from '~/modules/bids/notice-link.server';
import { BID_STATUSES, OUTCOME_STATUSES, moneyInput, toLondonInput, type BidStatusValue } from '~/modules/bids/constants';
import { BidDetailsFields } from '~/modules/bids/components/details-fields';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, RadioField } from '~/ui/form';
import { msToDateOnly } from '~/utils/date-only';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid } = await bidContext(request, params.id, 'bid.manage');
  return json({
    bid: { id: bid.id, status: bid.status, noticeId: bid.notice_id, showOnNotice: bid.show_on_notice === 1 },
    details: {
      title: bid.title,
      funder: bid.funder,
      callName: bid.call_name,
      link: bid.link ?? '',
      deadline: toLondonInput(bid.deadline),
      amount: moneyInput(bid.amount),
      currency: bid.currency,
      themes: bid.themes,
      skillsNeeded: bid.skills_needed,
      leadOrgId: bid.lead_org_id ?? '',
      hostOrgId: bid.host_org_id ?? '',
      hostOrgName: bid.host_org_name ?? '',
    },
    outcome: {
      result: bid.status === 'awarded' || bid.status === 'not_awarded' ? bid.status : '',
      awardedAmount: bid.awarded_amount !== null ? moneyInput(bid.awarded_amount) : '',
      decidedOn: bid.outcome_on ? msToDateOnly(bid.outcome_on) : '',
      feedback: bid.outcome_feedback ?? '',
    },
    leadOrgs: await leadOrganisations(bid.id),
    allOrgs: (await organisationOptions()).map((o) => ({ id: o.id, name: o.name })),
    fundingCalls: await liveFundingNotices(),
    linkedTitle: await linkedNoticeTitle(bid.notice_id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { bid, user } = await bidContext(request, params.id, 'bid.manage');
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const back = `/bids/${bid.id}`;
  if (intent === 'details') {
    const submission = parseWithZod(formData, { schema: EditBidSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await updateBidDetails(user, bid.id, submission.value);
    } catch (error) {
      if (error instanceof BidInputError) return json({ intent, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(request, back, { key: 'bids.settings.saved' });
  }
  if (intent === 'link-notice') {
    const submission = parseWithZod(formData, { schema: LinkNoticeSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      if (!(await linkNotice(user, bid.id, submission.value))) throw new Response('Forbidden', { status: 403 });
    } catch (error) {
      if (error instanceof BidInputError) return json({ intent, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(request, `/bids/${bid.id}/settings`, { key: 'bids.linkNotice.linked' });
  }
  if (intent === 'unlink-notice') {
    if (!(await unlinkNotice(user, bid.id))) throw new Response('Forbidden', { status: 403 });
    return redirectWithFlash(request, `/bids/${bid.id}/settings`, { key: 'bids.linkNotice.unlinked' });
  }
  if (intent === 'on-notice') {
    if (!bid.notice_id) throw new Response('Bad request', { status: 400 });
    const show = formData.get('showOnNotice') === 'on';
    await setShowOnNotice(user, bid.id, show);
    return redirectWithFlash(request, `/bids/${bid.id}/settings`, { key: show ? 'bids.onNotice.turnedOn' : 'bids.onNotice.turnedOff' });
  }
  if (intent === 'status') {
    const submission = parseWithZod(formData, { schema: StatusSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    await changeStatus(user, bid.id, submission.value.status as BidStatusValue);
    return redirectWithFlash(request, back, { key: 'bids.settings.statusChanged' });
  }
  if (intent === 'outcome') {
    const submission = parseWithZod(formData, { schema: OutcomeSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    await recordOutcome(user, bid.id, submission.value);
    return redirectWithFlash(request, back, { key: 'bids.outcome.saved' });
  }
  throw new Response('Bad request', { status: 400 });
}

function useReply(intent: string) {
  const data = useActionData<typeof action>();
  return data && data.intent === intent ? data.result : undefined;
}

export default function BidSettings() {
  const { t } = useTranslation();
  const { bid, details, outcome, leadOrgs, allOrgs, fundingCalls, linkedTitle } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const pending = navigation.state !== 'idle';
  const [detailsForm, detailsFields] = useForm<z.input<typeof EditBidSchema>, z.output<typeof EditBidSchema>>({
    id: 'bid-details',
    lastResult: useReply('details'),
    // Conform's DefaultValue type cannot express the checkbox lists' preprocessed input.
    defaultValue: details as never,
    shouldValidate: 'onSubmit',
  });
  const [statusForm, statusFields] = useForm<z.input<typeof StatusSchema>, z.output<typeof StatusSchema>>({
    id: 'bid-status',
    lastResult: useReply('status'),
    defaultValue: { status: OUTCOME_STATUSES.includes(bid.status) ? '' : bid.status },
    shouldValidate: 'onSubmit',
  });
  const [outcomeForm, outcomeFields] = useForm<z.input<typeof OutcomeSchema>, z.output<typeof OutcomeSchema>>({
    id: 'bid-outcome',
    lastResult: useReply('outcome'),
    defaultValue: outcome,
    shouldValidate: 'onSubmit',
  });
  const [noticeForm, noticeFields] = useForm<z.input<typeof LinkNoticeSchema>, z.output<typeof LinkNoticeSchema>>({
    id: 'bid-notice',
    lastResult: useReply('link-notice'),
    defaultValue: { notice: bid.noticeId ?? '', noticeLink: '' },
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="stack">
      <section className="card" aria-labelledby="status-h">
        <h2 id="status-h">{t('bids.settings.statusTitle')}</h2>
        <ErrorSummary form={statusForm} fields={statusFields} />
        <Form method="post" {...getFormProps(statusForm)} className="form">
          <SelectField
            field={statusFields.status}
            label={t('bids.settings.status')}
            hint={t('bids.settings.statusHint')}
            options={[
              ...(OUTCOME_STATUSES.includes(bid.status) ? [{ value: '', label: t(`bids.status.${bid.status}`) }] : []),
              ...BID_STATUSES.filter((s) => !OUTCOME_STATUSES.includes(s)).map((s) => ({ value: s, label: t(`bids.status.${s}`) })),
            ]}
          />
          <SubmitButton name="intent" value="status" pending={pending}>
            {t('bids.settings.changeStatus')}
          </SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="outcome-form-h">
        <h2 id="outcome-form-h">{t('bids.outcome.record')}</h2>
        <ErrorSummary form={outcomeForm} fields={outcomeFields} />
        <Form method="post" {...getFormProps(outcomeForm)} className="form">
          <RadioField
            field={outcomeFields.result}
            legend={t('bids.outcome.result')}
            options={[
              { value: 'awarded', label: t('bids.status.awarded') },
              { value: 'not_awarded', label: t('bids.status.not_awarded') },
            ]}
          />
          <TextField field={outcomeFields.awardedAmount} label={t('bids.outcome.awardedAmount')} hint={t('bids.outcome.awardedAmountHint')} optional inputMode="decimal" maxLength={20} dir="ltr" />
          <TextField field={outcomeFields.decidedOn} label={t('bids.outcome.decidedOn')} type="date" />
          <TextAreaField field={outcomeFields.feedback} label={t('bids.outcome.feedback')} optional rows={4} maxLength={5000} />
          <p className="meta">{t('bids.outcome.trackRecord')}</p>
          <SubmitButton name="intent" value="outcome" pending={pending}>
            {t('bids.outcome.save')}
          </SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="link-notice-h">
        <h2 id="link-notice-h">{t('bids.linkNotice.title')}</h2>
        {bid.noticeId ? (
          <>
            <p>
              {t('bids.linkNotice.linkedTo')}{' '}
              <Link to={`/notices/${bid.noticeId}`} dir="auto">
                {linkedTitle ?? t('bids.onNotice.openCall')}
              </Link>
            </p>
            <Form method="post" className="inline-form">
              <SubmitButton name="intent" value="unlink-notice" pending={pending} className="button button--secondary">
                {t('bids.linkNotice.unlink')}
              </SubmitButton>
            </Form>
          </>
        ) : (
          <p className="meta">{t('bids.linkNotice.notLinked')}</p>
        )}
        <ErrorSummary form={noticeForm} fields={noticeFields} />
        <Form method="post" {...getFormProps(noticeForm)} className="form">
          <SelectField
            field={noticeFields.notice}
            label={t('bids.linkNotice.choose')}
            hint={fundingCalls.length ? undefined : t('bids.linkNotice.noneLive')}
            optional
            options={[{ value: '', label: t('bids.linkNotice.chooseNone') }, ...fundingCalls.map((n) => ({ value: n.id, label: n.title }))]}
          />
          <TextField field={noticeFields.noticeLink} label={t('bids.linkNotice.paste')} hint={t('bids.linkNotice.pasteHint')} optional maxLength={500} dir="ltr" inputMode="url" />
          <SubmitButton name="intent" value="link-notice" pending={pending}>
            {t('bids.linkNotice.link')}
          </SubmitButton>
        </Form>
      </section>

      {bid.noticeId ? (
        <section className="card" aria-labelledby="on-notice-h">
          <h2 id="on-notice-h">{t('bids.onNotice.title')}</h2>
          <p>
            <Link to={`/notices/${bid.noticeId}`}>{t('bids.onNotice.openCall')}</Link>
          </p>
          <Form method="post" className="form">
            <div className="field checkbox">
              <input type="checkbox" id="showOnNotice" name="showOnNotice" defaultChecked={bid.showOnNotice} aria-describedby="showOnNotice-hint" />
              <label htmlFor="showOnNotice">{t('bids.onNotice.setting')}</label>
            </div>
            <p id="showOnNotice-hint" className="field__hint">
              {t('bids.onNotice.settingHint')}
            </p>
            <SubmitButton name="intent" value="on-notice" pending={pending}>
              {t('bids.onNotice.save')}
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="details-h">
        <h2 id="details-h">{t('bids.settings.detailsTitle')}</h2>
        <ErrorSummary form={detailsForm} fields={detailsFields} />
        <Form method="post" {...getFormProps(detailsForm)} className="form">
          <BidDetailsFields fields={detailsFields} myOrgs={leadOrgs} allOrgs={allOrgs} />
          <SubmitButton name="intent" value="details" pending={pending}>
            {t('bids.settings.save')}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
