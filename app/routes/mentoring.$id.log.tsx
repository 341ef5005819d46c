import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { mentorshipSubject, participantView } from '~/modules/mentoring/mentorships.server';
import { abilitiesFor } from '~/modules/mentoring/access.server';
import { logSession } from '~/modules/mentoring/sessions.server';
import { SessionSchema } from '~/modules/mentoring/mentoring.schema.server';
import { ACTION_OWNERS, ACTION_ROWS, MODES, TOPICS, todayISO } from '~/modules/mentoring/constants';
import { attempt, idParam } from '~/modules/mentoring/route-helpers.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, RadioField } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import { DateOnlyField } from '~/ui/date-only-field';

export const meta: MetaFunction = () => [{ title: 'Log a session · NOMI Workspace' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await participantView(idParam(params.id), user);
  const abilities = abilitiesFor(user, mentorshipSubject(p.mentorship), ['mentoringSession.log']);
  return json({ id: p.mentorship.id, otherName: p.other.name, abilities, defaultMode: p.mentorship.mode, today: todayISO() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const p = await participantView(idParam(params.id), user);
  const submission = parseWithZod(await request.formData(), { schema: SessionSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await attempt(submission, () => logSession(p.mentorship.id, user, submission.value));
  if (!result.ok) return json(result.reply, { status: 409 });
  return redirectWithFlash(request, `/mentoring/${p.mentorship.id}`, { key: 'mentoring.log.saved' });
}

export default function LogSession() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const defaults: Record<string, string> = { heldOn: data.today, duration: '60', mode: data.defaultMode };
  for (let i = 1; i <= ACTION_ROWS; i++) defaults[`action${i}Owner`] = 'mentee';
  const [form, fields] = useForm<z.input<typeof SessionSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
    defaultValue: defaults,
  });
  const f = fields as unknown as Record<string, (typeof fields)['notes']>;
  return (
    <>
      <PageHeader title={t('mentoring.log.title')} lead={t('mentoring.log.lead', { name: data.otherName })} />
      <p>
        <Link to={`/mentoring/${data.id}`}>{t('mentoring.detail.back')}</Link>
      </p>
      {!data.abilities['mentoringSession.log'] ? (
        <p className="notice notice--warning">{t('mentoring.session.notWritable')}</p>
      ) : (
        <>
          <ErrorSummary form={form} fields={fields} />
          <Form method="post" {...getFormProps(form)} className="form">
            <div className="mentoring-pair-fields">
              <DateOnlyField field={fields.heldOn} label={t('mentoring.fields.heldOn')} max={data.today} />
              <TextField field={fields.duration} label={t('mentoring.fields.duration')} hint={t('mentoring.fields.durationHint')} type="number" inputMode="numeric" min={1} max={720} step={1} />
            </div>
            <RadioField field={fields.mode} legend={t('mentoring.fields.sessionMode')} inline options={MODES.map((m) => ({ value: m, label: t(`mentoring.modes.${m}`) }))} />
            <CheckboxesField field={fields.topics} legend={t('mentoring.fields.topics')} options={TOPICS.map((topic) => ({ value: topic, label: t(`mentoring.topics.${topic}`) }))} />
            <TextAreaField field={fields.notes} label={t('mentoring.fields.notes')} hint={t('mentoring.fields.notesHint')} optional rows={4} />
            <h2>{t('mentoring.log.actionsTitle')}</h2>
            <p className="field__hint">{t('mentoring.log.actionsHint')}</p>
            {Array.from({ length: ACTION_ROWS }, (_, k) => k + 1).map((i) => (
              <fieldset key={i} className="fieldset mentoring-action-row">
                <legend className="field__label">{t('mentoring.log.actionN', { n: i })}</legend>
                <TextField field={f[`action${i}Title`]!} label={t('mentoring.actions.what')} optional dir="auto" />
                <div className="mentoring-pair-fields">
                  <SelectField field={f[`action${i}Owner`]!} label={t('mentoring.actions.who')} options={ACTION_OWNERS.map((o) => ({ value: o, label: t(`mentoring.actions.owner.${o}`) }))} />
                  <DateOnlyField field={f[`action${i}Due`]!} label={t('mentoring.actions.byWhen')} optional />
                </div>
              </fieldset>
            ))}
            <SubmitButton pending={navigation.state !== 'idle'}>{t('mentoring.log.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
