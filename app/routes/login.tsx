import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { LoginSchema } from '~/modules/auth/auth.schema.server';
import { login, hasSteward } from '~/modules/auth/accounts.server';
import { getUser, safeRedirect } from '~/modules/auth/session.server';
import { clientIp } from '~/modules/auth/rate-limit.server';
import { ErrorSummary, SubmitButton, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import { relativeTimeFormat } from '~/utils/intl';

export const meta: MetaFunction = () => [{ title: 'Sign in · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await hasSteward())) throw redirect('/setup');
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')));
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password'] }), { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const result = await login(email, password, clientIp(request));
  if (!result.ok) {
    const message = result.reason === 'locked' ? 'auth.login.locked' : 'auth.login.invalid';
    return json(
      { ...submission.reply({ formErrors: [message], hideFields: ['password'] }), minutes: result.reason === 'locked' ? result.minutes : 0 },
      { status: result.reason === 'locked' ? 429 : 400 },
    );
  }
  return redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': result.cookie } });
}

export default function Login() {
  const { t, i18n } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof LoginSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const minutes = lastResult && 'minutes' in lastResult ? Number(lastResult.minutes) : 0;
  return (
    <>
      <PageHeader title={t('auth.login.title')} />
      {form.errors?.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t('common.form.problem')}</h2>
          <p>
            {t(form.errors[0]!, {
              // "in 15 minutes", pluralised correctly in every language by Intl.
              when: relativeTimeFormat(i18n.language, { numeric: 'always' }).format(minutes, 'minute'),
            })}
          </p>
        </div>
      ) : (
        <ErrorSummary form={form} fields={fields} />
      )}
      <Form method="post" {...getFormProps(form)} className="form">
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <TextField field={fields.email} label={t('auth.login.identifier.label')} hint={t('auth.login.identifier.hint')} autoComplete="username" dir="ltr" />
        <TextField field={fields.password} label={t('auth.fields.password')} type="password" autoComplete="current-password" />
        <div className="button-row">
          <SubmitButton pending={navigation.state !== 'idle'}>{t('auth.login.submit')}</SubmitButton>
          <Link to="/reset-password">{t('auth.login.forgot')}</Link>
        </div>
      </Form>
      <h2>{t('auth.login.notMemberTitle')}</h2>
      <p>
        {t('auth.login.notMember')} <Link to="/join">{t('auth.login.applyLink')}</Link>
      </p>
    </>
  );
}
