import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/auth/policy.server';
import { findMembersWithoutEmail, issueHandoverResetLink } from '~/modules/auth/reset-links.server';
import { Handover } from '~/modules/membership/components/handover';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Reset links · NOMI Workspace' }, { name: 'referrer', content: 'same-origin' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'account.issueResetLink');
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  return json({ q, members: await findMembersWithoutEmail(user, q) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'account.issueResetLink');
  const form = await request.formData();
  const userId = form.get('userId');
  if (typeof userId !== 'string' || userId.length > 40) return json({ problem: 'admin.resetLinks.invalid', handover: null }, { status: 400 });
  const result = await issueHandoverResetLink(user, userId);
  if (!result.ok) return json({ problem: `admin.resetLinks.${result.reason}`, handover: null }, { status: result.reason === 'notFound' ? 404 : 409 });
  return json({ problem: null, handover: result });
}

export default function ResetLinks() {
  const { t } = useTranslation();
  const { q, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t('admin.resetLinks.title')} lead={t('admin.resetLinks.lead')} />
      {actionData?.handover ? (
        <Handover
          title={t('admin.resetLinks.madeFor', { name: actionData.handover.name })}
          explain={t('admin.resetLinks.explain')}
          phone={actionData.handover.phone}
          link={actionData.handover.link}
          whatsApp={actionData.handover.whatsApp}
        />
      ) : null}
      {actionData?.problem ? (
        <p className="notice notice--warning" role="alert">
          {t(actionData.problem)}
        </p>
      ) : null}
      <Form method="get" role="search" className="search-row">
        <label htmlFor="reset-q" className="field__label">
          {t('admin.resetLinks.search')}
        </label>
        <div className="button-row">
          <input id="reset-q" name="q" defaultValue={q} className="input search-row__input" dir="auto" maxLength={100} />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </Form>
      {q && members.length === 0 ? <EmptyState title={t('admin.resetLinks.none')} /> : null}
      <ul className="list-plain">
        {members.map((m) => (
          <li key={m.id} className="card">
            <h2 className="h3" dir="auto">
              {m.name}
            </h2>
            <p className="meta" dir="ltr">
              {m.phone}
            </p>
            <Form method="post">
              <input type="hidden" name="userId" value={m.id} />
              <button type="submit" className="button">
                {t('admin.resetLinks.make', { name: m.name })}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </>
  );
}
