/**
 * Pieces every form on the proposal page shares: the action's answer (ActionData), the message shown
 * next to a form's field, the vote fields for each kind of decision and how a ballot reads back.
 */
import { useTranslation } from '~/modules/i18n/react';
import type { BallotChoice } from '~/modules/governance/tally';

/** What the proposal page's action answers: a refusal for one form's field (input kept), or what was done. */
export type ActionData = { ok: false; error: string; field?: string; values?: Record<string, string> } | { ok: true; voted?: boolean; receipt?: string; receiptValid?: boolean; for?: string; forName?: string };

const RESOLUTION = ['for', 'against', 'abstain'] as const;
const CONSENT = ['consent', 'object', 'abstain'] as const;
const ADVICE = ['agree', 'disagree', 'abstain', 'block'] as const;

function choicesFor(kind: string): readonly string[] {
  if (kind === 'consent') return CONSENT;
  if (kind === 'advice') return ADVICE;
  return RESOLUTION;
}


export function describeChoice(choice: BallotChoice, names: Record<string, string>, t: (k: string) => string): string {
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


export function VoteFields({ kind, pollMode, maxScore, options, values, idPrefix }: { kind: string; pollMode: string; maxScore: number; options: Array<{ id: string; label: string }>; values?: Record<string, string>; idPrefix: string }) {
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

export function FieldError({ data, field }: { data: ActionData | undefined; field: string }) {
  const { t } = useTranslation();
  if (!data || data.ok || data.field !== field) return null;
  return (
    <p className="field__error" role="alert">
      {t(data.error)}
    </p>
  );
}
