import { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';
import { FieldError, type ActionData } from './proposal-form-bits';
import type { ProposalPageData } from './proposal-page-data';
import { memberName } from '~/modules/directory/former-member';

/** Earlier versions of the text, and the discussion (comments and replies). */
export function ProposalDiscussion({ data, actionData, busy }: { data: ProposalPageData; actionData: ActionData | undefined; busy: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = actionData && !actionData.ok ? actionData.values : undefined;
  return (
    <>
  {data.versions.length > 1 ? (
    <section aria-labelledby="versions">
      <h2 id="versions">{t('governance.versions.title')}</h2>
      <ul>
        {data.versions.map((v) => (
          <li key={v.version}>
            {t('governance.versionLabel', { version: v.version })} · {format.dateTime(v.created_at)} · <span dir="auto">{v.title}</span>
            {v.note ? (
              <>
                {' '}
                — <span dir="auto">{v.note}</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  ) : null}

  <section aria-labelledby="discussion-title" id="discussion">
    <h2 id="discussion-title">{t('governance.comments.title')}</h2>
    {data.comments.length === 0 ? <p>{t('governance.comments.empty')}</p> : null}
    <ul className="list-plain comments">
      {data.comments.map((c) => (
        <li key={c.id} className="comment">
          <p className="meta">
            <strong dir="auto">{memberName(t, c.author_name)}</strong> · {format.dateTime(c.created_at)}
          </p>
          <p dir="auto">{c.body}</p>
          {c.replies.length > 0 ? (
            <ul className="list-plain comments comments--replies">
              {c.replies.map((r) => (
                <li key={r.id} className="comment">
                  <p className="meta">
                    <strong dir="auto">{memberName(t, r.author_name)}</strong> · {format.dateTime(r.created_at)}
                  </p>
                  <p dir="auto">{r.body}</p>
                </li>
              ))}
            </ul>
          ) : null}
          <details>
            <summary>{t('governance.comments.reply')}</summary>
            <Form method="post" className="form">
              <input type="hidden" name="parentId" value={c.id} />
              <div className="field">
                <label className="field__label" htmlFor={`reply-${c.id}`}>
                  {t('governance.comments.replyLabel', { name: memberName(t, c.author_name) })}
                </label>
                <textarea id={`reply-${c.id}`} name="body" rows={2} maxLength={4000} className="input" dir="auto" />
              </div>
              <button type="submit" name="intent" value="comment" className="button button--secondary" disabled={busy}>
                {t('governance.comments.send')}
              </button>
            </Form>
          </details>
        </li>
      ))}
    </ul>
    <Form method="post" className="form">
      <FieldError data={actionData} field="comment" />
      <div className="field">
        <label className="field__label" htmlFor="comment-body">
          {t('governance.comments.label')}
        </label>
        <textarea id="comment-body" name="body" rows={3} maxLength={4000} className="input" dir="auto" defaultValue={values?.body && actionData && !actionData.ok && actionData.field === 'comment' ? values.body : ''} />
      </div>
      <button type="submit" name="intent" value="comment" className="button" disabled={busy}>
        {t('governance.comments.send')}
      </button>
    </Form>
  </section>
    </>
  );
}
