import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { SignupSchema } from '~/modules/auth/auth.schema.server';
import { acceptInvitation, findInvitation } from '~/modules/membership/invitations.server';
import { createSessionCookie } from '~/modules/auth/session.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { ErrorSummary, SubmitButton, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [
  { title: 'Join NOMI Workspace' },
  // same-origin, not no-referrer: the token in the address never goes to another site, and the form's
  // POST still carries our Origin (with no-referrer it is "null", and Remix refuses the action).
  { name: 'referrer', content: 'same-origin' },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token ?? '');
  if (invitation.state !== 'valid') return json({ state: invitation.state } as const, { status: invitation.state === 'unknown' ? 404 : 410 });
  return json({
    state: 'valid' as const,
    email: invitation.email,
    phone: invitation.phone,
    message: invitation.message,
    inviterName: invitation.inviterName,
    suggestedName: invitation.applicantName ?? '',
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password'] }), { status: 400 });
  const result = await acceptInvitation(params.token ?? '', { ...submission.value, locale: await resolveLocale(request) });
  if (!result.ok) {
    const message = result.reason === 'emailTaken' ? 'membership.invite.accept.emailTaken' : 'membership.invite.accept.invalid';
    return json(submission.reply({ formErrors: [message], hideFields: ['password'] }), { status: 409 });
  }
  return redirect('/?welcome=member', { headers: { 'Set-Cookie': await createSessionCookie(result.userId) } });
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof SignupSchema>>({
    lastResult,
    defaultValue: data.state === 'valid' ? { name: data.suggestedName } : undefined,
    shouldValidate: 'onSubmit',
  });
  if (data.state !== 'valid') {
    return (
      <>
        <PageHeader title={t(`membership.invite.accept.${data.state}.title`)} />
        <p>{t(`membership.invite.accept.${data.state}.body`)}</p>
        <p className="button-row">
          <Link to="/login" className="button button--secondary">
            {t('common.signIn')}
          </Link>
          <Link to="/join">{t('common.join')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('membership.invite.accept.title')} lead={t('membership.invite.accept.lead')} />
      {data.message ? (
        <blockquote className="card" dir="auto">
          <p>{data.message}</p>
          {data.inviterName ? <footer className="meta">— {data.inviterName}</footer> : null}
        </blockquote>
      ) : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        {data.email ? (
          <div className="field">
            <span className="field__label">{t('auth.fields.email')}</span>
            <span dir="ltr">{data.email}</span>
          </div>
        ) : (
          // Joined with a phone number: it is what they will sign in with.
          <div className="field">
            <span className="field__label">{t('membership.join.phone.label')}</span>
            <span dir="ltr">{data.phone}</span>
            <p className="field__hint">{t('membership.invite.accept.phoneSignIn')}</p>
          </div>
        )}
        <TextField field={fields.name} label={t('auth.fields.name')} hint={t('membership.invite.accept.nameHint')} autoComplete="name" dir="auto" />
        <TextField field={fields.password} label={t('auth.fields.newPassword')} hint={t('auth.password.hint')} type="password" autoComplete="new-password" />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('membership.invite.accept.submit')}</SubmitButton>
      </Form>
    </>
  );
}
