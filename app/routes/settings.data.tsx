import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { endSession, requireUser, signedOutHeaders } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { deleteAccount } from '~/modules/directory/account.server';
import { DeleteAccountSchema as DeleteSchema } from '~/modules/directory/directory.schema.server';
import { ErrorSummary, SubmitButton, TextField } from '~/ui/form';
import { notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Your data · NOMI Workspace' }];


export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: DeleteSchema });
  if (submission.status !== 'success') return json(submission.reply({ hideFields: ['password'] }), { status: 400 });
  const result = await deleteAccount(user.id, submission.value.password);
  if (result === 'wrongPassword') {
    return json(submission.reply({ fieldErrors: { password: ['directory.data.wrongPassword'] }, hideFields: ['password'] }), { status: 400 });
  }
  if (result === 'notFound') notFound();
  // A shared phone keeps nothing of the deleted account: cached pages, offline drafts.
  return redirectWithFlash(request, '/', { key: 'directory.data.deleted', tone: 'info' }, signedOutHeaders(await endSession(request)));
}

export default function YourData() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof DeleteSchema>>({
    id: 'delete-account',
    lastResult,
    shouldValidate: 'onSubmit',
  });
  return (
    <div className="stack">
      <section className="card" aria-labelledby="download-title">
        <h2 id="download-title">{t('directory.data.downloadTitle')}</h2>
        <p>{t('directory.data.downloadBody')}</p>
        <p>
          <a href="/settings/export" className="button button--secondary" download>
            {t('directory.data.download')}
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="delete-title">
        <h2 id="delete-title">{t('directory.data.deleteTitle')}</h2>
        <p>{t('directory.data.deleteBody')}</p>
        <ErrorSummary form={form} fields={fields} />
        <Form method="post" {...getFormProps(form)} className="form">
          <TextField field={fields.password} label={t('directory.data.password')} type="password" autoComplete="current-password" />
          <div className={`field${fields.confirm.errors?.length ? ' field--error' : ''}`}>
            {fields.confirm.errors?.length ? (
              <p id={fields.confirm.errorId} className="field__error">
                {t(fields.confirm.errors[0]!)}
              </p>
            ) : null}
            <label className="checkbox">
              <input type="checkbox" id={fields.confirm.id} name={fields.confirm.name} aria-describedby={fields.confirm.errors?.length ? fields.confirm.errorId : undefined} />
              <span>{t('directory.data.confirm')}</span>
            </label>
          </div>
          <SubmitButton pending={navigation.state !== 'idle'} className="button button--danger">
            {t('directory.data.delete')}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
