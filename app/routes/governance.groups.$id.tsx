import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeGovernanceAction, governanceAbilities } from '~/modules/governance/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GovernanceError } from '~/modules/governance/errors';
import { addGroupMember, groupMembers, removeGroupMember, renameGroup } from '~/modules/governance/groups.server';
import { activeMembers } from '~/modules/governance/records.server';
import { GroupMemberSchema, GroupNameSchema } from '~/modules/governance/governance.schema.server';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Group · NOMI Workspace' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await groupMembers(params.id ?? '');
  if (!found) throw new Response('Not found', { status: 404 });
  const abilities = governanceAbilities(user);
  const inGroup = new Set(found.members.map((m) => m.id));
  const candidates = abilities['governanceGroup.manage'] && !found.group.builtin ? (await activeMembers()).filter((m) => !inGroup.has(m.id)) : [];
  return json({
    group: found.group,
    members: found.members,
    candidates,
    abilities,
  });
}

type ActionData = { field: 'name' | 'member'; error: string; name?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorizeGovernanceAction(user, 'governanceGroup.manage');
  const id = params.id ?? '';
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const here = `/governance/groups/${id}`;
  try {
    if (intent === 'rename') {
      const s = parseWithZod(formData, { schema: GroupNameSchema });
      const name = String(formData.get('name') ?? '').slice(0, 10_000);
      if (s.status !== 'success')
        return json<ActionData>(
          {
            field: 'name',
            error: s.error?.name?.[0] ?? 'governance.errors.invalid',
            name,
          },
          { status: 400 }
        );
      await renameGroup(user, id, s.value.name);
      return redirectWithFlash(request, here, {
        key: 'governance.groups.renamed',
      });
    }
    if (intent === 'add' || intent === 'remove') {
      const s = parseWithZod(formData, { schema: GroupMemberSchema });
      if (s.status !== 'success')
        return json<ActionData>(
          {
            field: 'member',
            error: s.error?.memberId?.[0] ?? 'governance.errors.invalid',
          },
          { status: 400 }
        );
      if (s.value.intent === 'add') await addGroupMember(user, id, s.value.memberId);
      else await removeGroupMember(user, id, s.value.memberId);
      return redirectWithFlash(request, here, {
        key: s.value.intent === 'add' ? 'governance.groups.added' : 'governance.groups.removed',
      });
    }
    return json<ActionData>({ field: 'member', error: 'governance.errors.invalid' }, { status: 400 });
  } catch (e) {
    if (e instanceof GovernanceError) {
      if (e.status === 404) throw new Response('Not found', { status: 404 });
      return json<ActionData>(
        {
          field: intent === 'rename' ? 'name' : 'member',
          error: `governance.errors.${e.code}`,
          name: String(formData.get('name') ?? '').slice(0, 10_000),
        },
        { status: e.status }
      );
    }
    throw e;
  }
}

export default function Group() {
  const { t } = useTranslation();
  const { group, members, candidates, abilities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  const editable = abilities['governanceGroup.manage'] && !group.builtin;
  const title = group.builtin ? t('governance.groups.directors') : group.name;
  const err = (field: ActionData['field']) => (actionData && actionData.field === field ? actionData.error : null);
  return (
    <>
      <PageHeader title={title} lead={group.builtin ? t('governance.groups.directorsLead') : t('governance.groups.groupLead')} />
      <p>
        <Link to="/governance/groups">{t('governance.groups.back')}</Link>
      </p>
      <section aria-labelledby="members">
        <h2 id="members">{t('governance.groups.members')}</h2>
        {err('member') ? (
          <p className="field__error" role="alert">
            {t(err('member')!)}
          </p>
        ) : null}
        {members.length === 0 ? <p>{t('governance.groups.noMembers')}</p> : null}
        <ul className="list-plain group-members">
          {members.map((m) => (
            <li key={m.id}>
              <Link to={`/members/${m.id}`} dir="auto">
                {m.name}
              </Link>
              {m.voting ? '' : ` · ${t('governance.groups.notVoting')}`}
              {editable ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="memberId" value={m.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="button button--link"
                    disabled={busy}
                    aria-label={t('governance.groups.removeNamed', {
                      name: m.name,
                    })}
                  >
                    {t('governance.groups.remove')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {group.builtin ? (
          <p>
            <Link to="/governance/cic#directors">{t('governance.groups.editRegister')}</Link>
          </p>
        ) : null}
      </section>
      {editable ? (
        <>
          <section className="card" aria-labelledby="add-member">
            <h2 id="add-member">{t('governance.groups.add')}</h2>
            <Form method="post" className="form">
              <div className="field">
                <label className="field__label" htmlFor="group-member">
                  {t('governance.groups.member.label')}
                </label>
                <select id="group-member" name="memberId" className="input" required>
                  <option value="">{t('governance.groups.member.choose')}</option>
                  {candidates.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="intent" value="add" className="button" disabled={busy}>
                {t('governance.groups.addButton')}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="rename-group">
            <h2 id="rename-group">{t('governance.groups.rename')}</h2>
            <Form method="post" className="form">
              <div className="field">
                <label className="field__label" htmlFor="rename-name">
                  {t('governance.groups.name.label')}
                </label>
                <input
                  id="rename-name"
                  name="name"
                  className="input"
                  maxLength={80}
                  dir="auto"
                  required
                  defaultValue={actionData?.field === 'name' ? actionData.name ?? '' : group.name}
                  aria-invalid={err('name') ? true : undefined}
                  aria-describedby={err('name') ? 'rename-error' : undefined}
                />
                {err('name') ? (
                  <p className="field__error" id="rename-error" role="alert">
                    {t(err('name')!)}
                  </p>
                ) : null}
              </div>
              <button type="submit" name="intent" value="rename" className="button button--secondary" disabled={busy}>
                {t('governance.groups.renameButton')}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
