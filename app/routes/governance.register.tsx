import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeGovernanceAction, authorizeRecords, governanceAbilities } from '~/modules/governance/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GovernanceError } from '~/modules/governance/errors';
import { memberRegister, setMembershipDates } from '~/modules/governance/records.server';
import { dateInputToMs, msToDateInput } from '~/modules/governance/dates';
import { RegisterSchema } from '~/modules/governance/governance.schema.server';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';
import { memberName } from '~/modules/directory/former-member';

export const meta: MetaFunction = () => [{ title: 'Register of members · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorizeRecords(user);
  const rows = await memberRegister();
  return json({ members: rows.map((r) => ({ id: r.id, name: r.name, joinedAt: r.joined_at, ceasedAt: r.ceased_at })), abilities: governanceAbilities(user) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorizeGovernanceAction(user, 'memberRegister.edit');
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: RegisterSchema });
  const memberId = String(formData.get('memberId') ?? '').slice(0, 40);
  if (submission.status !== 'success') {
    return json({ memberId, error: 'governance.register.date.invalid' }, { status: 400 });
  }
  const v = submission.value;
  try {
    await setMembershipDates(user, v.memberId, dateInputToMs(v.joinedAt), v.ceasedAt ? dateInputToMs(v.ceasedAt) : null);
  } catch (e) {
    if (e instanceof GovernanceError) {
      if (e.status === 404) throw new Response('Not found', { status: 404 });
      return json({ memberId, error: e.code === 'invalid' ? 'governance.register.date.order' : `governance.errors.${e.code}` }, { status: e.status });
    }
    throw e;
  }
  return redirectWithFlash(request, '/governance/register', { key: 'governance.register.saved' });
}

export default function Register() {
  const { t } = useTranslation();
  const format = useFormat();
  const { members, abilities } = useLoaderData<typeof loader>();
  const isSteward = abilities['memberRegister.edit'];
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t('governance.register.title')} lead={t('governance.register.lead')}>
        <p className="button-row no-print">
          <a href="/governance/register.csv" className="button button--secondary" download>
            {t('governance.register.csv')}
          </a>
          <Link to="/governance" className="button button--link">
            {t('governance.back')}
          </Link>
        </p>
      </PageHeader>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('governance.register.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('governance.register.name')}</th>
              <th scope="col">{t('governance.register.joined')}</th>
              <th scope="col">{t('governance.register.ceased')}</th>
              {isSteward ? (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row" dir="auto">
                  {memberName(t, m.name)}
                </th>
                <td>{format.date(m.joinedAt)}</td>
                <td>{m.ceasedAt ? format.date(m.ceasedAt) : '—'}</td>
                {isSteward ? (
                  <td>
                    <details open={actionData?.memberId === m.id}>
                      <summary>{t('governance.register.edit', { name: m.name })}</summary>
                      <Form method="post" className="form">
                        <input type="hidden" name="intent" value="dates" />
                        <input type="hidden" name="memberId" value={m.id} />
                        {actionData?.memberId === m.id ? (
                          <p className="field__error" role="alert">
                            {t(actionData.error)}
                          </p>
                        ) : null}
                        <div className="field">
                          <label className="field__label" htmlFor={`joined-${m.id}`}>
                            {t('governance.register.joined')}
                          </label>
                          <input id={`joined-${m.id}`} type="date" name="joinedAt" required className="input input--narrow" defaultValue={msToDateInput(m.joinedAt)} />
                        </div>
                        <div className="field">
                          <label className="field__label" htmlFor={`ceased-${m.id}`}>
                            {t('governance.register.ceased')} <span className="field__optional">{t('common.form.optional')}</span>
                          </label>
                          <input id={`ceased-${m.id}`} type="date" name="ceasedAt" className="input input--narrow" defaultValue={m.ceasedAt ? msToDateInput(m.ceasedAt) : ''} />
                        </div>
                        <button type="submit" className="button button--secondary">
                          {t('governance.register.save')}
                        </button>
                      </Form>
                    </details>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
