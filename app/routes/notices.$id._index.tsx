import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { themeLabelKey } from '~/modules/directory/themes';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useEffect, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import { env } from '~/env.server';
import { getUser, notFoundOrSignIn, requireUser } from '~/modules/auth/session.server';
import { abilitiesFor, can } from '~/modules/notices/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { NAV_AREAS } from '~/modules/navigation';
import { closeNotice, deleteNotice, getNotice, parseDetails, renewNotice, setPinned, type Viewer } from '~/modules/notices/notices.server';
import { requestReview } from '~/modules/notices/moderation.server';
import { addComment, commentsFor, report, responsesFor, toggleResponse, waitMinutes } from '~/modules/notices/interactions.server';
import { RESPONSES_FOR, RESPONSE_KINDS, toLondonInput, type NoticeTypeName, type ResponseKindName } from '~/modules/notices/constants';
import { CommentSchema, ReportSchema } from '~/modules/notices/notices.schema.server';
import { useKeyDate } from '~/modules/notices/components/notice-card';
import { useNoticeFormat } from '~/modules/notices/components/use-notice-format';
import { biddersForNotice } from '~/modules/bids/bidders.server';
import { BiddersOnNotice } from '~/modules/bids/components/bidders';
import { NoticeFilesView } from '~/modules/notices/components/notice-files';
import { listNoticeFiles } from '~/modules/notices/files.server';
import { memberName } from '~/modules/directory/former-member';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.notice.title} · NOMI Workspace` : 'Notice · NOMI Workspace' }];

const notFound = () => new Response('Not found', { status: 404 });

const NOTICE_ABILITIES = [
  'notice.edit',
  'notice.close',
  'notice.renew',
  'notice.delete',
  'notice.pin',
  'notice.respond',
  'notice.seeResponders',
  'notice.comment',
  'notice.report',
  'notice.requestReview',
  'notice.calendar',
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer: Viewer | null = user ? { id: user.id, role: user.role } : null;
  const notice = await getNotice(params.id ?? '', viewer);
  // Visitors (a member opening a WhatsApp-shared link) sign in and come back; members get 404.
  if (!notice) return notFoundOrSignIn(request);
  const now = Date.now();
  const base = {
    id: notice.id,
    type: notice.type as NoticeTypeName,
    title: notice.title,
    body_html: notice.body_html,
    city: notice.city,
    themes: JSON.parse(notice.themes) as string[],
    details: parseDetails(notice.details),
    key_date: notice.key_date,
    starts_at: notice.starts_at,
    ends_at: notice.ends_at,
    expires_at: notice.expires_at,
    status: notice.status,
    is_public: notice.is_public,
    files: (await listNoticeFiles(notice.id)).map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, alt: f.alt })),
    expired: notice.expires_at <= now,
  };
  const shareUrl = `${env.publicUrl}/notices/${notice.id}`;
  const abilities = abilitiesFor(viewer, notice.subject, NOTICE_ABILITIES);
  if (!viewer) {
    return json({ notice: { ...base, author_name: null as string | null, hidden: false, hidden_note: null as string | null, reviewRequested: false, pinned: 0, created_at: notice.created_at }, member: null, abilities, shareUrl });
  }
  const responses = await responsesFor(notice.id);
  const counts = Object.fromEntries(RESPONSE_KINDS.map((k) => [k, responses.filter((r) => r.kind === k).length])) as Record<ResponseKindName, number>;
  return json({
    notice: { ...base, author_name: notice.author_name as string | null, hidden: notice.hidden === 1, hidden_note: notice.hidden_note, reviewRequested: abilities['notice.requestReview'] && notice.review_requested_at !== null, pinned: notice.pinned, created_at: notice.created_at },
    member: {
      id: viewer.id,
      counts,
      mine: responses.filter((r) => r.user_id === viewer.id).map((r) => r.kind),
      // Only the author sees who responded.
      responders: abilities['notice.seeResponders'] ? responses.map((r) => ({ kind: r.kind, name: r.name, at: r.created_at })) : [],
      comments: (await commentsFor(notice.id, viewer)).map((c) => ({
        ...c,
        canReport: can(viewer, 'noticeComment.report', { authorId: c.author_id, hidden: c.hidden === 1, notice: notice.subject }),
        replies: c.replies.map((r) => ({ ...r, canReport: can(viewer, 'noticeComment.report', { authorId: r.author_id, hidden: r.hidden === 1, notice: notice.subject }) })),
      })),
      bidsEnabled: NAV_AREAS.some((a) => a.to === '/bids'),
      // Bids area: members bidding for this funding call (only bids and partners that opted in).
      bidders: notice.type === 'funding' ? await biddersForNotice(notice.id, viewer.id) : [],
      deadlineInput: notice.key_date ? toLondonInput(notice.key_date, false) : null,
    },
    abilities,
    shareUrl,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const viewer: Viewer = { id: user.id, role: user.role };
  const id = params.id ?? '';
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const here = `/notices/${id}`;
  const fail = (r: string) => {
    if (r === 'notFound') throw notFound();
    if (r === 'forbidden') throw new Response('Forbidden', { status: 403 });
    throw new Response('Bad request', { status: 400 });
  };
  switch (intent) {
    case 'respond': {
      const kind = String(formData.get('kind') ?? '');
      if (!(RESPONSE_KINDS as readonly string[]).includes(kind)) throw new Response('Bad request', { status: 400 });
      const r = await toggleResponse(id, viewer, kind as ResponseKindName);
      if (r === 'limited') return redirectWithFlash(request, here, { key: 'notices.limits.respond', values: { count: await waitMinutes('respond', viewer.id) }, tone: 'warning' });
      if (r !== 'ok') fail(r);
      return redirect(here);
    }
    case 'comment': {
      const submission = parseWithZod(formData, { schema: CommentSchema });
      if (submission.status !== 'success') return json({ form: 'comment' as const, parentId: String(formData.get('parentId') ?? ''), reply: submission.reply() }, { status: 400 });
      const r = await addComment(id, viewer, submission.value.body, submission.value.parentId || undefined);
      if (r === 'limited') {
        const reply = submission.reply({ fieldErrors: { body: ['notices.limits.comment'] } });
        return json({ form: 'comment' as const, parentId: String(formData.get('parentId') ?? ''), reply, wait: await waitMinutes('comment', viewer.id) }, { status: 429 });
      }
      if (r === 'badParent') throw new Response('Bad request', { status: 400 });
      if (r !== 'ok') fail(r);
      return redirectWithFlash(request, `${here}#comments`, { key: 'notices.flash.commented' });
    }
    case 'report': {
      const submission = parseWithZod(formData, { schema: ReportSchema });
      if (submission.status !== 'success') return json({ form: 'report' as const, parentId: String(formData.get('subjectId') ?? ''), reply: submission.reply() }, { status: 400 });
      const r = await report(viewer, submission.value);
      if (r === 'limited') {
        const reply = submission.reply({ fieldErrors: { reason: ['notices.limits.report'] } });
        return json({ form: 'report' as const, parentId: submission.value.subjectId, reply, wait: await waitMinutes('report', viewer.id) }, { status: 429 });
      }
      if (r === 'already') return redirectWithFlash(request, here, { key: 'notices.flash.alreadyReported' });
      if (r !== 'ok') fail(r);
      return redirectWithFlash(request, here, { key: 'notices.flash.reported' });
    }
    case 'request-review': {
      const r = await requestReview(viewer, id);
      if (r === 'notFound') fail(r);
      return redirectWithFlash(request, here, { key: r === 'already' ? 'notices.review.already' : 'notices.review.asked' });
    }
    case 'close': {
      const r = await closeNotice(id, viewer);
      if (r !== 'ok') fail(r);
      return redirectWithFlash(request, here, { key: 'notices.flash.closed' });
    }
    case 'renew': {
      const r = await renewNotice(id, viewer);
      if (r === 'notRenewable') throw new Response('Bad request', { status: 400 });
      if (r !== 'ok') fail(r);
      return redirectWithFlash(request, here, { key: 'notices.flash.renewed' });
    }
    case 'delete': {
      const r = await deleteNotice(id, viewer);
      if (r !== 'ok') fail(r);
      return redirectWithFlash(request, '/notices', { key: 'notices.flash.deleted' });
    }
    case 'pin':
    case 'unpin': {
      const r = await setPinned(id, viewer, intent === 'pin');
      if (r !== 'ok') fail(r);
      return redirect(here);
    }
    default:
      throw new Response('Bad request', { status: 400 });
  }
}

