import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { deleteConversation, getConversation, reply } from '~/modules/directory/contact.server';
import { ReplySchema } from '~/modules/directory/directory.schema.server';
import { ErrorSummary, SubmitButton, TextAreaField } from '~/ui/form';
import { useFormat } from '~/utils/format';

export const meta: MetaFunction = () => [{ title: 'Conversation · NOMI Workspace' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversation = await getConversation(params.id ?? '', user);
  return json({ conversation });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? '';
  // A stranger learns nothing, not even whether their input was valid: 404 before anything else.
  await getConversation(id, user);
  const formData = await request.formData();
  if (formData.get('intent') === 'delete') {
    await deleteConversation(id, user);
    return redirectWithFlash(request, '/conversations', { key: 'directory.conversations.deleted' });
  }
  const submission = parseWithZod(formData, { schema: ReplySchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await reply(id, user, submission.value.body);
  if (result === 'blocked') return json(submission.reply({ formErrors: ['directory.contact.cannotReply'] }), { status: 403 });
  return redirect(`/conversations/${id}#latest`);
}

export default function ConversationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { conversation: c } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ReplySchema>>({
    id: 'reply',
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const otherName = c.other.name ?? t('common.formerMember');
  return (
    <>
      <div className="page-header">
        <h1 dir="auto">{t('directory.conversations.with', { name: otherName })}</h1>
        <p>
          <Link to="/conversations">{t('directory.conversations.all')}</Link>
          {c.other.active ? (
            <>
              {' · '}
              <Link to={`/members/${c.other.id}`}>{t('directory.conversations.profile')}</Link>
            </>
          ) : null}
        </p>
      </div>
      <ol className="list-plain thread">
        {c.messages.map((m, i) => (
          <li key={m.id} className={`thread__message${m.mine ? ' thread__message--mine' : ''}`} id={i === c.messages.length - 1 ? 'latest' : undefined}>
            <p className="meta">
              {m.mine ? t('directory.conversations.you') : otherName} · {format.dateTime(m.createdAt)}
              {m.introduction ? ` · ${t('directory.conversations.introduction')}` : ''}
            </p>
            <p dir="auto" className="profile__bio">
              {m.body}
            </p>
          </li>
        ))}
      </ol>
      {c.other.active && !c.blockedByMe ? (
        <section className="card" aria-labelledby="reply-title">
          <h2 id="reply-title">{t('directory.conversations.reply')}</h2>
          <ErrorSummary form={form} fields={fields} />
          <Form method="post" {...getFormProps(form)} className="form">
            <TextAreaField field={fields.body} label={t('directory.conversations.message')} rows={4} maxLength={2000} />
            <SubmitButton pending={navigation.state !== 'idle'}>{t('directory.conversations.send')}</SubmitButton>
          </Form>
        </section>
      ) : (
        <p className="meta">{c.blockedByMe ? t('directory.contact.youBlocked') : t('directory.conversations.closed')}</p>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button button--link">
          {t('directory.conversations.delete')}
        </button>
      </Form>
    </>
  );
}
