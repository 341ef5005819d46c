import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/auth/policy.server';
import { whatsAppLink } from '~/modules/auth/phone';
import { Handover } from '~/modules/membership/components/handover';
import { approveApplication, declineApplication, listApplications } from '~/modules/membership/applications.server';
import { DecisionSchema } from '~/modules/membership/membership.schema.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { languageName } from '~/modules/members/reference';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Applications · NOMI Workspace' }];

const STATUSES = ['pending', 'approved', 'declined'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  authorize(await requireUser(request), 'application.review');
  const param = new URL(request.url).searchParams.get('status');
  const status = STATUSES.find((s) => s === param) ?? 'pending';
  return json({ status, applications: await listApplications(status) });
}

export async function action({ request }: ActionFunctionArgs) {
  const steward = await requireUser(request);
  authorize(steward, 'application.review');
  const submission = parseWithZod(await request.formData(), { schema: DecisionSchema });
  if (submission.status !== 'success') {
    const id = submission.payload.id;
    return json({ id: typeof id === 'string' ? id : null, errors: submission.error ?? {} }, { status: 400 });
  }
  const v = submission.value;
  const result = v.intent === 'approve' ? await approveApplication(v.id, steward, v.message || null) : await declineApplication(v.id, steward, v.reason);
  // No email: the one-time invitation link is shown to this steward once, ready to send by WhatsApp.
  if (typeof result === 'object') return json({ id: v.id, errors: {}, handover: { ...result.handover, whatsApp: whatsAppLink(result.handover.phone, result.handover.message) } });
  if (result === 'notFound') throw new Response('Not found', { status: 404 });
  if (result !== 'ok') return json({ id: v.id, errors: { '': [`admin.applications.result.${result}`] } }, { status: 409 });
  return redirectWithFlash(request, '/admin/applications', { key: v.intent === 'approve' ? 'admin.applications.approved' : 'admin.applications.declined' });
}

export default function Applications() {
  const { t, i18n } = useTranslation();
  const { status, applications } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const orphanError =
    actionData && !applications.some((a) => a.id === actionData.id) ? (actionData.errors as Record<string, string[] | undefined>)['']?.[0] : undefined;
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('admin.applications.title')} lead={t('admin.applications.lead')} />
      {actionData && 'handover' in actionData && actionData.handover ? (
        <Handover
          title={t('admin.applications.handover.title', { name: actionData.handover.name })}
          explain={t('admin.applications.handover.explain')}
          phone={actionData.handover.phone}
          link={actionData.handover.link}
          whatsApp={actionData.handover.whatsApp}
        />
      ) : null}
      {/* After a refused decision the list reloads; if that application has left the list, say why here. */}
      {orphanError ? (
        <p className="notice notice--warning" role="alert">
          {t(orphanError)}
        </p>
      ) : null}
      <nav aria-label={t('admin.applications.filter')} className="tabs">
        <ul>
          {STATUSES.map((s) => (
            <li key={s}>
              <Link to={`?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {t(`admin.applications.status.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {applications.length === 0 ? (
        <EmptyState title={t(`admin.applications.empty.${status}`)} />
      ) : (
        <ul className="list-plain">
          {applications.map((a) => {
            const errors = actionData?.id === a.id ? (actionData.errors as Record<string, string[] | undefined>) : {};
            const general = errors['']?.[0];
            return (
              <li key={a.id} className="card application-card">
                <article aria-labelledby={`app-${a.id}`}>
                  <h2 id={`app-${a.id}`} dir="auto">
                    {a.name}
                  </h2>
                  <dl className="details application-card__details">
                    {a.email ? (
                      <>
                        <dt>{t('auth.fields.email')}</dt>
                        <dd dir="ltr">{a.email}</dd>
                      </>
                    ) : null}
                    {a.phone ? (
                      <>
                        <dt>{t('membership.join.phone.label')}</dt>
                        <dd dir="ltr">{a.phone}</dd>
                      </>
                    ) : null}
                    <dt>{t('membership.join.city.label')}</dt>
                    <dd>{t(`common.cities.${a.city}`)}</dd>
                    <dt>{t('membership.join.languages.label')}</dt>
                    <dd>
                      {[...a.languages.map((l) => languageName(l, i18n.language)), ...(a.other_language ? [a.other_language] : [])].join(', ') || '—'}
                    </dd>
                    <dt>{t('admin.applications.received')}</dt>
                    <dd>{format.dateTime(a.created_at)}</dd>
                  </dl>
                  {a.about ? (
                    <>
                      <h3>{t('membership.join.about.label')}</h3>
                      <p dir="auto" className="prewrap">
                        {a.about}
                      </p>
                    </>
                  ) : null}
                  {a.has_note ? (
                    <>
                      <h3>{t('admin.applications.note')}</h3>
                      {a.note_mime === 'audio/mpeg' || a.note_mime?.startsWith('audio/') ? (
                        // eslint-disable-next-line jsx-a11y/media-has-caption
                        <audio controls preload="none" src={`/admin/applications/${a.id}/note`} aria-label={t('admin.applications.playNote', { name: a.name })} />
                      ) : (
                        // eslint-disable-next-line jsx-a11y/media-has-caption
                        <video controls preload="none" src={`/admin/applications/${a.id}/note`} aria-label={t('admin.applications.playNote', { name: a.name })} />
                      )}
                      <p className="meta">{t('admin.applications.noteRetention')}</p>
                    </>
                  ) : null}
                  {a.status === 'pending' ? (
                    <div className="decision">
                      {general ? (
                        <p className="field__error" role="alert">
                          {t(general)}
                        </p>
                      ) : null}
                      <Form method="post" className="form">
                        <input type="hidden" name="id" value={a.id} />
                        <div className="field">
                          <label className="field__label" htmlFor={`welcome-${a.id}`}>
                            {t('admin.applications.welcome.label')} <span className="field__optional">{t('common.form.optional')}</span>
                          </label>
                          <p className="field__hint" id={`welcome-${a.id}-hint`}>
                            {t('admin.applications.welcome.hint')}
                          </p>
                          <textarea id={`welcome-${a.id}`} name="message" className="input" rows={3} dir="auto" aria-describedby={`welcome-${a.id}-hint`} />
                        </div>
                        <button type="submit" name="intent" value="approve" className="button">
                          {t(a.email ? 'admin.applications.approve' : 'admin.applications.approveWhatsApp')}
                        </button>
                      </Form>
                      <Form method="post" className="form">
                        <input type="hidden" name="id" value={a.id} />
                        <div className={`field${errors.reason ? ' field--error' : ''}`}>
                          <label className="field__label" htmlFor={`reason-${a.id}`}>
                            {t('admin.applications.reason.label')}
                          </label>
                          {errors.reason ? (
                            <p className="field__error" id={`reason-${a.id}-error`}>
                              {t(errors.reason[0]!)}
                            </p>
                          ) : null}
                          <textarea
                            id={`reason-${a.id}`}
                            name="reason"
                            className="input"
                            rows={3}
                            dir="auto"
                            aria-describedby={errors.reason ? `reason-${a.id}-error` : undefined}
                            aria-invalid={errors.reason ? true : undefined}
                          />
                        </div>
                        <button type="submit" name="intent" value="decline" className="button button--secondary">
                          {t('admin.applications.decline')}
                        </button>
                      </Form>
                    </div>
                  ) : (
                    <p className="meta">
                      {t(`admin.applications.decidedBy`, { name: a.reviewer_name ?? t('common.formerMember'), date: a.reviewed_at ? format.date(a.reviewed_at) : '' })}
                    </p>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