function useShareText() {
  const keyDate = useKeyDate();
  return (n: { title: string; type: string; key_date: number | null; starts_at: number | null }, url: string) =>
    [n.title, keyDate(n), url].filter(Boolean).join('\n');
}

function ShareBox({ url, text, membersOnly }: { url: string; text: string; membersOnly: boolean }) {
  const { t } = useTranslation();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== 'undefined' && Boolean(navigator.clipboard)), []);
  return (
    <section className="card notice-share" aria-labelledby="share-title">
      <h2 id="share-title" className="h3">
        {t('notices.share.title')}
      </h2>
      {membersOnly ? (
        <p className="field__hint" id="share-members-only">
          {t('notices.share.membersOnly')}
        </p>
      ) : null}
      <p className="button-row">
        <a
          className="button"
          href={`https://wa.me/?text=${encodeURIComponent(text)}`}
          target="_blank"
          rel="noopener noreferrer"
          aria-describedby={membersOnly ? 'share-members-only' : undefined}
          data-share="whatsapp"
        >
          {t(membersOnly ? 'notices.share.whatsappMembers' : 'notices.share.whatsapp')}
        </a>
        {canCopy ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void navigator.clipboard.writeText(url).then(() => setCopied(true));
            }}
          >
            {t('notices.share.copy')}
          </button>
        ) : null}
      </p>
      <div className="field">
        <label htmlFor="share-link" className="field__label">
          {t('notices.share.link')}
        </label>
        <input id="share-link" className="input" readOnly value={url} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
      </div>
      <p role="status" className="field__hint">
        {copied ? t('notices.share.copied') : ''}
      </p>
    </section>
  );
}

