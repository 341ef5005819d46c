import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { SetupSchema } from '~/modules/auth/auth.schema.server';
import { createFirstSteward, hasSteward } from '~/modules/auth/accounts.server';
import { createSessionCookie } from '~/modules/auth/session.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { ErrorSummary, SubmitButton, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Set up · NOMI Workspace' }];

// Once a steward exists this page is gone for good (404), whoever asks.
export async function loader(_: LoaderFunctionArgs) {
  if (await hasSteward()) throw new Response('Not found', { status: 404 });
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  if (await hasSteward()) throw new Response('Not found', { status: 404 });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SetupSchema });
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password'] }), { status: 400 });
  const locale = await resolveLocale(request);
  const id = await createFirstSteward({ ...submission.value, locale });
  if (!id) throw new Response('Not found', { status: 404 });
  return redirect('/?welcome=steward', { headers: { 'Set-Cookie': await createSessionCookie(id) } });
}

export default function Setup() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof SetupSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <PageHeader title={t('auth.setup.title')} lead={t('auth.setup.lead')} />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <TextField field={fields.name} label={t('auth.fields.name')} autoComplete="name" />
        <TextField field={fields.email} label={t('auth.fields.email')} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t('auth.fields.newPassword')} hint={t('auth.password.hint')} type="password" autoComplete="new-password" />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('auth.setup.submit')}</SubmitButton>
      </Form>
    </>
  );
}
