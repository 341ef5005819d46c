import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import type { z } from 'zod';
import { requireUser } from '~/modules/auth/session.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { NewBidSchema } from '~/modules/bids/bids.schema.server';
import { BidInputError, createBid, myOrganisations, organisationOptions } from '~/modules/bids/bids.server';
import { TEMPLATES, fromLondonInput, moneyInput, parseMoney, toLondonInput } from '~/modules/bids/constants';
import { BidDetailsFields } from '~/modules/bids/components/details-fields';
import { ErrorSummary, SubmitButton, RadioField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Start a joint bid · NOMI Workspace' }];

/** Prefill from the query string (the noticeboard's "Start a joint bid" links here). Only shapes are checked. */
function prefill(url: URL) {
  const q = (name: string, max = 200) => (url.searchParams.get(name) ?? '').trim().slice(0, max);
  const deadlineRaw = q('deadline', 30);
  let deadline = '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(deadlineRaw)) deadline = `${deadlineRaw}T12:00`;
  else if (fromLondonInput(deadlineRaw) !== null) deadline = deadlineRaw.slice(0, 16);
  else if (/^\d{4}-\d{2}-\d{2}T/.test(deadlineRaw) && !Number.isNaN(Date.parse(deadlineRaw))) deadline = toLondonInput(Date.parse(deadlineRaw));
  const amount = parseMoney(q('amount', 20));
  const notice = q('notice', 40);
  return {
    funder: q('funder'),
    callName: q('call'),
    link: /^https?:\/\//i.test(q('link', 500)) ? q('link', 500) : '',
    deadline,
    amount: amount === null ? '' : moneyInput(amount),
    noticeId: /^[A-Za-z0-9_-]{1,40}$/.test(notice) ? notice : '',
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    defaults: { ...prefill(new URL(request.url)), currency: 'GBP', template: 'awards-for-all' },
    myOrgs: await myOrganisations(user.id),
    allOrgs: await organisationOptions(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NewBidSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const id = await createBid(submission.value, user, await resolveLocale(request));
    return redirectWithFlash(request, `/bids/${id}`, { key: 'bids.created' });
  } catch (error) {
    if (error instanceof BidInputError) return json(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    throw error;
  }
}

export default function NewBid() {
  const { t } = useTranslation();
  const { defaults, myOrgs, allOrgs } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof NewBidSchema>, z.output<typeof NewBidSchema>>({
    lastResult,
    defaultValue: defaults,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <PageHeader title={t('bids.new.title')} lead={t('bids.new.lead')} />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <input type="hidden" name={fields.noticeId.name} value={defaults.noticeId} />
        <RadioField
          field={fields.template}
          legend={t('bids.new.template')}
          hint={t('bids.new.templateHint')}
          options={TEMPLATES.map((tpl) => ({
            value: tpl.id,
            label: t(`bids.templates.${tpl.id}.name`),
            hint: tpl.sections.length ? t('bids.new.templateSections', { count: tpl.sections.length }) : t('bids.new.templateBlank'),
          }))}
        />
        <BidDetailsFields fields={fields} myOrgs={myOrgs} allOrgs={allOrgs} />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('bids.new.submit')}</SubmitButton>
      </Form>
    </>
  );
}


