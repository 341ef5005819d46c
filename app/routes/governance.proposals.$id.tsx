import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { env } from '~/env.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { DAY } from '~/modules/governance/dates';
import { GovernanceError } from '~/modules/governance/errors';
import { amendProposal, canReopen, closeEarly, extendProposal, recordOutcome, reopenConsent } from '~/modules/governance/proposal-lifecycle.server';
import { castVote, checkReceipt, type VoteInput } from '~/modules/governance/proposal-voting.server';
import { currentTally, verifyCount } from '~/modules/governance/proposal-count.server';
import { earlierObjections, getProposal, hasVoted, votedByProxy, listVersions, myBallot, openBallots, parseOptions, whoVoted } from '~/modules/governance/proposal-read.server';
import { addComment, listComments, proxyVotersFor } from '~/modules/governance/participation.server';
import { isFormToken, newFormToken } from '~/modules/governance/ballot-box.server';
import { proposalAccess, turnoutOf } from '~/modules/governance/access.server';
import { quorumRequired } from '~/modules/governance/tally';
import { getGroup } from '~/modules/governance/groups.server';
import { ATTACHMENT_MAX_BYTES, attachToProposal, listAttachments } from '~/modules/governance/attachments.server';
import { discardPending, parseUploadForm } from '~/modules/uploads/uploads.server';
import { AmendSchema, CommentSchema, ExtendSchema, OutcomeSchema, ReopenSchema, dateInputToMs } from '~/modules/governance/governance.schema.server';
import type { BallotChoice, TallyResult } from '~/modules/governance/tally';
import { ResultView } from '~/modules/governance/components/result-view';
import { LiveTally } from '~/modules/governance/components/live-tally';
import { ReceiptBox } from '~/modules/governance/components/receipt-box';
import { CodeField, isCodeError } from '~/modules/governance/components/code-field';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';
import { memberName } from '~/modules/directory/former-member';

export const meta: MetaFunction = () => [{ title: 'Proposal · NOMI Workspace' }];

// Ships the client (~/utils/route-handle): the tally updates live while a vote is open.
export const handle: RouteHandle = { hydrate: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await getProposal(params.id ?? '');
  if (!p) throw new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const now = Date.now();
  const { subject, abilities } = await proposalAccess(user, p, now);
  const eligible = subject.inElectorate;
  const voted = await hasVoted(p.id, user.id);
  const ballot = p.secret ? null : await myBallot(p.id, user.id);
  const comments = await listComments(p.id);
  const versions = await listVersions(p.id);
  // s324: nobody signs a written resolution by proxy. Secret ballots too (secret-proxy.server.ts).
  const proxyFor = p.kind === 'written' || p.status !== 'open' ? [] : await proxyVotersFor(user.id, p.id);
  // Only the member's own row: whether their current secret ballot is the one their proxy cast.
  const myVoteByProxy = p.secret && voted && p.status === 'open' ? await votedByProxy(p.id, user.id) : false;
  const closed = p.status === 'closed';
  // Results: as `proposal.seeResults` says — the stored tally after close; a live count only for
  // open ballots that do not hide results. Secret ballots show turnout only until close.
  let result: TallyResult | null = null;
  if (abilities['proposal.seeResults']) result = closed ? (JSON.parse(p.result!) as TallyResult) : await currentTally(p);
  const turnout = abilities['proposal.seeTurnout'] ? await turnoutOf(p.id) : null;
  const verify = closed && url.searchParams.get('verify') === '1' ? await verifyCount(p) : null;
  const group = p.electorate_group_id ? await getGroup(p.electorate_group_id) : null;
  return json({
    proposal: {
      id: p.id,
      title: p.title,
      body: p.body,
      kind: p.kind,
      status: p.status,
      secret: p.secret === 1,
      hideResults: p.hide_results === 1,
      allowCloseEarly: p.allow_close_early === 1,
      quorumPercent: p.quorum_percent,
      writtenMajority: p.written_majority,
      pollMode: p.poll_mode,
      maxScore: p.max_score,
      seats: p.seats,
      version: p.version,
      opensAt: p.opens_at,
      closesAt: p.closes_at,
      closedAt: p.closed_at,
      electorateSize: p.electorate_size,
      outcomeStatement: p.outcome_statement,
      reviewAt: p.review_at,
      round: p.round,
      group: group ? { id: group.id, name: group.name, builtin: group.builtin } : null,
    },
    canReopen: await canReopen(p, user),
    attachments: await listAttachments(p.id),
    earlierObjections: await earlierObjections(p),
    options: parseOptions(p),
    abilities,
    turnout,
    quorumRequired: p.quorum_min > 0 || p.quorum_percent > 0 ? Math.min(p.electorate_size, Math.max(p.quorum_min, quorumRequired(p.electorate_size, p.quorum_percent))) : 0,
    canVote: abilities['proposal.vote'],
    eligible,
    voted,
    myVoteByProxy,
    ballot,
    votedOnOlderVersion: !!ballot && ballot.version < p.version,
    facilitator: abilities['proposal.facilitate'],
    proposer: p.proposer_id === user.id,
    result,
    verify: verify ? { matches: verify.matches } : null,
    ballots: closed && !p.secret ? await openBallots(p.id) : [],
    voters: closed ? await whoVoted(p.id) : [],
    comments,
    versions,
    proxyFor,
    shareUrl: `${env.publicUrl}/governance/proposals/${p.id}`,
    // One per rendering of the vote form: the same form sent again is answered the same way (issue 12.8).
    formToken: newFormToken(),
    // Each proxy form its own token: a resent form must find the ballot it cast, not another's.
    proxyFormTokens: Object.fromEntries(proxyFor.map((m) => [m.id, newFormToken()])),
  });
}

