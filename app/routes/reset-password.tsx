import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { ResetRequestSchema, ResetSchema } from '~/modules/auth/auth.schema.server';
import { requestPasswordReset, resetPassword, resetTokenState } from '~/modules/auth/accounts.server';
import { clientIp } from '~/modules/auth/rate-limit.server';
import { checkHoneypot } from '~/modules/auth/honeypot.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { ErrorSummary, SubmitButton, TextField } from '~/ui/form';
import { Honeypot, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [
  { title: 'Reset your password · NOMI Workspace' },
  // same-origin, not no-referrer: the token in the address never goes to another site, and the form's
  // POST still carries our Origin (with no-referrer it is "null", and Remix refuses the action).
  { name: 'referrer', content: 'same-origin' },
];

/** One route for both steps: ask for a link; then, with ?token=, choose a new password. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token');
  if (!token) return json({ step: 'request' as const, token: null });
  const state = await resetTokenState(token);
  return json({ step: state === 'valid' ? ('choose' as const) : ('invalid' as const), token: state === 'valid' ? token : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get('intent') === 'choose') {
    const submission = parseWithZod(formData, { schema: ResetSchema });
    if (submission.status !== 'success') return json({ sent: false, result: submission.reply({ hideFields: ['password'] }) }, { status: 400 });
    const result = await resetPassword(submission.value.token, submission.value.password);
    if (!result.ok) return json({ sent: false, result: submission.reply({ formErrors: ['auth.reset.invalid.body'], hideFields: ['password'] }) }, { status: 410 });
    return redirect('/?reset=done', { headers: { 'Set-Cookie': result.cookie } });
  }
  checkHoneypot(formData);
  const submission = parseWithZod(formData, { schema: ResetRequestSchema });
  if (submission.status !== 'success') return json({ sent: false, result: submission.reply() }, { status: 400 });
  const outcome = await requestPasswordReset(submission.value.email, clientIp(request), await resolveLocale(request));
  if (outcome === 'limited') return json({ sent: false, result: submission.reply({ formErrors: ['auth.reset.limited'] }) }, { status: 429 });
  // Same answer whether or not the address belongs to a member.
  return json({ sent: true, result: submission.reply({ resetForm: true }) });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ResetSchema> | z.input<typeof ResetRequestSchema>>({
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
  });

  if (data.step === 'invalid') {
    return (
      <>
        <PageHeader title={t('auth.reset.invalid.title')} />
        <p>{t('auth.reset.invalid.body')}</p>
        <p>
          <Link to="/reset-password" className="button">
            {t('auth.reset.requestAgain')}
          </Link>
        </p>
      </>
    );
  }
  if (actionData?.sent) {
    return (
      <>
        <PageHeader title={t('auth.reset.sent.title')} />
        <p>{t('auth.reset.sent.body')}</p>
        <p>
          <Link to="/login">{t('auth.reset.backToSignIn')}</Link>
        </p>
      </>
    );
  }
  const formErrors = form.errors ?? [];
  return (
    <>
      <PageHeader title={t(data.step === 'choose' ? 'auth.reset.choose.title' : 'auth.reset.request.title')} lead={data.step === 'request' ? t('auth.reset.request.lead') : undefined} />
      {formErrors.length && !Object.values(fields).some((f) => f.errors?.length) ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">{t('common.form.problem')}</h2>
          <p>{t(formErrors[0]!)}</p>
        </div>
      ) : (
        <ErrorSummary form={form} fields={fields} />
      )}
      <Form method="post" {...getFormProps(form)} className="form">
        {data.step === 'choose' ? (
          <>
            <input type="hidden" name="intent" value="choose" />
            <input type="hidden" name="token" value={data.token ?? ''} />
            <TextField field={fields.password} label={t('auth.fields.newPassword')} hint={t('auth.password.hint')} type="password" autoComplete="new-password" />
            <SubmitButton pending={navigation.state !== 'idle'}>{t('auth.reset.choose.submit')}</SubmitButton>
          </>
        ) : (
          <>
            <Honeypot />
            <TextField field={fields.email} label={t('auth.fields.email')} type="email" autoComplete="email" />
            <SubmitButton pending={navigation.state !== 'idle'}>{t('auth.reset.request.submit')}</SubmitButton>
            <p className="meta">{t('auth.reset.request.phoneHint')}</p>
          </>
        )}
      </Form>
    </>
  );
}
