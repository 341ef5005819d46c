import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { themeLabelKey } from '~/modules/directory/themes';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { getSubscription, subscribe, unsubscribe } from '~/modules/notices/digest.server';
import { NOTICE_CITIES, NOTICE_THEMES } from '~/modules/notices/constants';
import { DigestSchema } from '~/modules/notices/notices.schema.server';
import { CheckboxesField, ErrorSummary, SubmitButton } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Weekly noticeboard email · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ subscription: await getSubscription(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: DigestSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  if (submission.value.subscribe) {
    await subscribe(user.id, { cities: submission.value.cities, themes: submission.value.themes });
    return redirectWithFlash(request, '/notices/digest', { key: 'notices.digest.saved' });
  }
  await unsubscribe(user.id);
  return redirectWithFlash(request, '/notices/digest', { key: 'notices.digest.stopped' });
}

export default function DigestSettings() {
  const { t } = useTranslation();
  const { subscription } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof DigestSchema>>({
    lastResult,
    defaultValue: { subscribe: subscription ? 'on' : undefined, cities: subscription?.cities ?? [], themes: subscription?.themes ?? [] } as Record<string, string | string[] | undefined>,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <PageHeader title={t('notices.digest.title')} lead={t('notices.digest.lead')}>
        <p>
          <Link to="/notices">{t('notices.detail.back')}</Link>
        </p>
      </PageHeader>
      <p role="status">{t(subscription ? 'notices.digest.on' : 'notices.digest.off')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <label className="checkbox">
          <input type="checkbox" name={fields.subscribe.name} value="on" defaultChecked={Boolean(subscription)} />
          <span>{t('notices.digest.subscribe')}</span>
        </label>
        <CheckboxesField field={fields.cities} legend={t('notices.digest.cities')} hint={t('notices.digest.anyHint')} options={NOTICE_CITIES.map((c) => ({ value: c, label: t(`notices.cities.${c}`) }))} />
        <CheckboxesField field={fields.themes} legend={t('notices.digest.themes')} hint={t('notices.digest.anyHint')} options={NOTICE_THEMES.map((th) => ({ value: th, label: t(themeLabelKey(th)) }))} />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('notices.digest.save')}</SubmitButton>
      </Form>
    </>
  );
}
