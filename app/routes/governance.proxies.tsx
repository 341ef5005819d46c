import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GovernanceError } from '~/modules/governance/errors';
import { PROXY_LIMIT } from '~/modules/governance/participation.server';
import { appointProxy, myProxies, revokeProxy } from '~/modules/governance/participation.server';
import { ProxySchema } from '~/modules/governance/governance.schema.server';
import { activeMembers, proxyableProposals } from '~/modules/governance/records.server';
import { PageHeader } from '~/ui/page';
import { ProxyCodeBox } from '~/modules/governance/components/proxy-code-box';

export const meta: MetaFunction = () => [{ title: 'Proxies · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [proxies, members, proposals] = await Promise.all([
    myProxies(user.id),
    activeMembers(user.id),
    proxyableProposals(),
  ]);
  return json({ proxies, members, proposals, limit: PROXY_LIMIT });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get('intent') === 'revoke') {
    const id = String(formData.get('id') ?? '').slice(0, 40);
    if (!(await revokeProxy(user, id))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(request, '/governance/proxies', { key: 'governance.proxies.revoked' });
  }
  const submission = parseWithZod(formData, { schema: ProxySchema });
  const values = { holderId: String(formData.get('holderId') ?? '').slice(0, 40), proposalId: String(formData.get('proposalId') ?? '').slice(0, 40) };
  if (submission.status !== 'success') return json({ error: 'governance.proxies.holder.required', field: 'holder' as ProxyField, values }, { status: 400 });
  let code: string | null;
  try {
    ({ code } = await appointProxy(user, submission.value.holderId, submission.value.proposalId || null));
  } catch (e) {
    if (e instanceof GovernanceError) return json({ error: `governance.errors.${e.code}`, field: fieldOf(e.code), values }, { status: e.status });
    throw e;
  }
  // The proxy code is shown once, in this answer only: not in a redirect's flash cookie, not stored.
  if (code) {
    const holder = (await activeMembers(user.id)).find((m) => m.id === submission.value.holderId);
    return json({ error: null, code, holder: holder?.name ?? '' }, { headers: { 'Cache-Control': 'no-store' } });
  }
  return redirectWithFlash(request, '/governance/proxies', { key: 'governance.proxies.appointed' });
}

type ProxyField = 'holder' | 'scope';

/** Which field a refusal belongs next to: the chosen member, or the vote the proxy is for. */
function fieldOf(code: string): ProxyField {
  return code === 'invalid' || code === 'proxy_limit' ? 'holder' : 'scope';
}

export default function Proxies() {
  const { t } = useTranslation();
  const { proxies, members, proposals, limit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && 'field' in actionData ? actionData : null;
  const errorAt = (field: ProxyField) => (failed?.field === field ? failed.error : null);
  const kept = failed?.values;
  return (
    <>
      <PageHeader title={t('governance.proxies.title')} lead={t('governance.proxies.lead', { limit })} />
      <p>
        <Link to="/governance">{t('governance.back')}</Link>
      </p>
      {actionData && 'code' in actionData && actionData.code ? (
        <>
          <p className="notice notice--success" role="status">
            {t('governance.proxies.appointed')}
          </p>
          <ProxyCodeBox code={actionData.code} holder={actionData.holder} />
        </>
      ) : null}
      <section className="card" aria-labelledby="appoint">
        <h2 id="appoint">{t('governance.proxies.appoint')}</h2>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="appoint" />
          <div className="field">
            <label className="field__label" htmlFor="holder">
              {t('governance.proxies.holder.label')}
            </label>
            {errorAt('holder') ? (
              <p className="field__error" role="alert" id="holder-error">
                {t(errorAt('holder')!)}
              </p>
            ) : null}
            <select id="holder" name="holderId" className="input" required aria-invalid={errorAt('holder') ? true : undefined} aria-describedby={errorAt('holder') ? 'holder-error' : undefined} defaultValue={kept?.holderId ?? ''}>
              <option value="">{t('governance.proxies.holder.choose')}</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="scope">
              {t('governance.proxies.scope.label')}
            </label>
            {errorAt('scope') ? (
              <p className="field__error" role="alert" id="scope-error">
                {t(errorAt('scope')!)}
              </p>
            ) : null}
            <select id="scope" name="proposalId" className="input" aria-invalid={errorAt('scope') ? true : undefined} aria-describedby={errorAt('scope') ? 'scope-error scope-hint scope-secret' : 'scope-hint scope-secret'} defaultValue={kept?.proposalId ?? ''}>
              <option value="">{t('governance.proxies.scope.standing')}</option>
              {proposals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
            <p className="field__hint" id="scope-hint">
              {t('governance.proxies.scope.hint')}
            </p>
            <p className="field__hint" id="scope-secret">
              {t('governance.secretProxy.holder.appointHint')}
            </p>
          </div>
          <button type="submit" className="button">
            {t('governance.proxies.appointButton')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="given">
        <h2 id="given">{t('governance.proxies.given')}</h2>
        {proxies.given.length === 0 ? <p>{t('governance.proxies.none')}</p> : null}
        <ul>
          {proxies.given.map((x) => (
            <li key={x.id}>
              <span dir="auto">{x.holder_name}</span> — {x.proposal_title ? <span dir="auto">{x.proposal_title}</span> : t('governance.proxies.scope.standing')}{' '}
              {x.misses_secret ? <span className="meta">{t('governance.secretProxy.member.appointAgain')}</span> : null}{' '}
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={x.id} />
                <button type="submit" name="intent" value="revoke" className="button button--link">
                  {t('governance.proxies.revoke')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="held">
        <h2 id="held">{t('governance.proxies.held')}</h2>
        {proxies.held.length === 0 ? <p>{t('governance.proxies.none')}</p> : null}
        <ul>
          {proxies.held.map((x) => (
            <li key={x.id}>
              <span dir="auto">{x.grantor_name}</span> — {x.proposal_title ? <span dir="auto">{x.proposal_title}</span> : t('governance.proxies.scope.standing')}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
