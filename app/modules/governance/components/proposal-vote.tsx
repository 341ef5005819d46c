import { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { FieldError, type ActionData, VoteFields, describeChoice } from './proposal-form-bits';
import type { ProposalPageData } from './proposal-page-data';
import { CodeField, isCodeError } from './code-field';

/** The member's own vote (or why they have none), objections from earlier rounds and the votes they cast as proxy. */
export function ProposalVote({ data, actionData, busy }: { data: ProposalPageData; actionData: ActionData | undefined; busy: boolean }) {
  const { t } = useTranslation();
  const { proposal: p } = data;
  const { options } = data;
  const names = Object.fromEntries(options.map((o) => [o.id, o.label]));
  const values = actionData && !actionData.ok ? actionData.values : undefined;
  // A wrong or missing code is shown at the code field, with what was chosen kept.
  const codeErrorFor = (field: string) => (actionData && !actionData.ok && actionData.field === field && isCodeError(actionData.error) ? actionData.error : undefined);
  const selfCodeError = codeErrorFor('vote');
  const proxyCodeError = (memberId: string) => codeErrorFor(`proxy:${memberId}`);
  const proxyValues = (memberId: string) => (actionData && !actionData.ok && actionData.field === `proxy:${memberId}` ? actionData.values : undefined);
  const groupName = p.group ? (p.group.builtin ? t('governance.groups.directors') : p.group.name) : '';
  return (
    <>
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

    </>
  );
}
