import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeGovernanceAction, governanceAbilities } from '~/modules/governance/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GovernanceError } from '~/modules/governance/errors';
import { createGroup, listGroups } from '~/modules/governance/groups.server';
import { GroupNameSchema } from '~/modules/governance/governance.schema.server';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Groups · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    groups: await listGroups(),
    abilities: governanceAbilities(user),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorizeGovernanceAction(user, 'governanceGroup.manage');
  const formData = await request.formData();
  const name = String(formData.get('name') ?? '').slice(0, 10_000);
  const s = parseWithZod(formData, { schema: GroupNameSchema });
  if (s.status !== 'success' || s.value.intent !== 'create') {
    const error = s.status === 'success' ? 'governance.errors.invalid' : s.error?.name?.[0] ?? 'governance.errors.invalid';
    return json({ error, name }, { status: 400 });
  }
  try {
    const id = await createGroup(user, s.value.name);
    return redirectWithFlash(request, `/governance/groups/${id}`, {
      key: 'governance.groups.created',
    });
  } catch (e) {
    if (e instanceof GovernanceError) return json({ error: `governance.errors.${e.code}`, name }, { status: e.status });
    throw e;
  }
}

export default function Groups() {
  const { t } = useTranslation();
  const { groups, abilities } = useLoaderData<typeof loader>();
  const isSteward = abilities['governanceGroup.manage'];
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <PageHeader title={t('governance.groups.title')} lead={t('governance.groups.lead')} />
      <p>
        <Link to="/governance">{t('governance.back')}</Link>
      </p>
      <ul className="list-plain proposal-list">
        {groups.map((g) => (
          <li key={g.id} className="card">
            <h2 className="h4">
              <Link to={`/governance/groups/${g.id}`} dir="auto">
                {g.builtin ? t('governance.groups.directors') : g.name}
              </Link>
            </h2>
            <p className="meta">
              {t('governance.groups.votingMembers', { count: g.members })}
              {g.builtin ? ` · ${t('governance.groups.followsRegister')}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {isSteward ? (
        <section className="card" aria-labelledby="new-group">
          <h2 id="new-group">{t('governance.groups.create')}</h2>
          <Form method="post" className="form">
            <div className="field">
              <label className="field__label" htmlFor="group-name">
                {t('governance.groups.name.label')}
              </label>
              <input
                id="group-name"
                name="name"
                className="input"
                maxLength={80}
                dir="auto"
                required
                defaultValue={actionData?.name ?? ''}
                aria-invalid={actionData?.error ? true : undefined}
                aria-describedby={actionData?.error ? 'group-name-error' : undefined}
              />
              {actionData?.error ? (
                <p className="field__error" id="group-name-error" role="alert">
                  {t(actionData.error)}
                </p>
              ) : null}
            </div>
            <button type="submit" name="intent" value="create" className="button" disabled={busy}>
              {t('governance.groups.createButton')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
