import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { OrgSchema } from '~/modules/directory/directory.schema.server';
import { createOrg, hostOptions, SlugTakenError } from '~/modules/directory/orgs.server';
import { listTags } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { OrgForm } from '~/modules/directory/components/org-form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'New organisation · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ hosts: await hostOptions(), tags: await listTags(await resolveLocale(request)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: OrgSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    await createOrg(user.id, submission.value);
  } catch (error) {
    if (error instanceof SlugTakenError) return json(submission.reply({ fieldErrors: { slug: ['directory.orgs.slugTaken'] } }), { status: 409 });
    throw error;
  }
  return redirectWithFlash(request, `/orgs/${submission.value.slug}`, { key: 'directory.orgs.created' });
}

export default function NewOrg() {
  const { t } = useTranslation();
  const { hosts, tags } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<Record<string, any>>({
    id: 'org',
    lastResult,
    defaultValue: { legalForm: 'unincorporated' },
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <PageHeader title={t('directory.orgs.newTitle')} lead={t('directory.orgs.newLead')} />
      <OrgForm form={form} fields={fields} hosts={hosts} tags={tags} pending={navigation.state !== 'idle'} submitLabel={t('directory.orgs.createSubmit')} />
    </>
  );
}
