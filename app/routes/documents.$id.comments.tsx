import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { CreateThreadSchema, DeleteCommentSchema, EditCommentSchema, ReplySchema, StatusSchema } from '~/modules/collab/collab.schema.server';
import { AnchorError, createThread, deleteComment, editComment, listThreads, replyToThread, setThreadStatus, type CommentChange } from '~/modules/collab/comments.server';
import { loadDocumentFor } from '~/modules/collab/route-helpers.server';
import { ThreadList } from '~/modules/collab/components/thread-list';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.document.title ?? ''} · NOMI Workspace` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { document, access, outline, back, abilities } = await loadDocumentFor(params.id, user);
  const threads = await listThreads(document.id, user.id);
  return json({ document: { id: document.id, title: document.title }, access, abilities, outline, back, threads });
}

type ActionResult = { ok: true } | { ok: false; threadId?: string; commentId?: string; intent: string; error: string; body?: string };

/** Someone else's comment: 403 (the thread is visible to them); unknown or already deleted: 404. */
function refuse(change: CommentChange): never {
  throw change === 'forbidden' ? new Response('Forbidden', { status: 403 }) : new Response('Not found', { status: 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { document } = await loadDocumentFor(params.id, user, 'document.comment');
  const form = Object.fromEntries(await request.formData());
  const fromFetcher = form._fetcher === '1';
  const fail = (result: Omit<Extract<ActionResult, { ok: false }>, 'ok'>, status = 400) => json<ActionResult>({ ok: false, ...result }, { status });
  const done = (key: string) => (fromFetcher ? json<ActionResult>({ ok: true }) : redirectWithFlash(request, `/documents/${document.id}/comments`, { key }));

  if (form.intent === 'create') {
    const parsed = CreateThreadSchema.safeParse(form);
    if (!parsed.success) {
      const error = parsed.error.issues.find((i) => i.path[0] === 'body')?.message ?? 'collab.comments.anchorLost';
      return fail({ intent: 'create', error, body: String(form.body ?? '').slice(0, 5000) });
    }
    try {
      await createThread({ documentId: document.id, userId: user.id, userName: user.name, ...parsed.data });
    } catch (error) {
      if (error instanceof AnchorError) return fail({ intent: 'create', error: 'collab.comments.anchorLost', body: parsed.data.body }, 409);
      throw error;
    }
    return done('collab.comments.added');
  }
  if (form.intent === 'reply') {
    const parsed = ReplySchema.safeParse(form);
    if (!parsed.success) {
      return fail({ intent: 'reply', threadId: String(form.threadId ?? '').slice(0, 40), error: parsed.error.issues[0]?.message ?? 'collab.comments.bodyRequired', body: String(form.body ?? '').slice(0, 5000) });
    }
    const ok = await replyToThread({ documentId: document.id, threadId: parsed.data.threadId, userId: user.id, userName: user.name, body: parsed.data.body });
    if (!ok) throw new Response('Not found', { status: 404 });
    return done('collab.comments.replied');
  }
  if (form.intent === 'edit') {
    const parsed = EditCommentSchema.safeParse(form);
    const commentId = String(form.commentId ?? '').slice(0, 40);
    if (!parsed.success) {
      if (!commentId) throw new Response('Bad request', { status: 400 });
      return fail({ intent: 'edit', commentId, error: parsed.error.issues[0]?.message ?? 'collab.comments.bodyRequired', body: String(form.body ?? '').slice(0, 5000) });
    }
    const change = await editComment({ documentId: document.id, commentId: parsed.data.commentId, userId: user.id, body: parsed.data.body });
    if (change !== 'ok') refuse(change);
    return done('collab.comments.editedFlash');
  }
  if (form.intent === 'delete') {
    const parsed = DeleteCommentSchema.safeParse(form);
    if (!parsed.success) throw new Response('Bad request', { status: 400 });
    const change = await deleteComment({ documentId: document.id, commentId: parsed.data.commentId, userId: user.id });
    if (change !== 'ok') refuse(change);
    return done('collab.comments.deletedFlash');
  }
  const parsed = StatusSchema.safeParse(form);
  if (!parsed.success) throw new Response('Bad request', { status: 400 });
  const ok = await setThreadStatus({ documentId: document.id, threadId: parsed.data.threadId, userId: user.id, status: parsed.data.intent === 'resolve' ? 'resolved' : 'open' });
  if (!ok) throw new Response('Not found', { status: 404 });
  return done(parsed.data.intent === 'resolve' ? 'collab.comments.resolvedFlash' : 'collab.comments.reopenedFlash');
}

/** All comment threads of a document: works without JavaScript (reply, resolve, reopen). */
export default function DocumentComments() {
  const { t } = useTranslation();
  const { document, abilities, outline, back, threads } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const labels = Object.fromEntries(outline.map((o) => [o.name, o.heading]));
  return (
    <>
      <PageHeader title={t('collab.comments.pageTitle', { title: document.title })}>
        <p>
          <Link to={back}>{t('collab.backToDocument')}</Link> · <Link to={`/documents/${document.id}/history`}>{t('collab.history.title')}</Link>
        </p>
      </PageHeader>
      {abilities['document.comment'] ? <p className="meta">{t('collab.comments.howToStart')}</p> : null}
      <ThreadList
        threads={threads}
        labels={labels}
        canComment={abilities['document.comment']}
        result={result && !result.ok ? result : null}
        pending={navigation.state !== 'idle'}
        FormComponent={Form}
      />
    </>
  );
}
