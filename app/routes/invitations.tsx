import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { can } from '~/policies';
import { AlreadyMemberError, authorizeInvite, createInvitation, listInvitations, revokeInvitation } from '~/modules/membership/invitations.server';
import { InvitationSchema } from '~/modules/membership/membership.schema.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { useFormat } from '~/utils/format';
import { ErrorSummary, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { EmptyState, PageHeader } from '~/ui/page';
import { notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Invitations · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await authorizeInvite(user);
  const seeAll = can(user, 'invitation.seeAll');
  const invitations = await listInvitations(seeAll ? {} : { invitedBy: user.id });
  return json({ invitations, isSteward: seeAll });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await authorizeInvite(user);
  const formData = await request.formData();
  if (formData.get('intent') === 'revoke') {
    const id = String(formData.get('id') ?? '').slice(0, 40);
    if (!(await revokeInvitation(id, user))) notFound();
    return redirectWithFlash(request, '/invitations', { key: 'membership.invitations.revoked' });
  }
  const submission = parseWithZod(formData, { schema: InvitationSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    await createInvitation({
      email: submission.value.email,
      message: submission.value.message ?? null,
      invitedBy: user.id,
      inviterName: user.name,
      locale: await resolveLocale(request),
    });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      return json(submission.reply({ fieldErrors: { email: ['membership.invitations.alreadyMember'] } }), { status: 409 });
    }
    throw error;
  }
  return redirectWithFlash(request, '/invitations', { key: 'membership.invitations.sent', values: { email: submission.value.email } });
}

export default function Invitations() {
  const { t } = useTranslation();
  const { invitations, isSteward } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const format = useFormat();
  const [form, fields] = useForm<z.input<typeof InvitationSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <PageHeader title={t('membership.invitations.title')} lead={t('membership.invitations.lead')} />
      <section className="card" aria-labelledby="new-invitation">
        <h2 id="new-invitation">{t('membership.invitations.new')}</h2>
        <ErrorSummary form={form} fields={fields} />
        <Form method="post" {...getFormProps(form)} className="form">
          <TextField field={fields.email} label={t('auth.fields.email')} type="email" autoComplete="off" />
          <TextAreaField field={fields.message} label={t('membership.invitations.message')} hint={t('membership.invitations.messageHint')} optional rows={3} />
          <SubmitButton pending={navigation.state !== 'idle'}>{t('membership.invitations.send')}</SubmitButton>
        </Form>
      </section>
      <h2>{isSteward ? t('membership.invitations.all') : t('membership.invitations.mine')}</h2>
      {invitations.length === 0 ? (
        <EmptyState title={t('membership.invitations.empty')} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('membership.invitations.all')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.fields.email')}</th>
                <th scope="col">{t('membership.invitations.statusLabel')}</th>
                <th scope="col">{t('membership.invitations.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  {/* Invitations handed over by WhatsApp have a phone number and no email. */}
                  <td dir="ltr">{i.email || i.phone}</td>
                  <td>{t(`membership.invitations.status.${i.status}`)}</td>
                  <td>{format.date(i.expires_at)}</td>
                  <td>
                    {i.status === 'pending' ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={i.id} />
                        <button type="submit" name="intent" value="revoke" className="button button--link">
                          {t('membership.invitations.revoke')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
