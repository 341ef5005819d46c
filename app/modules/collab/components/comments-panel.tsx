import { useEffect, useId, useRef } from 'react';
import { useFetcher, type Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { ThreadList, type ThreadData, type ThreadError } from './thread-list';

export interface PendingComment {
  field: string;
  fieldLabel: string;
  from: string;
  to: string;
  quote: string;
}

type LoaderData = { threads: ThreadData[] };
type ActionData = ({ ok: true } | ({ ok: false } & ThreadError)) | undefined;

/** Comment threads beside the live editor; loads from and posts to /documents/:id/comments. */
export function CommentsPanel({
  documentId,
  fields,
  canComment,
  pending,
  onPendingDone,
  onThreads,
  showResolved,
  onShowResolved,
}: {
  documentId: string;
  fields: Array<{ name: string; label: string }>;
  canComment: boolean;
  pending: PendingComment | null;
  onPendingDone: () => void;
  /** Told the threads (with their status) each time they load, for the highlights in the text. */
  onThreads?: (threads: ThreadData[]) => void;
  showResolved?: boolean;
  onShowResolved?: (show: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const url = `/documents/${documentId}/comments`;
  const list = useFetcher<LoaderData>();
  const create = useFetcher<ActionData>();
  const other = useFetcher<ActionData>();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const load = list.load;

  useEffect(() => {
    load(url);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') load(url);
    }, 20_000);
    return () => window.clearInterval(timer);
  }, [load, url]);

  useEffect(() => {
    if (pending) textarea.current?.focus();
  }, [pending]);

  useEffect(() => {
    if (create.state === 'idle' && create.data?.ok) {
      onPendingDone();
      load(url);
    }
  }, [create.state, create.data, onPendingDone, load, url]);

  useEffect(() => {
    if (other.state === 'idle' && other.data?.ok) load(url);
  }, [other.state, other.data, load, url]);

  useEffect(() => {
    if (list.data) onThreads?.(list.data.threads);
  }, [list.data, onThreads]);

  const createError = create.data && !create.data.ok ? create.data : null;
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const FetcherForm = other.Form as unknown as typeof Form;

  return (
    <aside className="collab-comments-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('collab.comments.title')}</h2>
      {pending && canComment ? (
        <create.Form method="post" action={url} className="form collab-new-thread">
          <input type="hidden" name="_fetcher" value="1" />
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="field" value={pending.field} />
          <input type="hidden" name="from" value={pending.from} />
          <input type="hidden" name="to" value={pending.to} />
          <input type="hidden" name="quote" value={pending.quote} />
          <p className="meta">
            {t('collab.comments.on', { field: pending.fieldLabel })}
          </p>
          <blockquote dir="auto" className="collab-quote">
            {pending.quote}
          </blockquote>
          <label htmlFor={`${id}-body`}>{t('collab.comments.body')}</label>
          <textarea
            ref={textarea}
            id={`${id}-body`}
            name="body"
            rows={3}
            maxLength={5000}
            dir="auto"
            className="input"
            aria-invalid={createError ? true : undefined}
            aria-describedby={createError ? `${id}-error` : undefined}
          />
          {createError ? (
            <p id={`${id}-error`} className="field__error">
              {t(createError.error, { max: 5000 })}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={create.state !== 'idle'}>
            {t('collab.comments.add')}
          </button>
          <button type="button" className="button button--secondary" onClick={onPendingDone}>
            {t('collab.comments.cancel')}
          </button>
        </create.Form>
      ) : null}
      {onShowResolved && list.data?.threads.some((th) => th.status === 'resolved') ? (
        <p className="collab-show-resolved">
          <input id={`${id}-show-resolved`} type="checkbox" checked={showResolved ?? false} onChange={(e) => onShowResolved(e.target.checked)} />
          <label htmlFor={`${id}-show-resolved`}>{t('collab.comments.showResolved')}</label>
        </p>
      ) : null}
      {list.data ? (
        <ThreadList
          threads={list.data.threads}
          labels={labels}
          canComment={canComment}
          result={other.data && !other.data.ok ? other.data : null}
          pending={other.state !== 'idle'}
          FormComponent={FetcherForm}
          fetcher
          action={url}
        />
      ) : (
        <p className="meta">{t('collab.loading')}</p>
      )}
      <p>
        <a href={`/documents/${documentId}/history`}>{t('collab.history.title')}</a> · <a href={`/documents/${documentId}/export.docx`}>{t('collab.export.docx')}</a> ·{' '}
        <a href={`/documents/${documentId}/export.pdf`}>{t('collab.export.pdf')}</a>
      </p>
    </aside>
  );
}
