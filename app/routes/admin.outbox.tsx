import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { abilitiesFor, authorize } from '~/modules/auth/policy.server';
import { listOutbox } from '~/modules/email/email.server';
import { resendFromOutbox } from '~/modules/membership/resend.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Outbox · NOMI Workspace' }];

/** Kinds whose "send again" makes a fresh link, or resends kept text; others (already sent) cannot. */
const FRESH_LINK = new Set(['invitation', 'password.reset']);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'outbox.read');
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const to = (url.searchParams.get('to') ?? '').slice(0, 254);
  const { rows, hasMore } = await listOutbox(page, 25, to || undefined);
  return json({ page, to, hasMore, messages: rows, abilities: abilitiesFor(user, undefined, ['outbox.resend']) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'outbox.resend');
  const form = await request.formData();
  const id = Number(form.get('id'));
  if (form.get('intent') !== 'resend' || !Number.isSafeInteger(id) || id < 1) return json({ id: null, problem: 'admin.outbox.resend.invalid' }, { status: 400 });
  const result = await resendFromOutbox(user, id);
  if (result === 'notFound') throw new Response('Not found', { status: 404 });
  if (result === 'nothingToResend') return json({ id, problem: 'admin.outbox.resend.nothing' }, { status: 409 });
  return redirectWithFlash(request, `/admin/outbox${new URL(request.url).search}`, { key: 'admin.outbox.resend.done' });
}

export default function Outbox() {
  const { t } = useTranslation();
  const { page, to, hasMore, messages, abilities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const more = (p: number) => `?${new URLSearchParams({ ...(to ? { to } : {}), page: String(p) })}`;
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('admin.outbox.title')} lead={t('admin.outbox.lead')} />
      <p className="meta">{t('admin.outbox.private')}</p>
      <p>
        <Link to="/admin/reset-links">{t('admin.outbox.resetLinks')}</Link>
      </p>
      <Form method="get" role="search" className="search-row">
        <label htmlFor="outbox-to" className="field__label">
          {t('admin.outbox.search')}
        </label>
        <div className="button-row">
          <input id="outbox-to" name="to" type="email" defaultValue={to} className="input search-row__input" dir="ltr" />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </Form>
      {messages.length === 0 ? (
        <EmptyState title={t('admin.outbox.empty')} />
      ) : (
        <ul className="list-plain">
          {messages.map((m) => {
            const kind = t(`admin.outbox.kinds.${m.kind}`, { defaultValue: t('admin.outbox.kinds.other') });
            const canResend = abilities['outbox.resend'] && (FRESH_LINK.has(m.kind) || m.status !== 'sent');
            return (
              <li key={m.id} className="card">
                <article aria-labelledby={`mail-${m.id}`}>
                  <h2 className="h3" id={`mail-${m.id}`}>
                    {kind}
                  </h2>
                  <p className="meta">
                    {t('admin.outbox.to')} <span dir="ltr">{m.to_address}</span> · {format.dateTime(m.created_at)} ·{' '}
                    <span className="tag">{t(`admin.outbox.status.${m.status}`)}</span>
                  </p>
                  {actionData?.id === m.id && actionData.problem ? (
                    <p className="field__error" role="alert">
                      {t(actionData.problem)}
                    </p>
                  ) : null}
                  {canResend ? (
                    <Form method="post" className="button-row">
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" name="intent" value="resend" className="button button--secondary" aria-describedby={`mail-${m.id}`}>
                        {t(FRESH_LINK.has(m.kind) ? 'admin.outbox.resend.freshLink' : 'admin.outbox.resend.again')}
                      </button>
                    </Form>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
      <p className="button-row">
        {page > 1 ? <Link to={more(page - 1)}>{t('common.newer')}</Link> : null}
        {hasMore ? <Link to={more(page + 1)}>{t('common.older')}</Link> : null}
      </p>
    </>
  );
}
