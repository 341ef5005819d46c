import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { getProposal } from '~/modules/governance/proposal-read.server';
import { loadProposalPage } from '~/modules/governance/proposal-page.server';
import { fundVoteAddress } from '~/modules/funding/vote-proposal.server';
import { errorField, intentRefusal, proposalIntent } from '~/modules/governance/proposal-actions.server';
import { ATTACHMENT_MAX_BYTES } from '~/modules/governance/attachments.server';
import { discardPending, parseUploadForm } from '~/modules/uploads/uploads.server';
import type { ActionData } from '~/modules/governance/components/proposal-form-bits';
import { ProposalBackground } from '~/modules/governance/components/proposal-background';
import { ProposalVote } from '~/modules/governance/components/proposal-vote';
import { ProposalClosedResult } from '~/modules/governance/components/proposal-closed-result';
import { ProposalFacilitate } from '~/modules/governance/components/proposal-facilitate';
import { ProposalDiscussion } from '~/modules/governance/components/proposal-discussion';
import { LiveTally } from '~/modules/governance/components/live-tally';
import { ReceiptBox } from '~/modules/governance/components/receipt-box';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Proposal · NOMI Workspace' }];

// Ships the client (~/utils/route-handle): the tally updates live while a vote is open.
export const handle: RouteHandle = { hydrate: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await getProposal(params.id ?? '');
  if (!p) throw new Response('Not found', { status: 404 });
  // A seed-fund vote's ballot, receipts and result are the fund's pages (docs/decisions/0008).
  if (p.kind === 'fund_vote') throw redirect(await fundVoteAddress(p.id));
  return json(await loadProposalPage(user, p, new URL(request.url)));
}

/** Dispatches the form's intent to its handler (~/modules/governance/proposal-actions.server). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const p = await getProposal(params.id ?? '');
  if (!p) throw new Response('Not found', { status: 404 });
  // Governance's own actions do not apply to a seed-fund vote (the module refuses each one too, but the
  // page it would re-render redirects to the fund's ballot: the refusal is said here, as a 403).
  if (p.kind === 'fund_vote') throw new Response('Forbidden', { status: 403 });
  const { formData, uploads } = await parseUploadForm(request, { fields: { file: { maxBytes: ATTACHMENT_MAX_BYTES } } });
  const intent = String(formData.get('intent') ?? '');
  if (intent !== 'attach') await discardPending(uploads);
  const run = proposalIntent(intent);
  if (!run) return json<ActionData>({ ok: false, error: 'governance.errors.invalid' }, { status: 400 });
  try {
    return await run({ request, user, p, formData, uploads, here: `/governance/proposals/${p.id}` });
  } catch (e) {
    return intentRefusal(e, formData, errorField(intent, formData));
  }
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
      <ProposalBackground data={data} actionData={actionData} busy={busy} />
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

      <ProposalVote data={data} actionData={actionData} busy={busy} />

      {data.result && p.status === 'open' ? (
        <LiveTally proposalId={p.id} initial={data.result} names={names} />
      ) : p.status === 'open' && p.hideResults ? (
        <p className="notice">{t('governance.result.hiddenUntilClose')}</p>
      ) : null}


      <ProposalClosedResult data={data} actionData={actionData} />
      <ProposalFacilitate data={data} actionData={actionData} busy={busy} />
      <ProposalDiscussion data={data} actionData={actionData} busy={busy} />
    </>
  );
}
