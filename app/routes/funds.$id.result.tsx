import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { confirmVoteAwards, receiptCheckFor, voteResult } from '~/modules/funding/vote.server';
import { Money } from '~/modules/funding/components/bits';
import { ReceiptCheck } from '~/modules/funding/components/receipt-check';
import { Pence, WhyFunded } from '~/modules/funding/components/vote-result';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: "Result of the members' vote · NOMI Workspace" }];

/** The counted members' vote, every project's outcome explained, the ballots file; stewards confirm. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const r = await voteResult(user, params.id!);
  return json({
    round: { id: r.round.id, name: r.round.name, pot: r.result.pot ?? r.round.pot },
    vote: r.vote,
    result: { voters: r.result.voters, baseSharePence: r.result.baseSharePence, sharePence: r.result.sharePence, completionSteps: r.result.completionSteps, spent: r.result.spent, funded: r.result.selected.length },
    rows: r.rows,
    abilities: abilitiesFor(user, r.subject, ['fundVote.confirm']),
    receiptCheck: await receiptCheckFor(request, r.round.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get('intent') !== 'confirm') throw new Response('Bad request', { status: 400 });
  const r = await confirmVoteAwards(user, params.id!);
  return redirectWithFlash(request, `/funds/${params.id}/result`, { key: r === 'ok' ? 'funding.vote.flash.confirmed' : 'funding.vote.flash.alreadyConfirmed' });
}

export default function VoteResult() {
  const { t } = useTranslation();
  const { round, vote, result, rows, abilities, receiptCheck } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('funding.vote.result.title')} lead={round.name} />
      <p>
        <Link to={`/funds/${round.id}`}>{t('funding.vote.backToRound')}</Link>
      </p>
      <p>
        {t('funding.vote.result.summary', { voters: result.voters, electorate: vote.electorate, funded: result.funded })} <Money value={result.spent} /> / <Money value={round.pot} />
      </p>
      {vote.status === 'confirmed' ? (
        <p className="card" role="status">
          {t('funding.vote.result.confirmed', { number: vote.decisionNumber })} <Link to={`/governance/decisions#decision-${vote.decisionNumber}`}>{t('funding.vote.result.registerLink')}</Link>
        </p>
      ) : (
        <p>{t('funding.vote.result.awaiting')}</p>
      )}

      <section aria-labelledby="how">
        <h2 id="how">{t('funding.vote.result.how')}</h2>
        {result.voters > 0 ? (
          <p>
            {t('funding.vote.result.share', { voters: result.voters })} <Pence value={result.baseSharePence} />.{' '}
            {result.completionSteps > 0 ? (
              <>
                {t('funding.vote.result.completion', { steps: result.completionSteps })} <Pence value={result.sharePence} />.
              </>
            ) : null}
          </p>
        ) : (
          <p>{t('funding.vote.result.noVotes')}</p>
        )}
        {result.voters > 0 && round.pot > result.spent ? (
          <p>
            {t('funding.vote.result.left')} <Money value={round.pot - result.spent} />.
          </p>
        ) : null}
        <p>{t('funding.vote.result.rule')}</p>
      </section>

      <h2>{t('funding.vote.result.projects')}</h2>
      <ul className="list-plain fund-ballot">
        {rows.map((r) => (
          <li key={r.id} className="card fund-ballot__item">
            <h3 className="h4" dir="auto">
              {r.title}
            </h3>
            <p>
              <strong>{t(r.outcome.funded ? 'funding.vote.result.funded' : 'funding.vote.result.notFunded')}</strong> · <Money value={r.amount} /> · {t('funding.vote.result.approvals', { n: r.outcome.approvals })}
            </p>
            <p dir="auto" className="muted">
              {r.summary}
            </p>
            <WhyFunded row={r} />
          </li>
        ))}
      </ul>

      <section className="card" aria-labelledby="ballots">
        <h2 id="ballots" className="h3">
          {t('funding.vote.result.ballotsTitle')}
        </h2>
        <p>{t('funding.vote.result.ballotsHelp')}</p>
        <p>
          <a href={`/funds/${round.id}/ballots.pb`} download>
            {t('funding.vote.result.ballots')}
          </a>
        </p>
      </section>

      {abilities['fundVote.confirm'] ? (
        <Form method="post" className="card">
          <p>{t('funding.vote.result.confirmHelp')}</p>
          <button type="submit" name="intent" value="confirm" className="button">
            {t('funding.vote.result.confirm')}
          </button>
        </Form>
      ) : null}

      <ReceiptCheck action={`/funds/${round.id}/result`} check={receiptCheck} />
    </>
  );
}