type ActionData = { ok: false; error: string; field?: string; values?: Record<string, string> } | { ok: true; voted?: boolean; receipt?: string; receiptValid?: boolean; for?: string; forName?: string };

function readVote(formData: FormData, kind: string, optionIds: string[]): VoteInput {
  const reason = String(formData.get('reason') ?? '').slice(0, 2001);
  if (kind === 'election') {
    const ranked = optionIds
      .map((id) => ({ id, rank: Number(formData.get(`rank-${id}`) || 0) }))
      .filter((r) => Number.isInteger(r.rank) && r.rank > 0)
      .sort((a, b) => a.rank - b.rank);
    const ranks = ranked.map((r) => r.rank);
    if (new Set(ranks).size !== ranks.length) throw new GovernanceError('invalid', 400);
    return { choice: '', ranking: ranked.map((r) => r.id) };
  }
  if (kind === 'poll') {
    const scores: Record<string, number> = {};
    for (const id of optionIds) {
      const v = formData.get(`score-${id}`);
      if (v !== null && v !== '') scores[id] = Number(v);
    }
    return { choice: '', options: formData.getAll('option').map(String).slice(0, 50), scores, reason };
  }
  return { choice: String(formData.get('choice') ?? ''), reason };
}

/** The receipt code a secret-ballot voter gives to change their ballot (letters, digits, dashes, spaces). */
function readChangeCode(formData: FormData): string | undefined {
  const code = String(formData.get('changeCode') ?? '').trim().slice(0, 40);
  return code ? code : undefined;
}

