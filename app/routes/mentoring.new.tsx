import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { availableMentors, mentorAvailability, mentorSummary, requestMentoring } from '~/modules/mentoring/mentorships.server';
import { RequestSchema } from '~/modules/mentoring/mentoring.schema.server';
import { FREQUENCIES, MODES, todayISO } from '~/modules/mentoring/constants';
import { attempt, idParam } from '~/modules/mentoring/route-helpers.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SubmitButton, TextAreaField, RadioField } from '~/ui/form';
import { DateOnlyField } from '~/ui/date-only-field';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Ask for mentoring · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const mentorId = idParam(new URL(request.url).searchParams.get('mentor'));
  if (!mentorId) return json({ mode: 'choose' as const, mentors: await availableMentors(user.id), mentor: null, availability: null, today: todayISO() });
  const mentor = mentorId === user.id ? null : await mentorSummary(mentorId);
  if (!mentor) throw new Response('Not found', { status: 404 });
  return json({ mode: 'ask' as const, mentors: [], mentor, availability: await mentorAvailability(mentor.id), today: todayISO() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: RequestSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { mentor, ...agreement } = submission.value;
  const result = await attempt(submission, () => requestMentoring(user, { ...agreement, mentorId: mentor }));
  if (!result.ok) return json(result.reply, { status: 409 });
  return redirectWithFlash(request, `/mentoring/${result.value}`, { key: 'mentoring.request.sent' });
}

export default function NewMentoring() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof RequestSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
    defaultValue: { mentor: data.mentor?.id ?? '', startOn: data.today, frequency: 'monthly', mode: 'video' },
  });

  if (data.mode === 'choose') {
    return (
      <>
        <PageHeader title={t('mentoring.new.chooseTitle')} lead={t('mentoring.new.chooseLead')} />
        {data.mentors.length === 0 ? (
          <EmptyState title={t('mentoring.new.noMentors')} />
        ) : (
          <ul className="list-plain list-rows">
            {data.mentors.map((m) => (
              <li key={m.id} className="mentoring-mentor">
                <h2 className="h3" dir="auto">
                  {m.name}
                </h2>
                {m.headline ? (
                  <p dir="auto" className="meta">
                    {m.headline}
                  </p>
                ) : null}
                {m.city ? <p className="meta">{t(`common.cities.${m.city}`)}</p> : null}
                <Link to={`/mentoring/new?mentor=${encodeURIComponent(m.id)}`} className="button button--secondary">
                  {t('mentoring.new.askName', { name: m.name })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  const mentor = data.mentor!;
  const unavailable = data.availability !== 'available';
  return (
    <>
      <PageHeader title={t('mentoring.new.title', { name: mentor.name })} lead={t('mentoring.new.lead')} />
      {unavailable ? (
        <div className="notice notice--warning" role="status">
          <p>{t(data.availability === 'at_capacity' ? 'mentoring.request.atCapacity' : 'mentoring.request.notOpen')}</p>
          <Link to="/mentoring/new">{t('mentoring.new.chooseAnother')}</Link>
        </div>
      ) : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <input type="hidden" name={fields.mentor.name} value={mentor.id} />
        {fields.mentor.errors?.length ? (
          <p className="field__error" id={fields.mentor.id} tabIndex={-1}>
            {t(fields.mentor.errors[0]!)} <Link to="/mentoring/new">{t('mentoring.new.chooseAnother')}</Link>
          </p>
        ) : null}
        <TextAreaField field={fields.goals} label={t('mentoring.fields.goals')} hint={t('mentoring.fields.goalsHint')} rows={4} />
        <RadioField field={fields.frequency} legend={t('mentoring.fields.frequency')} options={FREQUENCIES.map((f) => ({ value: f, label: t(`mentoring.frequencies.${f}`) }))} />
        <RadioField field={fields.mode} legend={t('mentoring.fields.mode')} options={MODES.map((m) => ({ value: m, label: t(`mentoring.modes.${m}`) }))} />
        <DateOnlyField field={fields.startOn} label={t('mentoring.fields.startOn')} />
        <TextAreaField field={fields.message} label={t('mentoring.fields.message')} hint={t('mentoring.fields.messageHint')} optional rows={3} />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('mentoring.new.submit')}</SubmitButton>
      </Form>
    </>
  );
}
