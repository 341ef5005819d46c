import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { ballotPage, castFundVote, closeFundVote, eligibleApplications, openVote, receiptCheckFor, VOTE_ABILITIES } from '~/modules/funding/vote.server';
import { CastVoteSchema, OpenVoteSchema } from '~/modules/funding/vote.schema.server';
import { newFormToken } from '~/modules/governance/ballot-box.server';
import { ukMidnight } from '~/modules/governance/dates';
import { Money } from '~/modules/funding/components/bits';
import { ReceiptCheck } from '~/modules/funding/components/receipt-check';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: "Members' vote · NOMI Workspace" }];

const DAY = 24 * 60 * 60_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await ballotPage(user, params.id!);
  const abilities = abilitiesFor(user, page.subject, [...VOTE_ABILITIES]);
  // Only the method's own page: a panel-decided round has no members' vote.
  if (page.round.decisionMethod === 'panel') throw new Response('Not found', { status: 404 });
  const eligible = abilities['fundVote.open'] ? (await eligibleApplications(page.round.id)).map((e) => ({ id: e.id, title: e.title, amount: e.amount })) : [];
  return json({
    round: { id: page.round.id, name: page.round.name, pot: page.round.pot, method: page.round.decisionMethod },
    vote: page.vote,
    voted: page.voted,
    projects: page.projects,
    abilities,
    eligible,
    defaultCloses: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
    // One token per form shown: the same form sent twice is answered with the same receipt.
    token: abilities['fundVote.vote'] && !page.voted ? newFormToken() : null,
    receiptCheck: page.vote ? await receiptCheckFor(request, page.round.id) : null,
  });
}

type ActionData =
  | { receipt: string }
  | { error: string; projects?: string[]; approved?: string[] }
  | { openError: string; closes: string; shortlist: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const roundId = params.id!;
  if (intent === 'open') {
    const parsed = OpenVoteSchema.safeParse({ intent, closes: form.get('closes') ?? undefined, shortlist: form.getAll('shortlist') });
    if (!parsed.success) {
      return json<ActionData>({ openError: 'funding.vote.errors.closes', closes: String(form.get('closes') ?? '').slice(0, 10), shortlist: form.getAll('shortlist').map(String).slice(0, 200) }, { status: 400 });
    }
    const [y, m, d] = parsed.data.closes.split('-').map(Number) as [number, number, number];
    // Voting closes at the end of the chosen day, UK time.
    const r = await openVote(user, roundId, { closesAt: ukMidnight(y, m, d + 1), shortlist: parsed.data.shortlist });
    if (r !== 'ok') return json<ActionData>({ openError: `funding.vote.errors.${r.problems[0]}`, closes: parsed.data.closes, shortlist: parsed.data.shortlist }, { status: 400 });
    return redirectWithFlash(request, `/funds/${roundId}/vote`, { key: 'funding.vote.flash.opened' });
  }
  if (intent === 'vote') {
    const parsed = CastVoteSchema.safeParse({ intent, token: form.get('token') ?? '', approve: form.getAll('approve') });
    if (!parsed.success) return json<ActionData>({ error: 'funding.vote.errors.unknown-project' }, { status: 400 });
    const r = await castFundVote(user, roundId, { approved: parsed.data.approve, token: parsed.data.token });
    if (r.ok) return json<ActionData>({ receipt: r.receipt });
    const status = r.error === 'already-voted' ? 409 : 400;
    return json<ActionData>({ error: `funding.vote.errors.${r.error}`, projects: r.error === 'own-project' ? r.projects : undefined, approved: parsed.data.approve }, { status });
  }
  if (intent === 'close') {
    const r = await closeFundVote(user, roundId);
    return redirectWithFlash(request, `/funds/${roundId}/result`, { key: r === 'ok' ? 'funding.vote.flash.closed' : 'funding.vote.flash.alreadyClosed' });
  }
  throw new Response('Bad request', { status: 400 });
}