function readFormToken(formData: FormData): string | undefined {
  const token = formData.get('formToken');
  return isFormToken(token) ? token : undefined;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const p = await getProposal(params.id ?? '');
  if (!p) throw new Response('Not found', { status: 404 });
  const { formData, uploads } = await parseUploadForm(request, { fields: { file: { maxBytes: ATTACHMENT_MAX_BYTES } } });
  const intent = String(formData.get('intent') ?? '');
  if (intent !== 'attach') await discardPending(uploads);
  const here = `/governance/proposals/${p.id}`;
  const fail = (e: unknown, field?: string) => {
    if (e instanceof GovernanceError) {
      const values: Record<string, string> = {};
      for (const [k, v] of formData.entries()) if (typeof v === 'string' && k !== 'intent') values[k] = v.slice(0, 10_000);
      return json<ActionData>({ ok: false, error: `governance.errors.${e.code}`, field, values }, { status: e.status });
    }
    throw e;
  };
  try {
    switch (intent) {
      case 'vote':
      case 'proxy-vote': {
        const voterId = intent === 'proxy-vote' ? String(formData.get('voterId') ?? '').slice(0, 40) : user.id;
        // The receipt code (changing a secret ballot), or the member's proxy code (voting over the proxy's).
        const input = { ...readVote(formData, p.kind, parseOptions(p).map((o) => o.id)), changeCode: readChangeCode(formData), formToken: readFormToken(formData) };
        const { receipt, passedEarly } = await castVote(p.id, user, voterId, input);
        // A proxy's secret ballot has its own receipt: the proxy changes that ballot with it until close.
        const forName = intent === 'proxy-vote' ? (await proxyVotersFor(user.id, p.id)).find((m) => m.id === voterId)?.name : undefined;
        return json<ActionData>({ ok: true, voted: intent === 'vote', receipt: receipt ?? undefined, for: intent === 'proxy-vote' ? voterId : undefined, forName, receiptValid: passedEarly || undefined });
      }
      case 'receipt': {
        const code = String(formData.get('code') ?? '').slice(0, 40);
        return json<ActionData>({ ok: true, receiptValid: await checkReceipt(p.id, code) });
      }
      case 'comment': {
        const s = parseWithZod(formData, { schema: CommentSchema });
        if (s.status !== 'success') return json<ActionData>({ ok: false, error: 'governance.comments.required', field: 'comment', values: { body: String(formData.get('body') ?? '').slice(0, 10_000) } }, { status: 400 });
        if (s.value.body.length > 4000) return json<ActionData>({ ok: false, error: 'common.validation.tooLong', field: 'comment' }, { status: 400 });
        await addComment(p.id, user, s.value.body, s.value.parentId ?? null);
        return redirectWithFlash(request, `${here}#discussion`, { key: 'governance.comments.added' });
      }
      case 'amend': {
        const s = parseWithZod(formData, { schema: AmendSchema });
        if (s.status !== 'success') {
          const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.form.body.required';
          return json<ActionData>({ ok: false, error: first, field: 'amend', values: { title: String(formData.get('title') ?? '').slice(0, 10_000), body: String(formData.get('body') ?? '').slice(0, 10_000), note: String(formData.get('note') ?? '').slice(0, 10_000) } }, { status: 400 });
        }
        await amendProposal(p.id, user, { title: s.value.title, body: s.value.body, note: s.value.note ?? '' });
        return redirectWithFlash(request, here, { key: 'governance.amend.done' });
      }
      case 'reopen': {
        const s = parseWithZod(formData, { schema: ReopenSchema });
        if (s.status !== 'success') {
          const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.form.body.required';
          const values = { title: String(formData.get('title') ?? '').slice(0, 10_000), body: String(formData.get('body') ?? '').slice(0, 10_000), note: String(formData.get('note') ?? '').slice(0, 10_000), days: String(formData.get('days') ?? '').slice(0, 10) };
          return json<ActionData>({ ok: false, error: first, field: 'reopen', values }, { status: 400 });
        }
        await reopenConsent(p.id, user, { title: s.value.title, body: s.value.body, note: s.value.note ?? '', days: s.value.days });
        return redirectWithFlash(request, here, { key: 'governance.reopen.done' });
      }
      case 'attach': {
        const r = await attachToProposal(p.id, user, uploads[0]);
        if ('problem' in r) return json<ActionData>({ ok: false, error: `governance.attachments.problems.${r.problem}`, field: 'attach' }, { status: 400 });
        return redirectWithFlash(request, `${here}#attachments`, { key: 'governance.attachments.added' });
      }
      case 'close':
        await closeEarly(p.id, user);
        return redirectWithFlash(request, here, { key: 'governance.close.done' });
      case 'extend': {
        const s = parseWithZod(formData, { schema: ExtendSchema });
        if (s.status !== 'success') return json<ActionData>({ ok: false, error: 'governance.extend.invalid', field: 'extend', values: { days: String(formData.get('days') ?? '').slice(0, 10) } }, { status: 400 });
        await extendProposal(p.id, user, p.closes_at + s.value.days * DAY);
        return redirectWithFlash(request, here, { key: 'governance.extend.done' });
      }
      case 'outcome': {
        const s = parseWithZod(formData, { schema: OutcomeSchema });
        if (s.status !== 'success') {
          const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.outcome.statement.required';
          return json<ActionData>({ ok: false, error: first, field: 'outcome', values: { statement: String(formData.get('statement') ?? '').slice(0, 10_000), reviewAt: String(formData.get('reviewAt') ?? '').slice(0, 20) } }, { status: 400 });
        }
        await recordOutcome(p.id, user, s.value.statement, s.value.reviewAt ? dateInputToMs(s.value.reviewAt) : null);
        return redirectWithFlash(request, here, { key: 'governance.outcome.done' });
      }
      default:
        return json<ActionData>({ ok: false, error: 'governance.errors.invalid' }, { status: 400 });
    }
  } catch (e) {
    return fail(e, intent === 'vote' ? 'vote' : intent === 'proxy-vote' ? `proxy:${String(formData.get('voterId') ?? '').slice(0, 40)}` : intent);
  }
}

const RESOLUTION = ['for', 'against', 'abstain'] as const;
const CONSENT = ['consent', 'object', 'abstain'] as const;
const ADVICE = ['agree', 'disagree', 'abstain', 'block'] as const;

function choicesFor(kind: string): readonly string[] {
  if (kind === 'consent') return CONSENT;
  if (kind === 'advice') return ADVICE;
  return RESOLUTION;
}

function describeChoice(choice: BallotChoice, names: Record<string, string>, t: (k: string) => string): string {
  switch (choice.kind) {
    case 'resolution':
    case 'consent':
    case 'advice':
      return t(`governance.choices.${choice.choice}`);
    case 'poll':
      return choice.options.map((o) => names[o] ?? o).join(', ');
    case 'score':
      return Object.entries(choice.scores)
        .map(([k, v]) => `${names[k] ?? k}: ${v}`)
        .join(', ');
    case 'ranking':
      return choice.ranking.map((c, i) => `${i + 1}. ${names[c] ?? c}`).join(' ');
  }
}