function ReportForm({ subjectType, subjectId, label }: { subjectType: 'notice' | 'comment'; subjectId: string; label: string }) {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const mine = data && 'form' in data && data.form === 'report' && data.parentId === subjectId;
  const error = mine ? data.reply.error?.reason?.[0] : undefined;
  const wait = mine && 'wait' in data ? data.wait : undefined;
  const typed = mine ? data.reply.initialValue?.reason : undefined;
  const fieldId = `report-${subjectId}`;
  return (
    <details className="notice-report" open={error ? true : undefined}>
      <summary>{label}</summary>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="subjectType" value={subjectType} />
        <input type="hidden" name="subjectId" value={subjectId} />
        <div className={`field${error ? ' field--error' : ''}`}>
          <label htmlFor={fieldId} className="field__label">
            {t('notices.report.reason')}
          </label>
          {error ? (
            <p id={`${fieldId}-error`} className="field__error">
              {t(error, { count: wait })}
            </p>
          ) : null}
          <textarea
            id={fieldId}
            name="reason"
            className="input"
            rows={2}
            maxLength={500}
            dir="auto"
            required
            defaultValue={typeof typed === 'string' ? typed : undefined}
            aria-describedby={error ? `${fieldId}-error` : undefined}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t('notices.report.submit')}
        </button>
      </Form>
    </details>
  );
}

