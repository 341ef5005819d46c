import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser, endAllSessions, endSession, signedOutHeaders } from '~/modules/auth/session.server';
import { can } from '~/policies';
import { ChangePasswordSchema } from '~/modules/auth/auth.schema.server';
import { AccountSchema } from '~/modules/auth/settings.schema.server';
import { changePassword, updateOwnAccount } from '~/modules/auth/accounts.server';
import { emailPreferences, saveEmailPreferences } from '~/modules/notifications/notifications.server';
import { kindTextKey } from '~/modules/notifications/kinds';
import { localeCookie } from '~/modules/i18n/i18next.server';
import { LANGUAGES } from '~/modules/i18n/config';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SelectField, SubmitButton, TextField } from '~/ui/form';
import { badRequest } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Settings · NOMI Workspace' }];

// Ships the client (~/utils/route-handle): a new interface language applies without a reload.
export const handle: RouteHandle = { hydrate: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    account: { name: user.name, email: user.email, locale: user.locale ?? 'en', isMentor: user.isMentor },
    prefs: await emailPreferences(user.id, can(user, 'notificationPrefs.stewardKinds')),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'account') {
    const submission = parseWithZod(formData, { schema: AccountSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    const { name, locale, isMentor } = submission.value;
    await updateOwnAccount(user.id, { name, locale, isMentor });
    return redirectWithFlash(request, '/settings', { key: 'settings.account.saved' }, { 'Set-Cookie': await localeCookie.serialize(locale) });
  }
  if (intent === 'password') {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply({ hideFields: ['currentPassword', 'password'] }) }, { status: 400 });
    const result = await changePassword(user.id, submission.value.currentPassword, submission.value.password);
    if (!result.ok) {
      return json(
        { intent, result: submission.reply({ fieldErrors: { currentPassword: ['settings.password.wrongCurrent'] }, hideFields: ['currentPassword', 'password'] }) },
        { status: 400 },
      );
    }
    return redirectWithFlash(request, '/settings', { key: 'settings.password.changed' }, { 'Set-Cookie': result.cookie });
  }
  if (intent === 'email-prefs') {
    const kinds = new Set(formData.getAll('email').filter((v): v is string => typeof v === 'string'));
    await saveEmailPreferences(user.id, kinds, can(user, 'notificationPrefs.stewardKinds'));
    return redirectWithFlash(request, '/settings', { key: 'settings.emails.saved' });
  }
  if (intent === 'sign-out-everywhere') {
    await endAllSessions(user.id);
    // This device is signed out too: like signing out, nothing of the member's stays on it.
    return redirectWithFlash(request, '/login', { key: 'settings.sessions.done', tone: 'info' }, signedOutHeaders(await endSession(request)));
  }
  badRequest();
}

export default function AccountSettings() {
  const { t } = useTranslation();
  const { account, prefs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [accountForm, accountFields] = useForm<z.input<typeof AccountSchema>>({
    id: 'account',
    lastResult: actionData?.intent === 'account' ? actionData.result : undefined,
    defaultValue: { name: account.name, locale: account.locale, isMentor: account.isMentor ? 'on' : undefined },
    shouldValidate: 'onSubmit',
  });
  const [passwordForm, passwordFields] = useForm<z.input<typeof ChangePasswordSchema>>({
    id: 'password',
    lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="stack">
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('settings.account.title')}</h2>
        <p className="meta">
          {t('auth.fields.email')}: <span dir="ltr">{account.email}</span>
        </p>
        <ErrorSummary form={accountForm} fields={accountFields} />
        <Form method="post" {...getFormProps(accountForm)} className="form">
          <input type="hidden" name="intent" value="account" />
          <TextField field={accountFields.name} label={t('auth.fields.name')} autoComplete="name" dir="auto" />
          <SelectField field={accountFields.locale} label={t('settings.account.language')} options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))} />
          <label className="checkbox">
            <input type="checkbox" name="isMentor" defaultChecked={account.isMentor} />
            <span>{t('settings.account.mentor')}</span>
          </label>
          <SubmitButton>{t('common.save')}</SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t('settings.password.title')}</h2>
        <p>{t('settings.password.lead')}</p>
        <ErrorSummary form={passwordForm} fields={passwordFields} />
        <Form method="post" {...getFormProps(passwordForm)} className="form">
          <input type="hidden" name="intent" value="password" />
          <TextField field={passwordFields.currentPassword} label={t('settings.password.current')} type="password" autoComplete="current-password" />
          <TextField field={passwordFields.password} label={t('auth.fields.newPassword')} hint={t('auth.password.hint')} type="password" autoComplete="new-password" />
          <SubmitButton>{t('settings.password.submit')}</SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="emails-title">
        <h2 id="emails-title">{t('settings.emails.title')}</h2>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="email-prefs" />
          <fieldset className="fieldset">
            <legend className="field__label">{t('settings.emails.legend')}</legend>
            <p className="field__hint">{t('settings.emails.hint')}</p>
            {prefs.map((p) => (
              <label key={p.kind} className="checkbox">
                <input type="checkbox" name="email" value={p.kind} defaultChecked={p.email} />
                <span>{t(`${kindTextKey(p.kind)}.pref`)}</span>
              </label>
            ))}
          </fieldset>
          <SubmitButton>{t('common.save')}</SubmitButton>
        </Form>
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('settings.sessions.title')}</h2>
        <p>{t('settings.sessions.lead')}</p>
        <Form method="post">
          <button type="submit" name="intent" value="sign-out-everywhere" className="button button--secondary">
            {t('settings.sessions.submit')}
          </button>
        </Form>
      </section>
    </div>
  );
}
