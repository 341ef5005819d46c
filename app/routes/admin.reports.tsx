import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/notices/access.server';
import { ModerateSchema } from '~/modules/notices/notices.schema.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { moderate, reportQueue } from '~/modules/notices/moderation.server';
import { EmptyState, PageHeader } from '~/ui/page';
import { useFormat } from '~/utils/format';

export const meta: MetaFunction = () => [{ title: 'Reports · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await reportQueue(user));
}

export async function action({ request }: ActionFunctionArgs) {
  const steward = await requireUser(request);
  authorize(steward, 'notice.moderate');
  // The schema comes through a .server module, so zod stays out of this page's browser bundle.
  const parsed = ModerateSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response('Bad request', { status: 400 });
  const { intent, subjectType, subjectId, note } = parsed.data;
  const ok = await moderate(steward, { type: subjectType, id: subjectId }, intent, note || null);
  if (!ok) throw new Response('Not found', { status: 404 });
  return redirectWithFlash(request, '/admin/reports', { key: `notices.moderation.done.${intent}` });
}

function Decision({ subjectType, subjectId, hidden }: { subjectType: 'notice' | 'comment'; subjectId: string; hidden: boolean }) {
  const { t } = useTranslation();
  const noteId = `note-${subjectType}-${subjectId}`;
  return (
    <Form method="post" className="form">
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <div className="field">
        <label htmlFor={noteId} className="field__label">
          {t('notices.moderation.note')}
        </label>
        <p className="field__hint" id={`${noteId}-hint`}>
          {t('notices.moderation.noteHint')}
        </p>
        <textarea id={noteId} name="note" className="input" rows={2} maxLength={1000} dir="auto" aria-describedby={`${noteId}-hint`} />
      </div>
      <p className="button-row">
        {hidden ? (
          <button type="submit" name="intent" value="restore" className="button">
            {t('notices.moderation.restore')}
          </button>
        ) : (
          <button type="submit" name="intent" value="hide" className="button button--danger">
            {t('notices.moderation.hide')}
          </button>
        )}
        <button type="submit" name="intent" value="dismiss" className="button button--secondary">
          {t(hidden ? 'notices.moderation.keepHidden' : 'notices.moderation.dismiss')}
        </button>
      </p>
    </Form>
  );
}

export default function AdminReports() {
  const { t } = useTranslation();
  const { open, hiddenNotices } = useLoaderData<typeof loader>();
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('notices.moderation.title')} lead={t('notices.moderation.lead')} />
      {open.length === 0 ? (
        <EmptyState title={t('notices.moderation.empty')} />
      ) : (
        <ul className="list-plain">
          {open.map((r) => (
            <li key={`${r.subject_type}-${r.subject_id}`} className="card">
              <h2 className="h3">
                {t(`notices.moderation.subject.${r.subject_type}`)}:{' '}
                <Link to={`/notices/${r.notice_id}`} dir="auto">
                  {r.title}
                </Link>
              </h2>
              {r.comment_body ? (
                <blockquote dir="auto" className="notice-comment__body">
                  {r.comment_body}
                </blockquote>
              ) : null}
              <p>
                {t('notices.moderation.reporters', { count: Number(r.reporters) })} · {format.dateTime(Number(r.latest))}{' '}
                {r.hidden ? <span className="tag tag--warn">{t('notices.moderation.hiddenNow')}</span> : null}
              </p>
              {r.subject_type === 'notice' && r.review_requested_at ? <p className="tag tag--warn">{t('notices.moderation.reviewRequested')}</p> : null}
              <h3 className="h4">{t('notices.moderation.whoReported')}</h3>
              <ul>
                {r.reporters.map((x) => (
                  <li key={x.id}>
                    <strong dir="auto">{x.name}</strong> · {format.dateTime(x.at)}
                    {x.isNew ? <span className="tag tag--muted">{t('notices.moderation.newMember')}</span> : null}: <span dir="auto">{x.reason}</span>
                  </li>
                ))}
              </ul>
              {r.reportedTogether ? <p className="notice notice--warning">{t('notices.moderation.together', { count: r.reportedTogether })}</p> : null}
              <Decision subjectType={r.subject_type} subjectId={r.subject_id} hidden={r.hidden} />
            </li>
          ))}
        </ul>
      )}
      {hiddenNotices.length ? (
        <>
          <h2>{t('notices.moderation.hiddenTitle')}</h2>
          <ul className="list-plain">
            {hiddenNotices.map((n) => (
              <li key={n.id} className="card">
                <h3>
                  <Link to={`/notices/${n.id}`} dir="auto">
                    {n.title}
                  </Link>
                </h3>
                {n.hidden_note ? <p dir="auto">{t('notices.detail.hiddenNote', { note: n.hidden_note })}</p> : null}
                {n.review_requested_at ? <p className="tag tag--warn">{t('notices.moderation.reviewRequested')}</p> : null}
                <Decision subjectType="notice" subjectId={n.id} hidden />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
