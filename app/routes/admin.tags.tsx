import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/policies';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { audit } from '~/modules/network/settings.server';
import { listTags, mergeTags, setTagLabels, tagsWithLabels } from '~/modules/directory/tags.server';
import { TAG_MAX_LENGTH } from '~/modules/directory/themes';
import { tagLabel } from '~/modules/directory/reasons';
import { LANGUAGES, SUPPORTED_LOCALES } from '~/modules/i18n/config';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { EmptyState, PageHeader } from '~/ui/page';
import { notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Skill tags · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  authorize(await requireUser(request), 'network.administer');
  const [tags, labelled] = await Promise.all([listTags(await resolveLocale(request)), tagsWithLabels()]);
  return json({ tags, labelled });
}

type ActionData =
  | { intent: 'merge'; error: string }
  | { intent: 'labels'; slug: string; values: Record<string, string>; errors: Record<string, string> };

/**
 * Stewards merge a member-added duplicate tag into another tag (everyone tagged with it moves over),
 * and give member-added tags a label in each interface language.
 */
export async function action({ request }: ActionFunctionArgs) {
  const steward = await requireUser(request);
  authorize(steward, 'network.administer');
  const form = await request.formData();
  if (form.get('intent') === 'labels') {
    const slug = String(form.get('slug') ?? '').slice(0, 60);
    const values = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, String(form.get(`label-${l}`) ?? '')]));
    const errors = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim().length > TAG_MAX_LENGTH)
        .map(([l]) => [l, 'directory.admin.tags.labels.tooLong']),
    );
    if (Object.keys(errors).length) return json<ActionData>({ intent: 'labels', slug, values, errors }, { status: 400 });
    if (!(await setTagLabels(steward, slug, values))) notFound();
    await audit({ actorId: steward.id, action: `directory.tag_labels_changed`, subjectType: 'tag', subjectId: slug });
    return redirectWithFlash(request, '/admin/tags', { key: 'directory.admin.tags.labels.saved' });
  }
  const from = String(form.get('from') ?? '').slice(0, 60);
  const into = String(form.get('into') ?? '').slice(0, 60);
  if (!(await mergeTags(steward, from, into))) return json<ActionData>({ intent: 'merge', error: 'directory.admin.tags.invalid' }, { status: 400 });
  await audit({ actorId: steward.id, action: `directory.tags_merged`, subjectType: 'tag', subjectId: from, details: { into } });
  return redirectWithFlash(request, '/admin/tags', { key: 'directory.admin.tags.merged' });
}

export default function AdminTags() {
  const { t } = useTranslation();
  const { tags, labelled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const custom = tags.filter((tg) => !tg.builtin);
  const label = (tg: { slug: string; label: string | null }) => tagLabel(t, tg.slug, tg.label ? { [tg.slug]: tg.label } : undefined);
  return (
    <>
      <PageHeader title={t('directory.admin.tags.title')} lead={t('directory.admin.tags.lead')} />
      {custom.length === 0 ? (
        <EmptyState title={t('directory.admin.tags.none')} />
      ) : (
        <>
          <Form method="post" className="form card">
            <input type="hidden" name="intent" value="merge" />
            {actionData?.intent === 'merge' ? (
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

          <section aria-labelledby="tag-labels-title">
            <h2 id="tag-labels-title">{t('directory.admin.tags.labels.title')}</h2>
            <p className="meta">{t('directory.admin.tags.labels.lead')}</p>
            <ul className="list-plain">
              {labelled.map((tg) => {
                const failed = actionData?.intent === 'labels' && actionData.slug === tg.slug ? actionData : null;
                return (
                  <li key={tg.slug} className="card">
                    <details open={Boolean(failed)}>
                      <summary>
                        <span dir="auto">{tg.label}</span>{' '}
                        <span className="meta">{t('directory.admin.tags.labels.count', { count: Object.keys(tg.labels).length })}</span>
                      </summary>
                      <Form method="post" className="form">
                        <input type="hidden" name="intent" value="labels" />
                        <input type="hidden" name="slug" value={tg.slug} />
                        {LANGUAGES.map((lang) => {
                          const id = `label-${tg.slug}-${lang.code}`;
                          const error = failed?.errors[lang.code];
                          return (
                            <div className="field" key={lang.code}>
                              <label htmlFor={id} className="field__label">
                                {t('directory.admin.tags.labels.in', { language: lang.name })}
                              </label>
                              <input
                                id={id}
                                name={`label-${lang.code}`}
                                lang={lang.code}
                                dir={lang.dir}
                                className="input"
                                maxLength={TAG_MAX_LENGTH * 4}
                                defaultValue={failed ? failed.values[lang.code] : (tg.labels[lang.code] ?? '')}
                                aria-invalid={error ? true : undefined}
                                aria-describedby={error ? `${id}-error` : undefined}
                              />
                              {error ? (
                                <p id={`${id}-error`} className="field__error">
                                  {t(error)}
                                </p>
                              ) : null}
                            </div>
                          );
                        })}
                        <p>
                          <button type="submit" className="button button--secondary">
                            {t('directory.admin.tags.labels.submit', { tag: tg.label })}
                          </button>
                        </p>
                      </Form>
                    </details>
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
