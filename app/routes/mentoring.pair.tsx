import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/mentoring/access.server';
import { pairMembers, pairableMembers } from '~/modules/mentoring/mentorships.server';
import { PairSchema } from '~/modules/mentoring/mentoring.schema.server';
import { FREQUENCIES, MODES, todayISO } from '~/modules/mentoring/constants';
import { attempt } from '~/modules/mentoring/route-helpers.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SelectField, SubmitButton, TextAreaField, RadioField } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import { DateOnlyField } from '~/ui/date-only-field';

export const meta: MetaFunction = () => [{ title: 'Pair two members · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const steward = await requireUser(request);
  authorize(steward, 'mentorship.pair');
  const members = await pairableMembers();
  return json({ members: members.map((m) => ({ id: m.id, name: m.name, mentor: m.is_mentor === 1 })), me: steward.id, today: todayISO() });
}

export async function action({ request }: ActionFunctionArgs) {
  const steward = await requireUser(request);
  authorize(steward, 'mentorship.pair');
  const submission = parseWithZod(await request.formData(), { schema: PairSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { mentor, mentee, ...agreement } = submission.value;
  const r = await attempt(submission, () => pairMembers(steward, { ...agreement, mentorId: mentor, menteeId: mentee }));
  if (!r.ok) return json(r.reply, { status: 409 });
  // The steward is not part of the pair, so they go back to the list, not to the mentorship.
  return redirectWithFlash(request, '/mentoring', { key: 'mentoring.pair.done' });
}

export default function PairMembers() {
  const { t } = useTranslation();
  const { members, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof PairSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
    defaultValue: { startOn: today, frequency: 'monthly', mode: 'video' },
  });
  const choose = { value: '', label: t('common.form.choose') };
  return (
    <>
      <PageHeader title={t('mentoring.pair.title')} lead={t('mentoring.pair.lead')} />
      <ErrorSummary form={form} fields={fields} />
      {form.errors?.length ? <p className="notice notice--warning">{t(form.errors[0]!)}</p> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <SelectField
          field={fields.mentor}
          label={t('mentoring.pair.mentor')}
          options={[choose, ...members.map((m) => ({ value: m.id, label: m.mentor ? t('mentoring.pair.mentorName', { name: m.name }) : m.name }))]}
        />
        <SelectField field={fields.mentee} label={t('mentoring.pair.mentee')} options={[choose, ...members.map((m) => ({ value: m.id, label: m.name }))]} />
        <TextAreaField field={fields.goals} label={t('mentoring.fields.goals')} hint={t('mentoring.pair.goalsHint')} rows={3} />
        <RadioField field={fields.frequency} legend={t('mentoring.fields.frequency')} options={FREQUENCIES.map((f) => ({ value: f, label: t(`mentoring.frequencies.${f}`) }))} />
        <RadioField field={fields.mode} legend={t('mentoring.fields.mode')} options={MODES.map((m) => ({ value: m, label: t(`mentoring.modes.${m}`) }))} />
        <DateOnlyField field={fields.startOn} label={t('mentoring.fields.startOn')} />
        <TextAreaField field={fields.message} label={t('mentoring.pair.message')} optional rows={3} />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('mentoring.pair.submit')}</SubmitButton>
      </Form>
    </>
  );
}