function VoteFields({ kind, pollMode, maxScore, options, values, idPrefix }: { kind: string; pollMode: string; maxScore: number; options: Array<{ id: string; label: string }>; values?: Record<string, string>; idPrefix: string }) {
  const { t } = useTranslation();
  if (kind === 'election') {
    return (
      <fieldset className="field fieldset">
        <legend className="field__label">{t('governance.vote.rankLegend')}</legend>
        <p className="field__hint">{t('governance.vote.rankHint')}</p>
        {options.map((o) => (
          <div className="field field--inline" key={o.id}>
            <label htmlFor={`${idPrefix}-rank-${o.id}`} dir="auto">
              {o.label}
            </label>
            <select id={`${idPrefix}-rank-${o.id}`} name={`rank-${o.id}`} className="input input--narrow" defaultValue={values?.[`rank-${o.id}`] ?? ''}>
              <option value="">{t('governance.vote.noRank')}</option>
              {options.map((_, i) => (
                <option key={i} value={String(i + 1)}>
                  {i + 1}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
    );
  }
  if (kind === 'poll') {
    if (pollMode === 'score') {
      return (
        <fieldset className="field fieldset">
          <legend className="field__label">{t('governance.vote.scoreLegend', { max: maxScore })}</legend>
          {options.map((o) => (
            <div className="field field--inline" key={o.id}>
              <label htmlFor={`${idPrefix}-score-${o.id}`} dir="auto">
                {o.label}
              </label>
              <select id={`${idPrefix}-score-${o.id}`} name={`score-${o.id}`} className="input input--narrow" defaultValue={values?.[`score-${o.id}`] ?? ''}>
                <option value="">—</option>
                {Array.from({ length: maxScore + 1 }, (_, i) => (
                  <option key={i} value={String(i)}>
                    {i}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      );
    }
    return (
      <fieldset className="field fieldset">
        <legend className="field__label">{pollMode === 'single' ? t('governance.vote.pickOne') : t('governance.vote.pickMany')}</legend>
        <div className="checkboxes">
          {options.map((o) => (
            <label className="checkbox" key={o.id}>
              <input type={pollMode === 'single' ? 'radio' : 'checkbox'} name="option" value={o.id} defaultChecked={values?.option === o.id} />
              <span dir="auto">{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <>
      <fieldset className="field fieldset">
        <legend className="field__label">{t('governance.vote.yourVote')}</legend>
        <div className="checkboxes">
          {choicesFor(kind).map((c) => (
            <label className="checkbox" key={c}>
              <input type="radio" name="choice" value={c} required defaultChecked={values?.choice === c} />
              <span>{t(`governance.choices.${c}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${idPrefix}-reason`}>
          {t('governance.vote.reason')} <span className="field__optional">{kind === 'consent' || kind === 'advice' ? t('governance.vote.reasonRequiredFor') : t('common.form.optional')}</span>
        </label>
        <textarea id={`${idPrefix}-reason`} name="reason" rows={3} maxLength={2000} className="input" dir="auto" defaultValue={values?.reason ?? ''} />
      </div>
    </>
  );
}

function FieldError({ data, field }: { data: ActionData | undefined; field: string }) {
  const { t } = useTranslation();
  if (!data || data.ok || data.field !== field) return null;
  return (
    <p className="field__error" role="alert">
      {t(data.error)}
    </p>
  );
}

export default function ProposalPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const { proposal: p, options } = data;
  const names = Object.fromEntries(options.map((o) => [o.id, o.label]));
  const values = actionData && !actionData.ok ? actionData.values : undefined;
  // A wrong or missing code is shown at the code field, with what was chosen kept.
  const codeErrorFor = (field: string) => (actionData && !actionData.ok && actionData.field === field && isCodeError(actionData.error) ? actionData.error : undefined);
  const selfCodeError = codeErrorFor('vote');
  const proxyCodeError = (memberId: string) => codeErrorFor(`proxy:${memberId}`);
  const proxyValues = (memberId: string) => (actionData && !actionData.ok && actionData.field === `proxy:${memberId}` ? actionData.values : undefined);
  const groupName = p.group ? (p.group.builtin ? t('governance.groups.directors') : p.group.name) : '';
  const share = `https://wa.me/?text=${encodeURIComponent(`${p.title} — ${t('governance.share.text')} ${data.shareUrl}`)}`;
  return (
    <>
      <PageHeader title={p.title}>
        <p className="meta">
          {t(`governance.kinds.${p.kind}`)} · {t(`governance.status.${p.status}`)} ·{' '}
          {p.status === 'closed'
            ? t('governance.closedOn', { when: format.dateTime(p.closedAt ?? p.closesAt) })
            : p.status === 'open'
              ? t('governance.closes', { when: format.dateTime(p.closesAt) })
              : t('governance.opens', { when: format.dateTime(p.opensAt) })}
          {p.secret ? ` · ${t('governance.secretBallot')}` : ''}
          {p.hideResults ? ` · ${t('governance.hiddenResults')}` : ''}
          {p.quorumPercent > 0 ? ` · ${t('governance.quorumLabel', { percent: p.quorumPercent })}` : ''}
          {p.kind === 'written' ? ` · ${t(`governance.form.writtenMajority.${p.writtenMajority}`)}` : ''}
          {p.round > 1 ? ` · ${t('governance.reopen.round', { round: p.round })}` : ''}
        </p>
      </PageHeader>
      <p className="meta">
        {p.group ? (
          <>
            {t('governance.electorate.group')}{' '}
            <Link to={`/governance/groups/${p.group.id}`} dir="auto">
              {groupName}
            </Link>
          </>
        ) : (
          t('governance.electorate.all')
        )}
        {p.status !== 'scheduled' ? ` · ${t('governance.electorate.size', { count: p.electorateSize })}` : ''}
      </p>
      <p>
        <Link to="/governance">{t('governance.back')}</Link>
      </p>
      <p className="meta">{t(`governance.kindHelp.${p.kind}`)}</p>
      <section aria-labelledby="background">
        <h2 id="background">{t('governance.background')}</h2>
        <div className="prose" dir="auto">
          {p.body.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
        {p.version > 1 ? <p className="meta">{t('governance.versionLabel', { version: p.version })}</p> : null}
        {data.attachments.length > 0 || (data.facilitator && p.status !== 'closed') ? (
          <div id="attachments">
            <h3 className="h4">{t('governance.attachments.title')}</h3>
            {data.attachments.length > 0 ? (
              <ul>
                {data.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/governance/proposals/${p.id}/files/${a.id}`} download dir="auto">
                      {a.name}
                    </a>{' '}
                    <span className="meta">({t('governance.attachments.size', { size: format.number(Math.max(1, Math.round(a.size / 1024))) })})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('governance.attachments.none')}</p>
            )}
            {data.facilitator && p.status !== 'closed' ? (
              <Form method="post" encType="multipart/form-data" className="form form--inline">
                <div className="field">
                  <label className="field__label" htmlFor="attach-file">
                    {t('governance.attachments.label')}
                  </label>
                  <p className="field__hint" id="attach-file-hint">
                    {t('governance.attachments.hint')}
                  </p>
                  <input id="attach-file" name="file" type="file" className="input" required aria-describedby="attach-file-hint" />
                  <FieldError data={actionData} field="attach" />
                </div>
                <button type="submit" name="intent" value="attach" className="button button--secondary" disabled={busy}>
                  {t('governance.attachments.submit')}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
      {data.votedOnOlderVersion && p.status === 'open' ? (
        <div className="notice notice--warning" role="status">
          {t('governance.amend.youVotedEarlier')}
        </div>
      ) : null}
      {p.status === 'open' ? (
        <p>
          <a className="button button--secondary" href={share} target="_blank" rel="noopener noreferrer">
            {t('governance.share.whatsapp')}
          </a>
        </p>
      ) : null}

      {actionData?.ok && actionData.receipt ? (
        <ReceiptBox receipt={actionData.receipt} title={p.title} note={actionData.for ? t('governance.secretProxy.holder.receipt', { name: actionData.forName ?? '' }) : undefined} />
      ) : null}
      {actionData?.ok && actionData.voted && !actionData.receipt ? (
        <p className="notice notice--success" role="status">
          <strong>{t('governance.vote.recorded')}</strong>
        </p>
      ) : null}
      {p.status === 'open' && data.turnout !== null ? (
        <p className="meta" role="status">
          {t('governance.turnout.voted', { voted: format.number(data.turnout), electorate: format.number(p.electorateSize) })}
          {data.quorumRequired > 0 ? (
            <>
              {' · '}
              {data.turnout >= data.quorumRequired ? t('governance.turnout.quorumReached') : t('governance.turnout.quorumNeeds', { count: data.quorumRequired - data.turnout, required: data.quorumRequired })}
              <progress className="quorum-progress" max={data.quorumRequired} value={Math.min(data.turnout, data.quorumRequired)} aria-label={t('governance.turnout.progress')} />
            </>
          ) : null}
        </p>
      ) : null}
      {actionData?.ok && actionData.for && !actionData.receipt ? (
        <div className="notice notice--success" role="status">
          {t('governance.proxies.voteRecorded')}
        </div>
      ) : null}

      {data.canVote ? (
        <section className="card" aria-labelledby="vote">
          <h2 id="vote">{t('governance.vote.title')}</h2>
          {data.voted && p.kind === 'written' && data.ballot?.choice.kind === 'resolution' && data.ballot.choice.choice === 'for' ? (
            <p>{t('governance.vote.writtenFinal')}</p>
          ) : data.voted && p.secret ? (
            <>
              <p>{data.myVoteByProxy ? t('governance.secretProxy.member.byProxyIntro') : t('governance.vote.secretChangeIntro')}</p>
              {selfCodeError ? null : <FieldError data={actionData} field="vote" />}
              <Form method="post" className="form" replace>
                <CodeField
                  id="change-code"
                  label={data.myVoteByProxy ? t('governance.secretProxy.member.proxyCode') : t('governance.vote.changeCode')}
                  hint={data.myVoteByProxy ? t('governance.secretProxy.member.proxyCodeHint') : t('governance.vote.changeCodeHint')}
                  error={selfCodeError && data.myVoteByProxy && selfCodeError === 'governance.errors.code_unknown' ? 'governance.secretProxy.member.codeUnknown' : selfCodeError}
                  defaultValue={values?.changeCode}
                />
                <input type="hidden" name="formToken" value={data.formToken} />
                <VoteFields kind={p.kind} pollMode={p.pollMode} maxScore={p.maxScore} options={options} values={values} idPrefix="self" />
                <button type="submit" name="intent" value="vote" className="button" disabled={busy}>
                  {data.myVoteByProxy ? t('governance.secretProxy.member.voteInstead') : t('governance.vote.change')}
                </button>
              </Form>
            </>
          ) : (
            <>
              {data.ballot ? (
                <p>
                  {t('governance.vote.current', { choice: describeChoice(data.ballot.choice, names, t) })}
                  {data.ballot.byProxy ? ` ${t('governance.vote.castByProxy')}` : ''} {t('governance.vote.canChange')}
                </p>
              ) : null}
              {p.secret ? <p className="meta">{t('governance.vote.secretNote')}</p> : null}
              {p.kind === 'written' ? <p className="meta">{t('governance.vote.writtenNote')}</p> : null}
              <FieldError data={actionData} field="vote" />
              <Form method="post" className="form" replace>
                <input type="hidden" name="formToken" value={data.formToken} />
                <VoteFields kind={p.kind} pollMode={p.pollMode} maxScore={p.maxScore} options={options} values={values} idPrefix="self" />
                <button type="submit" name="intent" value="vote" className="button" disabled={busy}>
                  {data.ballot ? t('governance.vote.change') : t('governance.vote.submit')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : p.status === 'open' && !data.eligible ? (
        <p className="notice">{p.group ? t('governance.vote.notInGroup', { group: groupName }) : t('governance.vote.notEligible')}</p>
      ) : null}

      {data.earlierObjections.length > 0 ? (
        <section className="card" aria-labelledby="earlier-objections">
          <h2 id="earlier-objections">{t('governance.reopen.earlierTitle')}</h2>
          <p className="meta">{t('governance.reopen.earlierHint')}</p>
          <ul>
            {data.earlierObjections.map((o, i) => (
              <li key={i}>
                {t('governance.reopen.round', { round: o.round })}
                {o.name ? (
                  <>
                    {' '}
                    · <span dir="auto">{o.name}</span>
                  </>
                ) : null}
                {o.reason ? (
                  <>
                    : <span dir="auto">{o.reason}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.proxyFor.length > 0 && p.status === 'open' ? (
        <section className="card" aria-labelledby="proxy-votes">
          <h2 id="proxy-votes">{t('governance.proxies.voteFor')}</h2>
          {data.proxyFor.map((m) => (
            <div key={m.id} className="proxy-vote">
              <h3 className="h4" dir="auto">
                {m.name}
              </h3>
              {m.votedInPerson ? (
                <p>{t('governance.proxies.votedInPerson')}</p>
              ) : m.needsNewAppointment ? (
                <p>{t('governance.secretProxy.holder.needsNewAppointment', { name: m.name })}</p>
              ) : (
                <Form method="post" className="form" replace>
                  <input type="hidden" name="voterId" value={m.id} />
                  <input type="hidden" name="formToken" value={data.proxyFormTokens[m.id]} />
                  {proxyCodeError(m.id) ? null : <FieldError data={actionData} field={`proxy:${m.id}`} />}
                  {p.secret ? <p className="meta">{t('governance.secretProxy.holder.note', { name: m.name })}</p> : null}
                  {m.votedByProxy && p.secret ? (
                    <CodeField id={`proxy-code-${m.id}`} label={t('governance.vote.changeCode')} hint={t('governance.secretProxy.holder.change')} error={proxyCodeError(m.id)} defaultValue={proxyValues(m.id)?.changeCode} />
                  ) : m.votedByProxy ? (
                    <p className="meta">{t('governance.proxies.alreadyProxyVoted')}</p>
                  ) : null}
                  <VoteFields kind={p.kind} pollMode={p.pollMode} maxScore={p.maxScore} options={options} values={proxyValues(m.id)} idPrefix={`proxy-${m.id}`} />
                  <button type="submit" name="intent" value="proxy-vote" className="button button--secondary" disabled={busy}>
                    {t('governance.proxies.submitFor', { name: m.name })}
                  </button>
                </Form>
              )}
            </div>
          ))}
        </section>
      ) : null}

      {data.result && p.status === 'open' ? (
        <LiveTally proposalId={p.id} initial={data.result} names={names} />
      ) : p.status === 'open' && p.hideResults ? (
        <p className="notice">{t('governance.result.hiddenUntilClose')}</p>
      ) : null}

      {data.result && p.status === 'closed' ? (
        <section className="card" aria-labelledby="result">
          <h2 id="result">{t('governance.result.title')}</h2>
          <ResultView result={data.result} names={names} />
          {p.outcomeStatement ? (
            <>
              <h3 className="h4">{t('governance.outcome.statement.label')}</h3>
              <p dir="auto">{p.outcomeStatement}</p>
              {p.reviewAt ? <p className="meta">{t('governance.outcome.reviewOn', { when: format.day(p.reviewAt) })}</p> : null}
            </>
          ) : null}
          <p>
            <Link to="?verify=1" preventScrollReset>
              {t('governance.verify.link')}
            </Link>
          </p>
          {data.verify ? (
            <p className={`notice ${data.verify.matches ? 'notice--success' : 'notice--warning'}`} role="status">
              {data.verify.matches ? t('governance.verify.matches') : t('governance.verify.differs')}
            </p>
          ) : null}
          <Form method="post" className="form form--inline">
            <div className="field">
              <label className="field__label" htmlFor="receipt-code">
                {t('governance.receipt.label')}
              </label>
              <input id="receipt-code" name="code" className="input" maxLength={40} autoComplete="off" dir="ltr" />
            </div>
            <button type="submit" name="intent" value="receipt" className="button button--secondary">
              {t('governance.receipt.check')}
            </button>
          </Form>
          {actionData?.ok && actionData.receiptValid !== undefined && !actionData.receipt ? (
            <p role="status" className="notice">
              {actionData.receiptValid ? t('governance.receipt.counted') : t('governance.receipt.notFound')}
            </p>
          ) : null}
          {data.voters.length > 0 ? (
            <>
              <h3 className="h4">{t('governance.whoVoted', { count: data.voters.length })}</h3>
              <p dir="auto">{data.voters.join(', ')}</p>
            </>
          ) : null}
          {data.ballots.length > 0 ? (
            <div className="table-wrap">
              <table>
                <caption>{t('governance.ballots.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('governance.ballots.member')}</th>
                    <th scope="col">{t('governance.ballots.vote')}</th>
                    <th scope="col">{t('governance.ballots.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.ballots.map((b, i) => (
                    <tr key={i}>
                      <td dir="auto">
                        {b.voter_name}
                        {b.proxy_name ? ` (${t('governance.ballots.byProxy', { name: b.proxy_name })})` : ''}
                      </td>
                      <td>{describeChoice(b.choice, names, t)}</td>
                      <td dir="auto">{b.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {data.facilitator ? (
        <section className="card" aria-labelledby="facilitate">
          <h2 id="facilitate">{t('governance.facilitate.title')}</h2>
          {p.status === 'open' ? (
            <>
              {p.allowCloseEarly ? (
                <Form method="post">
                  <button type="submit" name="intent" value="close" className="button button--secondary" disabled={busy}>
                    {t('governance.close.button')}
                  </button>
                </Form>
              ) : null}
              <Form method="post" className="form form--inline">
                <div className="field">
                  <label className="field__label" htmlFor="extend-days">
                    {t('governance.extend.label')}
                  </label>
                  <input id="extend-days" name="days" type="number" min={1} max={28} inputMode="numeric" className="input input--narrow" defaultValue={values?.days ?? '1'} />
                  <FieldError data={actionData} field="extend" />
                </div>
                <button type="submit" name="intent" value="extend" className="button button--secondary" disabled={busy}>
                  {t('governance.extend.button')}
                </button>
              </Form>
            </>
          ) : null}
          {p.status === 'closed' ? (
            <Form method="post" className="form">
              <FieldError data={actionData} field="outcome" />
              <div className="field">
                <label className="field__label" htmlFor="outcome-statement">
                  {t('governance.outcome.statement.label')}
                </label>
                <textarea id="outcome-statement" name="statement" rows={4} maxLength={5000} className="input" dir="auto" defaultValue={values?.statement ?? p.outcomeStatement ?? ''} />
              </div>
              <div className="field">
                <label className="field__label" htmlFor="outcome-review">
                  {t('governance.outcome.review.label')} <span className="field__optional">{t('common.form.optional')}</span>
                </label>
                <input id="outcome-review" name="reviewAt" type="date" className="input input--narrow" defaultValue={values?.reviewAt ?? (p.reviewAt ? new Date(p.reviewAt).toISOString().slice(0, 10) : '')} />
              </div>
              <button type="submit" name="intent" value="outcome" className="button" disabled={busy}>
                {t('governance.outcome.save')}
              </button>
            </Form>
          ) : null}
          {data.proposer && p.status !== 'closed' && !(p.kind === 'written' && p.status === 'open') ? (
            <details className="form-section" open={actionData && !actionData.ok && actionData.field === 'amend'}>
              <summary>{t('governance.amend.title')}</summary>
              <Form method="post" className="form">
                <FieldError data={actionData} field="amend" />
                <div className="field">
                  <label className="field__label" htmlFor="amend-title">
                    {t('governance.form.title.label')}
                  </label>
                  <input id="amend-title" name="title" className="input" maxLength={200} dir="auto" defaultValue={values?.title ?? p.title} />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="amend-body">
                    {t('governance.form.body.label')}
                  </label>
                  <textarea id="amend-body" name="body" rows={8} className="input" dir="auto" defaultValue={values?.body ?? p.body} />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="amend-note">
                    {t('governance.amend.note')} <span className="field__optional">{t('common.form.optional')}</span>
                  </label>
                  <input id="amend-note" name="note" className="input" maxLength={1000} dir="auto" defaultValue={values?.note ?? ''} />
                </div>
                <button type="submit" name="intent" value="amend" className="button" disabled={busy}>
                  {t('governance.amend.submit')}
                </button>
              </Form>
            </details>
          ) : null}
          {data.canReopen ? (
            <details className="form-section" open={actionData && !actionData.ok && actionData.field === 'reopen'}>
              <summary>{t('governance.reopen.title')}</summary>
              <p className="meta">{t('governance.reopen.hint')}</p>
              {p.status === 'closed' ? <p className="meta">{t('governance.reopen.closedHint')}</p> : null}
              <Form method="post" className="form">
                <FieldError data={actionData} field="reopen" />
                <div className="field">
                  <label className="field__label" htmlFor="reopen-title">
                    {t('governance.form.title.label')}
                  </label>
                  <input id="reopen-title" name="title" className="input" maxLength={200} dir="auto" defaultValue={values?.title ?? p.title} />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="reopen-body">
                    {t('governance.form.body.label')}
                  </label>
                  <textarea id="reopen-body" name="body" rows={8} className="input" dir="auto" defaultValue={values?.body ?? p.body} />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="reopen-note">
                    {t('governance.amend.note')} <span className="field__optional">{t('common.form.optional')}</span>
                  </label>
                  <input id="reopen-note" name="note" className="input" maxLength={1000} dir="auto" defaultValue={values?.note ?? ''} />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="reopen-days">
                    {t('governance.form.duration.label')}
                  </label>
                  <input id="reopen-days" name="days" type="number" min={1} max={60} inputMode="numeric" className="input input--narrow" defaultValue={values?.days ?? '7'} />
                </div>
                <button type="submit" name="intent" value="reopen" className="button" disabled={busy}>
                  {t('governance.reopen.submit')}
                </button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      {data.versions.length > 1 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">{t('governance.versions.title')}</h2>
          <ul>
            {data.versions.map((v) => (
              <li key={v.version}>
                {t('governance.versionLabel', { version: v.version })} · {format.dateTime(v.created_at)} · <span dir="auto">{v.title}</span>
                {v.note ? (
                  <>
                    {' '}
                    — <span dir="auto">{v.note}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="discussion-title" id="discussion">
        <h2 id="discussion-title">{t('governance.comments.title')}</h2>
        {data.comments.length === 0 ? <p>{t('governance.comments.empty')}</p> : null}
        <ul className="list-plain comments">
          {data.comments.map((c) => (
            <li key={c.id} className="comment">
              <p className="meta">
                <strong dir="auto">{memberName(t, c.author_name)}</strong> · {format.dateTime(c.created_at)}
              </p>
              <p dir="auto">{c.body}</p>
              {c.replies.length > 0 ? (
                <ul className="list-plain comments comments--replies">
                  {c.replies.map((r) => (
                    <li key={r.id} className="comment">
                      <p className="meta">
                        <strong dir="auto">{memberName(t, r.author_name)}</strong> · {format.dateTime(r.created_at)}
                      </p>
                      <p dir="auto">{r.body}</p>
                    </li>
                  ))}
                </ul>
              ) : null}
              <details>
                <summary>{t('governance.comments.reply')}</summary>
                <Form method="post" className="form">
                  <input type="hidden" name="parentId" value={c.id} />
                  <div className="field">
                    <label className="field__label" htmlFor={`reply-${c.id}`}>
                      {t('governance.comments.replyLabel', { name: memberName(t, c.author_name) })}
                    </label>
                    <textarea id={`reply-${c.id}`} name="body" rows={2} maxLength={4000} className="input" dir="auto" />
                  </div>
                  <button type="submit" name="intent" value="comment" className="button button--secondary" disabled={busy}>
                    {t('governance.comments.send')}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
        <Form method="post" className="form">
          <FieldError data={actionData} field="comment" />
          <div className="field">
            <label className="field__label" htmlFor="comment-body">
              {t('governance.comments.label')}
            </label>
            <textarea id="comment-body" name="body" rows={3} maxLength={4000} className="input" dir="auto" defaultValue={values?.body && actionData && !actionData.ok && actionData.field === 'comment' ? values.body : ''} />
          </div>
          <button type="submit" name="intent" value="comment" className="button" disabled={busy}>
            {t('governance.comments.send')}
          </button>
        </Form>
      </section>
    </>
  );
}
