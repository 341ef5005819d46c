import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeGovernanceAction, authorizeRecords, governanceAbilities } from '~/modules/governance/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GovernanceError } from '~/modules/governance/errors';
import { addCorrection, listDecisions, optionNames } from '~/modules/governance/records.server';
import { ResultView } from '~/modules/governance/components/result-view';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Decision register · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorizeRecords(user);
  const decisions = await listDecisions();
  // Candidate names for elections (options of the proposals in the register).
  const ids = [...new Set(decisions.map((d) => d.proposal_id).filter((x): x is string => !!x))];
  const names = await optionNames(ids);
  return json({ decisions, names, abilities: governanceAbilities(user) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorizeGovernanceAction(user, 'decision.correct');
  const formData = await request.formData();
  const number = Number(formData.get('number'));
  const statement = String(formData.get('statement') ?? '').trim();
  if (!Number.isInteger(number) || number < 1) throw new Response('Not found', { status: 404 });
  if (!statement || statement.length > 5000) {
    return json({ number, error: statement ? 'common.validation.tooLong' : 'governance.decisions.correction.required', statement: statement.slice(0, 10_000) }, { status: 400 });
  }
  try {
    await addCorrection(number, user, statement);
  } catch (e) {
    if (e instanceof GovernanceError) throw new Response(e.code, { status: e.status });
    throw e;
  }
  return redirectWithFlash(request, '/governance/decisions', { key: 'governance.decisions.correction.done' });
}

export default function Decisions() {
  const { t } = useTranslation();
  const format = useFormat();
  const { decisions, names, abilities } = useLoaderData<typeof loader>();
  const isSteward = abilities['decision.correct'];
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t('governance.decisions.title')} lead={t('governance.decisions.lead')}>
        <p className="button-row no-print">
          <a href="/governance/decisions.csv" className="button button--secondary" download>
            {t('governance.decisions.csv')}
          </a>
          <a href="/governance/decisions.pdf" className="button button--secondary" download>
            {t('governance.decisions.pdf')}
          </a>
          <Link to="/governance" className="button button--link">
            {t('governance.back')}
          </Link>
        </p>
        <p className="meta no-print">{t('governance.decisions.printHint')}</p>
      </PageHeader>
      {decisions.length === 0 ? <EmptyState title={t('governance.decisions.empty')} /> : null}
      <ol className="list-plain minutes">
        {decisions.map((d) => (
          <li key={d.number} className="card minute" id={`decision-${d.number}`}>
            <h2 className="h3">
              {t('governance.decisions.number', { number: d.number })}: <span dir="auto">{d.title}</span>
            </h2>
            <p className="meta">
              {format.date(d.decided_at)} · {t(`governance.kinds.${d.kind}`)} · {t('governance.decisions.electorate', { count: d.electorate })} ·{' '}
              {t('governance.decisions.turnout', { count: d.turnout })} · {d.quorate ? t('governance.decisions.quorate') : t('governance.outcomes.not_quorate')}
              {d.corrects ? ` · ${t('governance.decisions.corrects', { number: d.corrects })}` : ''}
              {d.supersedes ? ` · ${t('governance.decisions.supersedes', { number: d.supersedes })}` : ''}
            </p>
            <div className="prose" dir="auto">
              {d.text.split(/\n{2,}/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </div>
            <ResultView result={d.tally} names={names} />
            {d.outcome_statement && !d.corrects ? (
              <p dir="auto">
                <strong>{t('governance.decisions.statement')}</strong> {d.outcome_statement}
              </p>
            ) : null}
            {d.statement ? (
              <p dir="auto">
                <strong>{t('governance.decisions.correctionText')}</strong> {d.statement}
              </p>
            ) : null}
            {d.proposal_id ? (
              <p className="no-print">
                <Link to={`/governance/proposals/${d.proposal_id}`}>{t('governance.decisions.proposalLink')}</Link>
              </p>
            ) : null}
            {d.fund_round_id ? (
              <p className="no-print">
                <Link to={`/funds/${d.fund_round_id}/result`}>{t('governance.fundAwards.resultLink')}</Link>
              </p>
            ) : null}
            {isSteward ? (
              <details className="no-print" open={actionData?.number === d.number}>
                <summary>{t('governance.decisions.correction.title')}</summary>
                <Form method="post" className="form">
                  <input type="hidden" name="number" value={d.number} />
                  <div className="field">
                    <label className="field__label" htmlFor={`correction-${d.number}`}>
                      {t('governance.decisions.correction.label')}
                    </label>
                    {actionData?.number === d.number ? (
                      <p className="field__error" role="alert">
                        {t(actionData.error)}
                      </p>
                    ) : null}
                    <textarea id={`correction-${d.number}`} name="statement" rows={3} maxLength={5000} className="input" dir="auto" defaultValue={actionData?.number === d.number ? actionData.statement : ''} />
                  </div>
                  <button type="submit" className="button button--secondary">
                    {t('governance.decisions.correction.submit')}
                  </button>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