function CommentForm({ parentId, label }: { parentId?: string; label: string }) {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const mine = data && 'form' in data && data.form === 'comment' && data.parentId === (parentId ?? '');
  const error = mine ? data.reply.error?.body?.[0] : undefined;
  const wait = mine && 'wait' in data ? data.wait : undefined;
  const typed = mine ? data.reply.initialValue?.body : undefined;
  const fieldId = `comment-${parentId ?? 'new'}`;
  return (
    <Form method="post" className="form notice-comment-form">
      <input type="hidden" name="intent" value="comment" />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={fieldId} className="field__label">
          {label}
        </label>
        {error ? (
          <p id={`${fieldId}-error`} className="field__error">
            {t(error, { count: wait })}
          </p>
        ) : null}
        <textarea
          id={fieldId}
          name="body"
          className="input"
          rows={parentId ? 2 : 3}
          maxLength={2000}
          dir="auto"
          defaultValue={typeof typed === 'string' ? typed : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
        />
      </div>
      <button type="submit" className="button button--secondary">
        {t(parentId ? 'notices.comments.reply' : 'notices.comments.submit')}
      </button>
    </Form>
  );
}

export default function NoticePage() {
  const { t } = useTranslation();
  const { notice: n, member, abilities, shareUrl } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const f = useNoticeFormat();
  const keyDate = useKeyDate()(n);
  const shareText = useShareText()(n, shareUrl);
  const busy = navigation.state !== 'idle';
  const d = n.details;
  const bidLink =
    member?.bidsEnabled && n.type === 'funding'
      ? `/bids/new?${new URLSearchParams({
          funder: d.funder ?? '',
          call: n.title,
          deadline: member.deadlineInput ?? '',
          link: d.link ?? '',
          amount: d.amountMax ? String(d.amountMax) : d.amountMin ? String(d.amountMin) : '',
          notice: n.id,
        }).toString()}`
      : null;
  const closedLabel = t(`notices.closed.${n.type}`);
  return (
    <article className="notice-page" aria-labelledby="notice-title">
      <p className="notice-card__meta">
        <Link to="/notices">{t('notices.detail.back')}</Link>
      </p>
      <p className="notice-card__meta">
        <span className={`tag notice-type notice-type--${n.type}`}>{t(`notices.types.${n.type}`)}</span>
        {n.status === 'closed' ? <span className="tag tag--muted">{closedLabel}</span> : null}
        {n.expired && n.status === 'open' ? <span className="tag tag--muted">{t('notices.detail.expired')}</span> : null}
        {n.is_public ? <span className="tag">{t('notices.detail.public')}</span> : null}
        {n.pinned ? <span className="tag">{t('notices.card.pinned')}</span> : null}
      </p>
      <h1 id="notice-title" dir="auto">
        {n.title}
      </h1>
      {n.hidden ? (
        <div className="notice notice--warning" role="status">
          <p>{t('notices.detail.hidden')}</p>
          {n.hidden_note ? <p dir="auto">{t('notices.detail.hiddenNote', { note: n.hidden_note })}</p> : null}
          {abilities['notice.requestReview'] ? (
            n.reviewRequested ? (
              <p>{t('notices.review.waiting')}</p>
            ) : (
              <Form method="post">
                <p className="field__hint">{t('notices.review.hint')}</p>
                <button type="submit" name="intent" value="request-review" className="button button--secondary">
                  {t('notices.review.ask')}
                </button>
              </Form>
            )
          ) : null}
        </div>
      ) : null}
      <dl className="notice-facts">
        {keyDate ? (
          <>
            <dt>{t('notices.detail.when')}</dt>
            <dd>{keyDate}</dd>
          </>
        ) : null}
        {n.type === 'event' && n.ends_at ? (
          <>
            <dt>{t('notices.detail.ends')}</dt>
            <dd>{f.dateTime(n.ends_at)}</dd>
          </>
        ) : null}
        {d.opportunityKind ? (
          <>
            <dt>{t('notices.form.opportunityKind')}</dt>
            <dd>{t(`notices.opportunityKinds.${d.opportunityKind}`)}</dd>
          </>
        ) : null}
        {d.funder ? (
          <>
            <dt>{t('notices.form.funder')}</dt>
            <dd dir="auto">{d.funder}</dd>
          </>
        ) : null}
        {d.amountMin || d.amountMax ? (
          <>
            <dt>{t('notices.detail.amount')}</dt>
            <dd>
              {d.amountMin && d.amountMax
                ? t('notices.detail.amountRange', { min: f.money(d.amountMin), max: f.money(d.amountMax) })
                : d.amountMax
                  ? t('notices.detail.amountUpTo', { max: f.money(d.amountMax) })
                  : t('notices.detail.amountFrom', { min: f.money(d.amountMin!) })}
            </dd>
          </>
        ) : null}
        {d.eligibility ? (
          <>
            <dt>{t('notices.form.eligibility')}</dt>
            <dd dir="auto">{d.eligibility}</dd>
          </>
        ) : null}
        {d.place ? (
          <>
            <dt>{t('notices.form.place')}</dt>
            <dd dir="auto">{d.place}</dd>
          </>
        ) : null}
        <dt>{t('notices.form.city')}</dt>
        <dd>{t(`notices.cities.${n.city}`)}</dd>
        {n.themes.length ? (
          <>
            <dt>{t('notices.form.themes')}</dt>
            <dd>{n.themes.map((th) => t(themeLabelKey(th))).join(', ')}</dd>
          </>
        ) : null}
        {n.author_name ? (
          <>
            <dt>{t('notices.detail.postedBy')}</dt>
            <dd dir="auto">{t('notices.detail.postedOn', { name: memberName(t, n.author_name), date: f.date(n.created_at) })}</dd>
          </>
        ) : null}
        <dt>{t('notices.detail.expires')}</dt>
        <dd>{f.date(n.expires_at)}</dd>
      </dl>
      {n.body_html ? <div className="notice-body" dir="auto" dangerouslySetInnerHTML={{ __html: n.body_html }} /> : null}
      <NoticeFilesView noticeId={n.id} title={n.title} files={n.files} />
      <p className="button-row">
        {d.link ? (
          <a href={d.link} className="button button--secondary" rel="noopener noreferrer nofollow" target="_blank" dir="ltr">
            {t(n.type === 'event' ? 'notices.detail.openOnline' : 'notices.detail.openLink')}
          </a>
        ) : null}
        {abilities['notice.calendar'] ? (
          <a href={`/notices/${n.id}/ics`} className="button button--secondary" download>
            {t('notices.detail.calendar')}
          </a>
        ) : null}
        {bidLink ? (
          <Link to={bidLink} className="button">
            {t('notices.detail.startBid')}
          </Link>
        ) : null}
      </p>

      <BiddersOnNotice groups={member?.bidders} />

      {!n.hidden ? <ShareBox url={shareUrl} text={shareText} membersOnly={!n.is_public} /> : null}

      {!member ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(`/notices/${n.id}`)}`}>{t('notices.detail.signInToRespond')}</Link>
        </p>
      ) : (
        <>
          {abilities['notice.edit'] || abilities['notice.delete'] || abilities['notice.pin'] ? (
            <section className="card" aria-labelledby="manage-title">
              <h2 id="manage-title" className="h3">
                {t('notices.manage.title')}
              </h2>
              <div className="button-row">
                {abilities['notice.edit'] ? (
                  <Link to={`/notices/${n.id}/edit`} className="button button--secondary">
                    {t('notices.manage.edit')}
                  </Link>
                ) : null}
                {abilities['notice.close'] ? (
                  <Form method="post">
                    <button type="submit" name="intent" value="close" className="button button--secondary" aria-disabled={busy || undefined}>
                      {t(`notices.manage.close.${n.type}`)}
                    </button>
                  </Form>
                ) : null}
                {abilities['notice.renew'] ? (
                  <Form method="post">
                    <button type="submit" name="intent" value="renew" className="button" aria-disabled={busy || undefined}>
                      {t('notices.manage.renew')}
                    </button>
                  </Form>
                ) : null}
                {abilities['notice.pin'] ? (
                  <Form method="post">
                    <button type="submit" name="intent" value={n.pinned ? 'unpin' : 'pin'} className="button button--secondary">
                      {t(n.pinned ? 'notices.manage.unpin' : 'notices.manage.pin')}
                    </button>
                  </Form>
                ) : null}
              </div>
              {abilities['notice.delete'] ? (
              <details className="notice-delete">
                <summary>{t('notices.manage.delete')}</summary>
                <Form method="post">
                  <p>{t('notices.manage.deleteWarning')}</p>
                  <button type="submit" name="intent" value="delete" className="button button--danger">
                    {t('notices.manage.deleteConfirm')}
                  </button>
                </Form>
              </details>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="responses-title" className="card">
            <h2 id="responses-title" className="h3">
              {t('notices.responses.title')}
            </h2>
            <ul className="list-plain notice-response-counts">
              {RESPONSES_FOR[n.type].map((k) => (
                <li key={k}>{t(`notices.responses.count.${k}`, { count: member.counts[k] ?? 0 })}</li>
              ))}
            </ul>
            {abilities['notice.respond'] ? (
              <div className="button-row">
                {RESPONSES_FOR[n.type].map((k) => {
                  const on = member.mine.includes(k);
                  return (
                    <Form method="post" key={k}>
                      <input type="hidden" name="kind" value={k} />
                      <button type="submit" name="intent" value="respond" className={`button${on ? ' button--secondary' : ''}`} aria-pressed={on}>
                        {t(`notices.responses.action.${k}`)}
                      </button>
                    </Form>
                  );
                })}
              </div>
            ) : null}
            {abilities['notice.seeResponders'] && member.responders.length ? (
              <>
                <h3 className="h4">{t('notices.responses.who')}</h3>
                <ul>
                  {member.responders.map((r) => (
                    <li key={`${r.kind}-${r.name}-${r.at}`}>
                      <span dir="auto">{t(`notices.responses.whoLine.${r.kind}`, { name: memberName(t, r.name) })}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          <section aria-labelledby="comments" className="notice-comments">
            <h2 id="comments">{t('notices.comments.title', { count: member.comments.reduce((s, c) => s + 1 + c.replies.length, 0) })}</h2>
            <ol className="list-plain">
              {member.comments.map((c) => (
                <li key={c.id} className="notice-comment">
                  <p className="notice-comment__meta">
                    <strong dir="auto">{memberName(t, c.author_name)}</strong> · {f.dateTime(c.created_at)}
                    {c.hidden ? <span className="tag tag--muted">{t('notices.comments.hidden')}</span> : null}
                  </p>
                  <p dir="auto" className="notice-comment__body">
                    {c.body}
                  </p>
                  {c.canReport ? <ReportForm subjectType="comment" subjectId={c.id} label={t('notices.report.comment')} /> : null}
                  {c.replies.length ? (
                    <ol className="list-plain notice-replies">
                      {c.replies.map((r) => (
                        <li key={r.id} className="notice-comment">
                          <p className="notice-comment__meta">
                            <strong dir="auto">{memberName(t, r.author_name)}</strong> · {f.dateTime(r.created_at)}
                            {r.hidden ? <span className="tag tag--muted">{t('notices.comments.hidden')}</span> : null}
                          </p>
                          <p dir="auto" className="notice-comment__body">
                            {r.body}
                          </p>
                          {r.canReport ? <ReportForm subjectType="comment" subjectId={r.id} label={t('notices.report.comment')} /> : null}
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  {abilities['notice.comment'] ? (
                    <details className="notice-reply">
                      <summary>{t('notices.comments.reply')}</summary>
                      <CommentForm parentId={c.id} label={t('notices.comments.replyLabel', { name: memberName(t, c.author_name) })} />
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
            {abilities['notice.comment'] ? <CommentForm label={t('notices.comments.label')} /> : null}
          </section>
          {abilities['notice.report'] ? <ReportForm subjectType="notice" subjectId={n.id} label={t('notices.report.notice')} /> : null}
        </>
      )}
    </article>
  );
}
