import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor, authorize } from '~/modules/funding/policy.server';
import { loadApplication } from '~/modules/funding/applications.server';
import { reviewSubject } from '~/modules/funding/panel.server';
import { COMMENT_MAX, conflictsFor, decideConflict, myConflict, reviewsFor, submitScores, whoIs } from '~/modules/funding/reviews.server';
import { SCORE_MAX, SCORE_MIN } from '~/modules/funding/rules';
import { Money } from '~/modules/funding/components/bits';
import { AnswerRecording } from '~/modules/funding/components/answer-recording';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Review an application · NOMI Workspace' }];

const ABILITIES = ['fundApplication.score', 'fundApplication.declareConflict'] as const;

/** Applicants never reach this page (their reviewers' names and scores are here): 403 for them, 404 for outsiders. */
async function load(request: Request, appId: string) {
  const user = await requireUser(request);
  const { app, round, subject } = await loadApplication(user, appId);
  authorize(user, 'fundApplication.seeReviews', subject);
  authorize(user, 'fundRound.review', await reviewSubject(user, round));
  return { user, app, round, subject };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, app, round, subject } = await load(request, params.appId!);
  const abilities = abilitiesFor(user, subject, ABILITIES);
  const detected = abilities['fundApplication.declareConflict'] ? await conflictsFor(user, app.id) : [];
  const names = await whoIs(detected.map((c) => c.withId));
  const reviews = await reviewsFor(user, app.id);
  const mine = reviews.reviewers.find((r) => r.id === user.id) ?? null;
  return json({
    app: { id: app.id, title: app.title, summary: app.summary, amount: app.amount, budgetLines: app.budgetLines, answers: Object.fromEntries(Object.entries(app.answers).map(([k, a]) => [k, { text: a.text, hasMedia: !!a.mediaPath, mediaMime: a.mediaMime }])) },
    round: { id: round.id, name: round.name, questions: round.questions, criteria: round.criteria },
    abilities,
    conflicts: detected.map((c) => ({ kind: c.kind, with: names[c.withId] ?? '' })),
    decision: await myConflict(user.id, app.id),
    mine: mine ? { scores: mine.scores, comments: mine.comments } : null,
    others: reviews.othersHidden ? null : reviews.reviewers.filter((r) => r.id !== user.id).map((r) => ({ name: r.name, total: r.total, comments: r.comments })),
    moderation: reviews.moderation,
    outliers: reviews.moderation ? reviews.moderation.outliers.map((i) => reviews.reviewers[i]?.name ?? '') : [],
  });
}

type Problems = { field: string; error: string }[];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, app, round } = await load(request, params.appId!);
  const form = await request.formData();
  const intent = form.get('intent');
  const back = `/funds/applications/${app.id}/review`;
  if (intent === 'declare') {
    await decideConflict(user, app.id, 'declared', String(form.get('explanation') ?? '').slice(0, COMMENT_MAX));
    return redirectWithFlash(request, back, { key: 'funding.flash.declared' });
  }
  if (intent === 'explain') {
    const explanation = String(form.get('explanation') ?? '');
    if (explanation.length > COMMENT_MAX) return json({ problems: [{ field: 'explanation', error: 'funding.errors.comment-too-long' }] as Problems, typed: { explanation } }, { status: 400 });
    const r = await decideConflict(user, app.id, 'explained', explanation);
    if (r !== 'ok') return json({ problems: [{ field: 'explanation', error: 'funding.errors.explanation-required' }] as Problems, typed: { explanation } }, { status: 400 });
    return redirectWithFlash(request, back, { key: 'funding.flash.explained' });
  }
  if (intent === 'score') {
    const scores: Record<string, { score: number; comment: string }> = {};
    const typed: Record<string, string> = {};
    for (const c of round.criteria) {
      const raw = form.get(`score.${c.id}`);
      const comment = form.get(`comment.${c.id}`);
      typed[`score.${c.id}`] = typeof raw === 'string' ? raw : '';
      typed[`comment.${c.id}`] = typeof comment === 'string' ? comment : '';
      if (typeof raw !== 'string' || typeof comment !== 'string') continue;
      // "3.5", "", "six" all become NaN or a non-integer: the module refuses them as out of range.
      scores[c.id] = { score: /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN, comment };
    }
    const r = await submitScores(user, app.id, scores);
    if (!r.ok) return json({ problems: r.problems.map((p) => ({ field: p.criterionId, error: `funding.errors.${p.error}` })), typed }, { status: 400 });
    return redirectWithFlash(request, back, { key: 'funding.flash.scored' });
  }
  throw new Response('Bad request', { status: 400 });
}

