import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { ApplicationSchema } from '~/modules/membership/membership.schema.server';
import { submitApplication } from '~/modules/membership/applications.server';
import { acceptNote, discardNote, discardUpload, parseFormWithNote } from '~/modules/membership/note-upload.server';
import { VoiceRecorderIsland } from '~/islands/voice-recorder';
import { checkHoneypot } from '~/modules/auth/honeypot.server';
import { clientIp, consume } from '~/modules/auth/rate-limit.server';
import { getUser } from '~/modules/auth/session.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { CITIES, SPOKEN_LANGUAGES, languageName } from '~/modules/members/reference';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useErrorText } from '~/ui/form';
import { Honeypot, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Ask to join · NOMI Workspace' }];

// The voice recorder (MediaRecorder) for the spoken application note comes to life as an island
// (app/islands): the page itself ships no app JavaScript, so a cheap phone answers taps at once.
export const handle: RouteHandle = { islands: ['voice-recorder'] };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/');
  const sent = new URL(request.url).searchParams.get('sent') === '1';
  return json({ sent });
}

export async function action({ request }: ActionFunctionArgs) {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > 30 * 1024 * 1024) throw new Response('Too large', { status: 413 });
  const formData = await parseFormWithNote(request, 'note');
  const upload = formData.get('note');
  // The note's server-made reference stays on the server: the reply echoes the form back.
  formData.delete('note');
  try {
    checkHoneypot(formData);
  } catch (error) {
    await discardUpload(upload);
    throw error;
  }
  const submission = parseWithZod(formData, { schema: ApplicationSchema });
  if (submission.status !== 'success') {
    await discardUpload(upload);
    // Said at once with the other problems (zod skips the schema's cross-field check when a field fails).
    const noContact = !String(formData.get('email') ?? '').trim() && !String(formData.get('phone') ?? '').trim();
    const fieldErrors = { ...(submission.error ?? {}), ...(noContact ? { email: ['membership.join.contact.required'] } : {}) } as Record<string, string[]>;
    return json(submission.reply({ fieldErrors }), { status: 400 });
  }
  const { note, problem } = await acceptNote(upload);
  if (problem) return json(submission.reply({ fieldErrors: { note: [`membership.join.note.${problem}`] } }), { status: 400 });
  const about = submission.value.about ?? '';
  if (!about && !note) {
    return json(submission.reply({ fieldErrors: { about: ['membership.join.about.required'] } }), { status: 400 });
  }
  if (await consume('joinIp', clientIp(request))) {
    await discardNote(note);
    return json(submission.reply({ formErrors: ['membership.join.limited'] }), { status: 429 });
  }
  await submitApplication({ ...submission.value, about, note, locale: await resolveLocale(request) });
  return redirect('/join?sent=1');
}

export default function Join() {
  const { t, i18n } = useTranslation();
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const errorText = useErrorText();
  const [form, fields] = useForm<z.input<typeof ApplicationSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
  });
  if (sent) {
    return (
      <>
        <PageHeader title={t('membership.join.sent.title')} />
        <p>{t('membership.join.sent.body')}</p>
      </>
    );
  }
  const noteError = errorText(fields.note.errors);
  return (
    <>
      <PageHeader title={t('membership.join.title')} lead={t('membership.join.lead')} />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="form">
        <Honeypot />
        <TextField field={fields.name} label={t('membership.join.name.label')} autoComplete="name" dir="auto" />
        <TextField field={fields.email} label={t('auth.fields.email')} hint={t('membership.join.email.hint')} type="email" autoComplete="email" optional />
        <TextField field={fields.phone} label={t('membership.join.phone.label')} hint={t('membership.join.phone.hint')} type="tel" autoComplete="tel" dir="ltr" optional />
        <SelectField
          field={fields.city}
          label={t('membership.join.city.label')}
          options={[{ value: '', label: t('common.form.choose') }, ...CITIES.map((c) => ({ value: c, label: t(`common.cities.${c}`) }))]}
        />
        <CheckboxesField
          field={fields.languages}
          legend={t('membership.join.languages.label')}
          hint={t('membership.join.languages.hint')}
          options={SPOKEN_LANGUAGES.map((code) => ({ value: code, label: languageName(code, i18n.language) }))}
        />
        <TextField field={fields.otherLanguage} label={t('membership.join.otherLanguage.label')} hint={t('membership.join.otherLanguage.hint')} dir="auto" optional />
        <TextAreaField field={fields.about} label={t('membership.join.about.label')} hint={t('membership.join.about.hint')} optional />
        <div className={`field${noteError ? ' field--error' : ''}`}>
          <label htmlFor={fields.note.id} className="field__label">
            {t('membership.join.note.label')} <span className="field__optional">{t('common.form.optional')}</span>
          </label>
          <p id={`${fields.note.id}-hint`} className="field__hint">
            {t('membership.join.note.hint')}
          </p>
          {noteError ? (
            <p id={fields.note.errorId} className="field__error">
              {noteError}
            </p>
          ) : null}
          <VoiceRecorderIsland sentBack={Boolean(lastResult) && !noteError} inputId={fields.note.id} name={fields.note.name} invalid={Boolean(noteError)} describedBy={[`${fields.note.id}-hint`, noteError ? fields.note.errorId : null].filter(Boolean).join(' ')} />
        </div>
        <SubmitButton pending={navigation.state !== 'idle'}>{t('membership.join.submit')}</SubmitButton>
      </Form>
    </>
  );
}
