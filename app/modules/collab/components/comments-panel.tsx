import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { BackgroundForm, dataUrl, useBackgroundResource } from '~/ui/background';
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

const ROUTE_ID = 'routes/documents.$id.comments';
const POLL_MS = 20_000;

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
  // Not useFetcher: a failed fetcher load replaces the whole page (and the live editor) with the
  // error boundary. A failure here only shows the offline note; the editor keeps working.
  const list = useBackgroundResource<LoaderData>(dataUrl(url, ROUTE_ID), POLL_MS);
  const reload = list.reload;
  const [createData, setCreateData] = useState<ActionData>(undefined);
  const [otherData, setOtherData] = useState<ActionData>(undefined);
  const [createPending, setCreatePending] = useState(false);
  const [otherPending, setOtherPending] = useState(false);
  const [sendFailed, setSendFailed] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (pending) textarea.current?.focus();
  }, [pending]);

  const onCreate = useCallback(
    (result: ActionData | null) => {
      setSendFailed(result === null);
      setCreateData(result ?? undefined);
      if (result?.ok) {
        onPendingDone();
        reload();
      }
    },
    [onPendingDone, reload],
  );
  const onOther = useCallback(
    (result: ActionData | null) => {
      setSendFailed(result === null);
      setOtherData(result ?? undefined);
      if (result?.ok) reload();
    },
    [reload],
  );

  useEffect(() => {
    if (list.data) onThreads?.(list.data.threads);
  }, [list.data, onThreads]);

  // Thread forms (reply, edit, resolve, delete) post in the background too.
  const FetcherForm = useMemo(() => {
    function ThreadForm({ action, className, children }: { action?: string; className?: string; children?: ReactNode }) {
      return (
        <BackgroundForm<ActionData> action={action ?? url} routeId={ROUTE_ID} onResult={onOther} onPending={setOtherPending} className={className}>
          {children}
        </BackgroundForm>
      );
    }
    return ThreadForm as unknown as typeof Form;
  }, [url, onOther]);

  const createError = createData && !createData.ok ? createData : null;
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));

  return (
    <aside className="collab-comments-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('collab.comments.title')}</h2>
      {list.failing || sendFailed ? (
        <p className="collab-background-offline meta" role="status" data-failed={list.failedStatus ?? 0}>
          {list.failedStatus === 404 || list.failedStatus === 403 ? t('collab.background.noAccess') : t('collab.background.offline')}
        </p>
      ) : null}
      {pending && canComment ? (
        <BackgroundForm<ActionData> action={url} routeId={ROUTE_ID} onResult={onCreate} onPending={setCreatePending} className="form collab-new-thread">
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
          <button type="submit" className="button" disabled={createPending}>
            {t('collab.comments.add')}
          </button>
          <button type="button" className="button button--secondary" onClick={onPendingDone}>
            {t('collab.comments.cancel')}
          </button>
        </BackgroundForm>
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
          result={otherData && !otherData.ok ? otherData : null}
          pending={otherPending}
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