const one = (n: number | null) => (n === null ? '–' : n.toFixed(1));

export default function ReviewApplication() {
  const { t } = useTranslation();
  const { app, round, abilities, conflicts, decision, mine, others, moderation, outliers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const problems: Problems = data?.problems ?? [];
  const typed = (data?.typed ?? {}) as Record<string, string>;
  const errorOf = (field: string) => problems.filter((p) => p.field === field).map((p) => t(p.error)).join(' ');
  const scores = [] as number[];
  for (let s = SCORE_MIN; s <= SCORE_MAX; s++) scores.push(s);
  return (
    <>
      <PageHeader title={app.title || t('funding.app.untitled')} lead={round.name} />
      {app.amount !== null ? (
        <p>
          {t('funding.review.asks')} <Money value={app.amount} />
        </p>
      ) : null}
      <h2>{t('funding.app.summary')}</h2>
      <p dir="auto">{app.summary}</p>
      {round.questions.map((q) => (
        <section key={q.id}>
          <h3 dir="auto">{q.text}</h3>
          <p dir="auto">{app.answers[q.id]?.text || (app.answers[q.id]?.hasMedia ? t('funding.app.hasRecording') : '—')}</p>
          {app.answers[q.id]?.hasMedia ? <AnswerRecording appId={app.id} questionId={q.id} mime={app.answers[q.id]?.mediaMime ?? null} question={q.text} /> : null}
        </section>
      ))}
      <h2>{t('funding.app.lines')}</h2>
      <ul>
        {app.budgetLines.map((l, i) => (
          <li key={i}>
            <span dir="auto">{l.label}</span>: <Money value={l.amount} />
          </li>
        ))}
      </ul>

      <section aria-labelledby="conflict-heading" className="card">
        <h2 id="conflict-heading">{t('funding.review.conflictTitle')}</h2>
        {conflicts.length ? (
          <>
            <p>{t('funding.review.conflictFound')}</p>
            <ul>
              {conflicts.map((c, i) => (
                <li key={i}>
                  {t(`funding.conflict.${c.kind}`)}
                  {c.with ? <bdi> ({c.with})</bdi> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('funding.review.conflictNone')}</p>
        )}
        {decision ? (
          <p role="status">
            <strong>{t(`funding.review.decision.${decision.decision}`)}</strong>
            {decision.explanation ? <span dir="auto"> — {decision.explanation}</span> : null}
          </p>
        ) : null}
        {abilities['fundApplication.declareConflict'] && decision?.decision !== 'declared' ? (
          <Form method="post" className="form">
            <div className="field">
              <label htmlFor="explanation" className="field__label">
                {t('funding.review.explanation')}
              </label>
              <p className="field__hint" id="explanation-hint">
                {t('funding.review.explanationHint')}
              </p>
              <textarea id="explanation" name="explanation" rows={3} maxLength={COMMENT_MAX} dir="auto" className="input" aria-describedby={errorOf('explanation') ? 'explanation-hint explanation-error' : 'explanation-hint'} aria-invalid={errorOf('explanation') ? true : undefined} defaultValue={typed.explanation ?? decision?.explanation ?? ''} />
              {errorOf('explanation') ? (
                <p id="explanation-error" className="field__error">
                  {errorOf('explanation')}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              <button type="submit" name="intent" value="declare" className="button button--secondary">
                {t('funding.review.declare')}
              </button>
              {conflicts.length ? (
                <button type="submit" name="intent" value="explain" className="button button--secondary">
                  {t('funding.review.explain')}
                </button>
              ) : null}
            </div>
          </Form>
        ) : null}
      </section>

      {abilities['fundApplication.score'] ? (
        <section aria-labelledby="score-heading">
          <h2 id="score-heading">{mine ? t('funding.review.yourScores') : t('funding.review.scoreTitle')}</h2>
          <p>{t('funding.review.scoreLead')}</p>
          {problems.length ? (
            <p className="field__error" role="alert">
              {t('funding.review.fixBelow')}
            </p>
          ) : null}
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="score" />
            {round.criteria.map((c) => {
              const err = errorOf(c.id);
              const picked = typed[`score.${c.id}`] ?? (mine?.scores[c.id] !== undefined ? String(mine.scores[c.id]) : '');
              return (
                <fieldset key={c.id} className="field fieldset fund-row" aria-describedby={err ? `err-${c.id}` : undefined}>
                  <legend className="field__label" dir="auto">
                    {c.label} <span className="muted">({t('funding.review.weight', { n: c.weight })})</span>
                  </legend>
                  <div className="radios">
                    {scores.map((s) => (
                      <label key={s} className="radio">
                        <input type="radio" name={`score.${c.id}`} value={s} defaultChecked={picked === String(s)} />
                        <span>{t(`funding.review.scale.${s}`)}</span>
                      </label>
                    ))}
                  </div>
                  <label htmlFor={`comment-${c.id}`} className="field__label">
                    {t('funding.review.comment', { criterion: c.label })}
                  </label>
                  <textarea id={`comment-${c.id}`} name={`comment.${c.id}`} rows={3} maxLength={COMMENT_MAX} dir="auto" className="input" aria-invalid={err ? true : undefined} aria-describedby={err ? `err-${c.id}` : undefined} defaultValue={typed[`comment.${c.id}`] ?? mine?.comments[c.id] ?? ''} />
                  {err ? (
                    <p id={`err-${c.id}`} className="field__error">
                      {err}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
            <button type="submit" className="button">
              {t('funding.review.submitScores')}
            </button>
          </Form>
        </section>
      ) : decision?.decision === 'declared' ? (
        <p>{t('funding.review.removed')}</p>
      ) : null}

      <section aria-labelledby="others-heading">
        <h2 id="others-heading">{t('funding.review.othersTitle')}</h2>
        {others === null ? (
          <p>{t('funding.review.othersHidden')}</p>
        ) : others.length === 0 ? (
          <p>{t('funding.review.othersNone')}</p>
        ) : (
          <ul>
            {others.map((o, i) => (
              <li key={i}>
                <bdi>{o.name}</bdi>: {one(o.total)}
                <ul>
                  {round.criteria.map((c) =>
                    o.comments[c.id] ? (
                      <li key={c.id}>
                        <span dir="auto">{c.label}</span>: <span dir="auto">{o.comments[c.id]}</span>
                      </li>
                    ) : null,
                  )}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {moderation && moderation.count ? (
          <p>
            {t('funding.review.moderationLine', { mean: one(moderation.mean), min: one(moderation.min), max: one(moderation.max) })}
            {moderation.flagged ? <strong> {t('funding.review.flagged')}</strong> : null}
            {outliers.length ? <> {t('funding.review.outliers', { names: outliers.join(', ') })}</> : null}
          </p>
        ) : null}
      </section>
      <p>
        <Link to={`/funds/${round.id}/review`}>{t('funding.review.backToList')}</Link>
      </p>
    </>
  );
}
