import type { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';
import { FORMER_MEMBER_NAME } from '~/modules/directory/former-member';

export interface ThreadData {
  id: string;
  field: string;
  quote: string;
  status: 'open' | 'resolved';
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  comments: Array<{ id: string; author: string | null; body: string; createdAt: number; editedAt: number | null; deleted: boolean; mine: boolean }>;
}

export interface ThreadError {
  intent: string;
  threadId?: string;
  commentId?: string;
  error: string;
  body?: string;
}

/** Threads with replies and resolve/reopen, for the comments page (Form) and the live panel (fetcher.Form). */
export function ThreadList({
  threads,
  labels,
  canComment,
  result,
  pending,
  FormComponent,
  fetcher,
  action,
}: {
  threads: ThreadData[];
  labels: Record<string, string>;
  canComment: boolean;
  result: ThreadError | null;
  pending: boolean;
  FormComponent: typeof Form;
  fetcher?: boolean;
  action?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!threads.length) return <p className="meta">{t('collab.comments.none')}</p>;
  const open = threads.filter((th) => th.status === 'open');
  const resolved = threads.filter((th) => th.status === 'resolved');
  const renderThread = (thread: ThreadData) => {
    const error = result && result.intent === 'reply' && result.threadId === thread.id ? result : null;
    const bodyId = `reply-${thread.id}`;
    return (
      <li key={thread.id} className={`collab-thread collab-thread-${thread.status}`} data-thread-id={thread.id}>
        <p className="meta">
          {labels[thread.field] ? <span dir="auto">{labels[thread.field]}</span> : null}
          {thread.status === 'resolved' ? <span className="tag">{t('collab.comments.resolved')}</span> : null}
        </p>
        {thread.quote ? (
          <blockquote dir="auto" className="collab-quote">
            {thread.quote}
          </blockquote>
        ) : null}
        <ol className="collab-comments">
          {thread.comments.map((c) => {
            const editError = result && result.intent === 'edit' && result.commentId === c.id ? result : null;
            const editId = `edit-${c.id}`;
            if (c.deleted) {
              return (
                <li key={c.id} className="collab-comment-deleted">
                  <p className="meta">
                    <em>{t('collab.comments.deleted')}</em>
                  </p>
                </li>
              );
            }
            return (
              <li key={c.id}>
                <p className="meta">
                  <strong dir="auto">{c.author && c.author !== FORMER_MEMBER_NAME ? c.author : t('collab.comments.formerMember')}</strong> · <time dateTime={new Date(c.createdAt).toISOString()}>{format.dateTime(c.createdAt)}</time>
                  {c.editedAt ? <> · {t('collab.comments.edited')}</> : null}
                </p>
                <p dir="auto" className="collab-comment-body">
                  {c.body}
                </p>
                {c.mine && canComment ? (
                  <div className="collab-comment-actions">
                    <details className="collab-comment-edit" open={editError ? true : undefined}>
                      <summary>{t('collab.comments.edit')}</summary>
                      <FormComponent method="post" action={action} className="form">
                        {fetcher ? <input type="hidden" name="_fetcher" value="1" /> : null}
                        <input type="hidden" name="intent" value="edit" />
                        <input type="hidden" name="commentId" value={c.id} />
                        <label htmlFor={editId}>{t('collab.comments.editLabel')}</label>
                        <textarea
                          id={editId}
                          name="body"
                          rows={3}
                          maxLength={5000}
                          dir="auto"
                          className="input"
                          defaultValue={editError?.body ?? c.body}
                          aria-invalid={editError ? true : undefined}
                          aria-describedby={editError ? `${editId}-error` : undefined}
                          key={editError ? 'error' : c.body}
                        />
                        {editError ? (
                          <p id={`${editId}-error`} className="field__error">
                            {t(editError.error, { max: 5000 })}
                          </p>
                        ) : null}
                        <button type="submit" className="button" disabled={pending}>
                          {t('collab.comments.save')}
                        </button>
                      </FormComponent>
                    </details>
                    <FormComponent method="post" action={action} className="inline-form">
                      {fetcher ? <input type="hidden" name="_fetcher" value="1" /> : null}
                      <input type="hidden" name="commentId" value={c.id} />
                      <button type="submit" name="intent" value="delete" className="button button--secondary" aria-label={t('collab.comments.deleteLabel')} disabled={pending}>
                        {t('collab.comments.delete')}
                      </button>
                    </FormComponent>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
        {canComment ? (
          <>
            {thread.status === 'open' ? (
              <FormComponent method="post" action={action} className="form collab-reply">
                {fetcher ? <input type="hidden" name="_fetcher" value="1" /> : null}
                <input type="hidden" name="intent" value="reply" />
                <input type="hidden" name="threadId" value={thread.id} />
                <label htmlFor={bodyId}>{t('collab.comments.reply')}</label>
                <textarea
                  id={bodyId}
                  name="body"
                  rows={2}
                  maxLength={5000}
                  dir="auto"
                  className="input"
                  defaultValue={error?.body ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${bodyId}-error` : undefined}
                  key={error ? 'error' : 'fresh'}
                />
                {error ? (
                  <p id={`${bodyId}-error`} className="field__error">
                    {t(error.error, { max: 5000 })}
                  </p>
                ) : null}
                <button type="submit" className="button" disabled={pending}>
                  {t('collab.comments.sendReply')}
                </button>
              </FormComponent>
            ) : null}
            <FormComponent method="post" action={action} className="inline-form">
              {fetcher ? <input type="hidden" name="_fetcher" value="1" /> : null}
              <input type="hidden" name="threadId" value={thread.id} />
              <button type="submit" name="intent" value={thread.status === 'open' ? 'resolve' : 'reopen'} className="button button--secondary" disabled={pending}>
                {thread.status === 'open' ? t('collab.comments.resolve') : t('collab.comments.reopen')}
              </button>
            </FormComponent>
          </>
        ) : null}
      </li>
    );
  };
  return (
    <>
      <ul className="collab-threads" aria-label={t('collab.comments.openThreads')}>
        {open.map(renderThread)}
      </ul>
      {resolved.length ? (
        <details className="collab-resolved">
          <summary>{t('collab.comments.resolvedCount', { count: resolved.length })}</summary>
          <ul className="collab-threads">{resolved.map(renderThread)}</ul>
        </details>
      ) : null}
    </>
  );
}