export default function VotePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { round, vote, voted, projects, abilities, eligible, defaultCloses, token, receiptCheck } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const receipt = data && 'receipt' in data ? data.receipt : null;
  const error = data && 'error' in data ? data : null;
  const openError = data && 'openError' in data ? data : null;
  return (
    <>
      <PageHeader title={t('funding.vote.title')} lead={round.name} />
      <p>
        <Link to={`/funds/${round.id}`}>{t('funding.vote.backToRound')}</Link>
      </p>

      {abilities['fundVote.open'] ? (
        <section className="card" aria-labelledby="open-vote">
          <h2 id="open-vote">{t('funding.vote.open.title')}</h2>
          <p>{t(round.method === 'panel-then-members' ? 'funding.vote.open.helpShortlist' : 'funding.vote.open.help')}</p>
          {eligible.length === 0 ? <p>{t('funding.vote.open.none')}</p> : null}
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="open" />
            {openError ? (
              <p className="field__error" role="alert" id="open-error">
                {t(openError.openError)}
              </p>
            ) : null}
            {round.method === 'panel-then-members' ? (
              <fieldset className="field fieldset">
                <legend className="field__label">{t('funding.vote.open.shortlist')}</legend>
                {eligible.map((e) => (
                  <label key={e.id} className="checkbox">
                    <input type="checkbox" name="shortlist" value={e.id} defaultChecked={openError ? openError.shortlist.includes(e.id) : false} />
                    <span dir="auto">{e.title}</span> · <Money value={e.amount} />
                  </label>
                ))}
              </fieldset>
            ) : (
              <ul>
                {eligible.map((e) => (
                  <li key={e.id}>
                    <span dir="auto">{e.title}</span> · <Money value={e.amount} />
                  </li>
                ))}
              </ul>
            )}
            <div className="field">
              <label className="field__label" htmlFor="closes">
                {t('funding.vote.open.closes')}
              </label>
              <input id="closes" name="closes" type="date" required defaultValue={openError?.closes || defaultCloses} aria-describedby={openError ? 'open-error' : undefined} />
            </div>
            <button type="submit" className="button" disabled={eligible.length === 0}>
              {t('funding.vote.open.button')}
            </button>
          </Form>
        </section>
      ) : null}

      {!vote && !abilities['fundVote.open'] ? <p>{t('funding.vote.notOpenYet')}</p> : null}

      {vote ? (
        <>
          <p>{t('funding.vote.howItWorks')}</p>
          <p>
            {vote.status === 'open' ? t('funding.vote.closes', { date: f.dateTime(vote.closesAt) }) : null} {t('funding.vote.turnout', { turnout: vote.turnout, electorate: vote.electorate })}
          </p>
        </>
      ) : null}

      {receipt ? (
        <section className="card fund-receipt" role="status" aria-labelledby="receipt-title">
          <h2 id="receipt-title">{t('funding.vote.voted')}</h2>
          <p>{t('funding.vote.receiptTitle')}</p>
          <p className="fund-receipt__code">
            <strong dir="ltr">{receipt}</strong>
          </p>
          <p>{t('funding.vote.receiptHelp')}</p>
        </section>
      ) : voted ? (
        <p className="card" role="status">
          {t('funding.vote.alreadyVoted')}
        </p>
      ) : null}

      {vote && !receipt && !voted && token ? (
        <Form method="post" className="form" aria-labelledby="ballot-title">
          <h2 id="ballot-title">{t('funding.vote.ballotTitle')}</h2>
          <p>{t('funding.vote.lead')}</p>
          <p className="muted">{t('funding.vote.order')}</p>
          {error ? (
            <p className="field__error" role="alert" id="ballot-error">
              {t(error.error, { projects: (error.projects ?? []).join(', ') })}
            </p>
          ) : null}
          <input type="hidden" name="intent" value="vote" />
          <input type="hidden" name="token" value={token} />
          <ul className="list-plain fund-ballot">
            {projects.map((p) => (
              <li key={p.id} className="card fund-ballot__item">
                <h3 className="h4" dir="auto" id={`p-${p.id}`}>
                  {p.title}
                </h3>
                <p dir="auto">{p.summary}</p>
                <p>
                  {t('funding.vote.asks')} <Money value={p.amount} />
                </p>
                {p.own ? (
                  <p className="muted">{t('funding.vote.own')}</p>
                ) : (
                  <label className="checkbox">
                    <input type="checkbox" name="approve" value={p.id} defaultChecked={error?.approved?.includes(p.id) ?? false} aria-describedby={`p-${p.id}`} />
                    <span>{t('funding.vote.approve')}</span>
                  </label>
                )}
              </li>
            ))}
          </ul>
          <p>{t('funding.vote.onceOnly')}</p>
          <button type="submit" className="button">
            {t('funding.vote.submit')}
          </button>
        </Form>
      ) : null}

      {vote?.status === 'open' && !abilities['fundVote.vote'] && !voted && !receipt ? (
        <>
          <p>{t(abilities['fundVote.close'] || vote.closesAt <= Date.now() ? 'funding.govvote.counting' : 'funding.vote.notInElectorate')}</p>
          <ul className="list-plain fund-ballot">
            {projects.map((p) => (
              <li key={p.id} className="card fund-ballot__item">
                <h3 className="h4" dir="auto">
                  {p.title}
                </h3>
                <p dir="auto">{p.summary}</p>
                <p>
                  {t('funding.vote.asks')} <Money value={p.amount} />
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {abilities['fundVote.close'] ? (
        <Form method="post" className="card">
          <p>{t('funding.govvote.closeHelp')}</p>
          <button type="submit" name="intent" value="close" className="button">
            {t('funding.vote.close.button')}
          </button>
        </Form>
      ) : null}

      {abilities['fundVote.seeResult'] ? (
        <p>
          <Link to={`/funds/${round.id}/result`} className="button">
            {t('funding.vote.resultLink')}
          </Link>
        </p>
      ) : null}

      {vote ? (
        <p>
          {t('funding.govvote.listed')} <Link to="/governance">{t('funding.govvote.listedLink')}</Link>
        </p>
      ) : null}

      {vote ? <ReceiptCheck action={`/funds/${round.id}/vote`} check={receiptCheck} /> : null}
    </>
  );
}
