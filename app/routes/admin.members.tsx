import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/policies';
import { MemberAdminSchema } from '~/modules/members/admin.schema.server';
import { changeRole, listMembers, reinstateMember, setMentorFlag, suspendMember } from '~/modules/members/admin.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';
import { isDeletedAccount, memberName } from '~/modules/directory/former-member';
import { badRequest, notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Members · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const steward = await requireUser(request);
  authorize(steward, 'network.administer');
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, 100);
  const members = await listMembers({ q: q || undefined, status: 'all' });
  return json({ q, me: steward.id, members: members.map((m) => ({ ...m, deleted: isDeletedAccount(m) })) });
}

export async function action({ request }: ActionFunctionArgs) {
  // The module functions authorize each change (member.changeRole…); refusing here first keeps a
  // non-steward from learning which ids exist.
  const steward = await requireUser(request);
  authorize(steward, 'network.administer');
  const parsed = MemberAdminSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) badRequest();
  const v = parsed.data;
  const result =
    v.intent === 'role'
      ? await changeRole(steward, v.id, v.role)
      : v.intent === 'mentor'
        ? await setMentorFlag(steward, v.id, v.value === 'on')
        : v.intent === 'suspend'
          ? await suspendMember(steward, v.id)
          : await reinstateMember(steward, v.id);
  if (result === 'notFound') notFound();
  if (result !== 'ok') return json({ id: v.id, error: `admin.members.result.${result}` }, { status: 409 });
  return redirectWithFlash(request, '/admin/members', { key: `admin.members.done.${v.intent}` });
}

export default function Members() {
  const { t } = useTranslation();
  const { q, me, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('admin.members.title')} lead={t('admin.members.lead', { count: members.length })} />
      <Form method="get" role="search" className="search-row">
        <label htmlFor="member-search" className="field__label">
          {t('admin.members.search')}
        </label>
        <div className="button-row">
          <input id="member-search" name="q" type="search" defaultValue={q} className="input search-row__input" />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </Form>
      <ul className="list-plain">
        {members.map((m) => (
          <li key={m.id} className="card">
            <h2 className="h3" dir="auto">
              {memberName(t, m.name)} {m.id === me ? <span className="tag tag--muted">{t('admin.members.you')}</span> : null}
            </h2>
            <p className="meta">
              <span dir="ltr">{m.email}</span> · {t('admin.members.joined', { date: format.date(m.joined_at) })}
            </p>
            <p>
              <span className="tag">{t(`admin.members.roles.${m.role}`)}</span>{' '}
              {m.is_mentor ? <span className="tag">{t('admin.members.roles.mentor')}</span> : null}{' '}
              {m.deleted ? (
                <span className="tag tag--muted">{t('admin.members.deleted')}</span>
              ) : m.status === 'suspended' ? (
                <span className="tag tag--warn">{t('admin.members.suspended')}</span>
              ) : null}
            </p>
            {actionData?.id === m.id ? (
              <p className="field__error" role="alert">
                {t(actionData.error)}
              </p>
            ) : null}
            <div className="button-row">
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={m.id} />
                <input type="hidden" name="intent" value="role" />
                <label htmlFor={`role-${m.id}`} className="visually-hidden">
                  {t('admin.members.roleFor', { name: m.name })}
                </label>
                <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="input input--inline">
                  <option value="member">{t('admin.members.roles.member')}</option>
                  <option value="steward">{t('admin.members.roles.steward')}</option>
                </select>
                <button type="submit" className="button button--secondary">
                  {t('admin.members.changeRole')}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="id" value={m.id} />
                <input type="hidden" name="intent" value="mentor" />
                <input type="hidden" name="value" value={m.is_mentor ? 'off' : 'on'} />
                <button type="submit" className="button button--secondary">
                  {t(m.is_mentor ? 'admin.members.unmarkMentor' : 'admin.members.markMentor')}
                </button>
              </Form>
              {m.deleted ? (
                <p className="meta">{t('admin.members.deletedNote')}</p>
              ) : m.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="id" value={m.id} />
                  {m.status === 'active' ? (
                    <button type="submit" name="intent" value="suspend" className="button button--danger">
                      {t('admin.members.suspend')}
                    </button>
                  ) : (
                    <button type="submit" name="intent" value="reinstate" className="button button--secondary">
                      {t('admin.members.reinstate')}
                    </button>
                  )}
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
