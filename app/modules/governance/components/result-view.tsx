import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import type { TallyResult } from '../tally';
import type { FundVoteTally, RegisterTally } from '../register-entry';
import { useFormat } from '~/utils/format';
import { TableRegion } from '~/ui/table-region';

/**
 * Shows a tally of any kind: counts, quorum, and for elections the count stage by stage. The register
 * also holds seed-fund votes' awards (../register-entry.ts), shown as approvals and funded projects.
 */
export function ResultView({ result, names, live }: { result: RegisterTally; names: Record<string, string>; live?: boolean }) {
  return result.kind === 'fund_vote' ? <FundVoteResult result={result} /> : <TallyView result={result} names={names} live={live} />;
}

function TallyView({ result, names, live }: { result: TallyResult; names: Record<string, string>; live?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const q = result.quorum;
  const rows: Array<[string, number]> =
    result.kind === 'ordinary' || result.kind === 'special' || result.kind === 'written'
      ? [
          [t('governance.choices.for'), result.counts.for],
          [t('governance.choices.against'), result.counts.against],
          [t('governance.choices.abstain'), result.counts.abstain],
        ]
      : result.kind === 'consent'
        ? (['consent', 'object', 'abstain'] as const).map((c) => [t(`governance.choices.${c}`), result.counts[c]])
        : result.kind === 'advice'
          ? (['agree', 'disagree', 'abstain', 'block'] as const).map((c) => [t(`governance.choices.${c}`), result.counts[c]])
          : result.kind === 'poll'
            ? Object.entries(result.counts).map(([id, n]) => [names[id] ?? id, n])
            : [];
  return (
    <div className="result">
      {!live ? (
        <p className={`outcome outcome--${result.outcome}`}>
          <strong>{t(`governance.outcomes.${result.outcome}`)}</strong>
        </p>
      ) : null}
      <p className="meta">
        {t('governance.result.turnout', { turnout: format.number(q.turnout), electorate: format.number(q.electorate) })}
        {q.percent > 0 ? ` · ${t('governance.result.quorum', { percent: q.percent, required: q.required })}` : ''}
        {result.kind === 'written' ? ` · ${t('governance.result.writtenRequired', { required: result.required })}` : ''}
        {result.kind === 'ordinary' || result.kind === 'special' ? ` · ${t(`governance.result.rule.${result.kind}`)}` : ''}
      </p>
      {rows.length > 0 ? (
        <TableRegion label={t('governance.result.title')}>
          <thead>
            <tr>
              <th scope="col">{t('governance.result.choice')}</th>
              <th scope="col">{result.kind === 'poll' && result.mode === 'score' ? t('governance.result.points') : t('governance.result.votes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, n]) => (
              <tr key={label}>
                <th scope="row" dir="auto">
                  {label}
                </th>
                <td>{format.number(n)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      ) : null}
      {result.kind === 'consent' && result.objections.length > 0 && !live ? (
        <>
          <h3 className="h4">{t('governance.result.objections')}</h3>
          <ul>
            {result.objections.map((o, i) => (
              <li key={i}>
                <span dir="auto">{o}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.kind === 'advice' && result.reasons.length > 0 && !live ? (
        <>
          <h3 className="h4">{t('governance.result.reasons')}</h3>
          <ul>
            {result.reasons.map((r, i) => (
              <li key={i}>
                <strong>{t(`governance.choices.${r.choice}`)}:</strong> <span dir="auto">{r.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.kind === 'election' ? <StvStages result={result} names={names} /> : null}
      {!live ? (
        <p className="meta">
          <Link to={`/governance/rules#${result.kind}`}>{t('governance.rules.howCounted')}</Link>
        </p>
      ) : null}
    </div>
  );
}

/**
 * A seed-fund vote's awards: the approvals each project had and whether it was funded. Counted by the
 * Method of Equal Shares, so the most approved project is not always funded; the round's result page
 * (linked from the entry) explains the count and publishes the ballots.
 */
function FundVoteResult({ result }: { result: FundVoteTally }) {
  const { t } = useTranslation();
  const format = useFormat();
  const q = result.quorum;
  const funded = new Set(result.funded);
  return (
    <div className="result">
      <p className={`outcome outcome--${result.outcome}`}>
        <strong>{t(`governance.outcomes.${result.outcome}`)}</strong>
      </p>
      <p className="meta">{t('governance.result.turnout', { turnout: format.number(q.turnout), electorate: format.number(q.electorate) })}</p>
      <TableRegion label={t('governance.fundAwards.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('governance.fundAwards.project')}</th>
            <th scope="col">{t('governance.fundAwards.approvals')}</th>
            <th scope="col">{t('governance.fundAwards.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.counts).map(([project, n]) => (
            <tr key={project}>
              <th scope="row" dir="auto">
                {project}
              </th>
              <td>{format.number(n)}</td>
              <td>{t(funded.has(project) ? 'governance.fundAwards.funded' : 'governance.fundAwards.notFunded')}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </div>
  );
}

/** Vote values as official result sheets print them: up to five decimals, trailing zeros dropped. */
const votes5 = (n: number) => n.toFixed(5).replace(/\.?0+$/, '');

/**
 * The count stage by stage. Wide screens get the table result sheets use (a focusable, labelled
 * scroll region, so keyboard users can scroll it); phones get one card per stage instead of a
 * sideways-scrolling table that hides all but one candidate.
 */
function StvStages({ result, names }: { result: Extract<TallyResult, { kind: 'election' }>; names: Record<string, string> }) {
  const { t } = useTranslation();
  const s = result.stv;
  const candidates = Object.keys(s.stages[0]?.votes ?? {});
  const name = (c: string) => names[c] ?? c;
  const stageTitle = (st: (typeof s.stages)[number]) =>
    `${st.stage}. ${t(`governance.stv.action.${st.action}`, { name: st.candidate ? name(st.candidate) : '' })}${st.tieBreak ? ` (${t(`governance.stv.tie.${st.tieBreak}`)})` : ''}`;
  return (
    <>
      <p>{t('governance.stv.summary', { seats: s.seats, valid: s.validBallots, quota: s.quota })}</p>
      {s.elected.length > 0 ? (
        <p>
          <strong>{t('governance.stv.elected')}</strong> {s.elected.map(name).join(', ')}
        </p>
      ) : null}
      {/* A scroll region must be reachable by keyboard (axe scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="table-wrap stv-wide" tabIndex={0} role="region" aria-label={t('governance.stv.caption')}>
        <table className="stv-table">
          <caption>{t('governance.stv.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('governance.stv.stage')}</th>
              {candidates.map((c) => (
                <th scope="col" key={c} dir="auto">
                  {name(c)}
                </th>
              ))}
              <th scope="col">{t('governance.stv.nonTransferable')}</th>
              <th scope="col">{t('governance.stv.lostToFractions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.stages.map((st) => (
              <tr key={st.stage}>
                <th scope="row">
                  {stageTitle(st)}
                  {st.elected.length > 0 ? ` — ${t('governance.stv.electedAt', { names: st.elected.map(name).join(', ') })}` : ''}
                </th>
                {candidates.map((c) => (
                  <td key={c}>{votes5(st.votes[c] ?? 0)}</td>
                ))}
                <td>{votes5(st.nonTransferable)}</td>
                <td>{votes5(st.lostToFractions ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="stv-cards list-plain" aria-label={t('governance.stv.caption')}>
        {s.stages.map((st) => (
          <li key={st.stage} className="stv-card">
            <h4 className="stv-card__title">{stageTitle(st)}</h4>
            {st.elected.length > 0 ? <p className="stv-card__elected">{t('governance.stv.electedAt', { names: st.elected.map(name).join(', ') })}</p> : null}
            <dl className="stv-card__votes">
              {candidates.map((c) => (
                <div key={c}>
                  <dt dir="auto">{name(c)}</dt>
                  <dd>{votes5(st.votes[c] ?? 0)}</dd>
                </div>
              ))}
              <div>
                <dt>{t('governance.stv.nonTransferable')}</dt>
                <dd>{votes5(st.nonTransferable)}</dd>
              </div>
              <div>
                <dt>{t('governance.stv.lostToFractions')}</dt>
                <dd>{votes5(st.lostToFractions ?? 0)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
      {s.usedLot ? <p className="meta">{t('governance.stv.seed', { seed: s.seed })}</p> : null}
    </>
  );
}
