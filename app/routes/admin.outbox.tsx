import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireSteward } from '~/modules/auth/session.server';
import { listOutbox } from '~/modules/email/email.server';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Outbox · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSteward(request);
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const to = (url.searchParams.get('to') ?? '').slice(0, 254);
  const { rows, hasMore } = await listOutbox(page, 25, to || undefined);
  return json({ page, to, hasMore, messages: rows });
}

export default function Outbox() {
  const { t } = useTranslation();
  const { page, to, hasMore, messages } = useLoaderData<typeof loader>();
  const more = (p: number) => `?${new URLSearchParams({ ...(to ? { to } : {}), page: String(p) })}`;
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('admin.outbox.title')} lead={t('admin.outbox.lead')} />
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
          {messages.map((m) => (
            <li key={m.id} className="card">
              <article aria-labelledby={`mail-${m.id}`}>
                <h2 className="h3" id={`mail-${m.id}`} dir="auto">
                  {m.subject}
                </h2>
                <p className="meta">
                  {t('admin.outbox.to')} <span dir="ltr">{m.to_address}</span> · {format.dateTime(m.created_at)} ·{' '}
                  <span className="tag">{t(`admin.outbox.status.${m.status}`)}</span>
                </p>
                {m.text_body ? (
                  <pre className="mail" dir="auto">
                    {m.text_body}
                  </pre>
                ) : (
                  <p className="meta">{t('admin.outbox.bodyNotKept')}</p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
      <p className="button-row">
        {page > 1 ? <Link to={more(page - 1)}>{t('common.newer')}</Link> : null}
        {hasMore ? <Link to={more(page + 1)}>{t('common.older')}</Link> : null}
      </p>
    </>
  );
}
