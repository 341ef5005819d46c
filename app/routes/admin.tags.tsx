import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireSteward } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { audit } from '~/modules/network/settings.server';
import { listTags, mergeTags } from '~/modules/directory/tags.server';
import { tagLabel } from '~/modules/directory/reasons';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Skill tags · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSteward(request);
  return json({ tags: await listTags() });
}

/** Stewards merge a member-added duplicate tag into another tag; everyone tagged with it moves over. */
export async function action({ request }: ActionFunctionArgs) {
  const steward = await requireSteward(request);
  const form = await request.formData();
  const from = String(form.get('from') ?? '').slice(0, 60);
  const into = String(form.get('into') ?? '').slice(0, 60);
  if (!(await mergeTags(from, into))) return json({ error: 'directory.admin.tags.invalid' }, { status: 400 });
  await audit({ actorId: steward.id, action: `directory.tags_merged`, subjectType: 'tag', subjectId: from, details: { into } });
  return redirectWithFlash(request, '/admin/tags', { key: 'directory.admin.tags.merged' });
}

export default function AdminTags() {
  const { t } = useTranslation();
  const { tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const custom = tags.filter((tg) => !tg.builtin);
  const label = (tg: { slug: string; label: string | null }) => tagLabel(t, tg.slug, tg.label ? { [tg.slug]: tg.label } : undefined);
  return (
    <>
      <PageHeader title={t('directory.admin.tags.title')} lead={t('directory.admin.tags.lead')} />
      {custom.length === 0 ? (
        <EmptyState title={t('directory.admin.tags.none')} />
      ) : (
        <Form method="post" className="form card">
          {actionData?.error ? (
            <p className="field__error" role="alert">
              {t(actionData.error)}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="merge-from" className="field__label">
              {t('directory.admin.tags.from')}
            </label>
            <select id="merge-from" name="from" className="input">
              {custom.map((tg) => (
                <option key={tg.slug} value={tg.slug}>
                  {label(tg)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="merge-into" className="field__label">
              {t('directory.admin.tags.into')}
            </label>
            <select id="merge-into" name="into" className="input">
              {tags.map((tg) => (
                <option key={tg.slug} value={tg.slug}>
                  {label(tg)}
                </option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" className="button">
              {t('directory.admin.tags.submit')}
            </button>
          </p>
        </Form>
      )}
    </>
  );
}
