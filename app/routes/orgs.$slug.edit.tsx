import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/policies';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { OrgSchema } from '~/modules/directory/directory.schema.server';
import { hostOptions, orgBySlug, orgFormValues, orgSubject, SlugTakenError, updateOrg } from '~/modules/directory/orgs.server';
import { listTags } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { OrgForm } from '~/modules/directory/components/org-form';
import { PageHeader } from '~/ui/page';
import { notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Edit organisation · NOMI Workspace' }];

/** `org.manage` (leads only): anyone else gets 403 — the organisation itself is visible to every member. */
async function requireLead(request: Request, slug: string) {
  const user = await requireUser(request);
  const org = await orgBySlug(slug);
  if (!org) notFound();
  authorize(user, 'org.manage', await orgSubject(org.id, user));
  return { user, org };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireLead(request, params.slug ?? '');
  return json({ slug: org.slug, name: org.name, values: await orgFormValues(org.id), hosts: await hostOptions(org.id), tags: await listTags(await resolveLocale(request)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireLead(request, params.slug ?? '');
  const submission = parseWithZod(await request.formData(), { schema: OrgSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    await updateOrg(org.id, user, submission.value);
  } catch (error) {
    if (error instanceof SlugTakenError) return json(submission.reply({ fieldErrors: { slug: ['directory.orgs.slugTaken'] } }), { status: 409 });
    throw error;
  }
  return redirectWithFlash(request, `/orgs/${submission.value.slug}`, { key: 'directory.orgs.saved' });
}

export default function EditOrg() {
  const { t } = useTranslation();
  const { slug, name, values, hosts, tags } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<Record<string, any>>({
    id: 'org',
    lastResult,
    defaultValue: values,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <PageHeader title={t('directory.orgs.editTitle', { name })}>
        <p>
          <Link to={`/orgs/${slug}`}>{t('directory.orgs.backToOrg')}</Link>
        </p>
      </PageHeader>
      <OrgForm form={form} fields={fields} hosts={hosts} tags={tags} pending={navigation.state !== 'idle'} submitLabel={t('directory.orgs.saveSubmit')} />
    </>
  );
}
