import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { myPitchScores, scorePitch } from '~/modules/funding/pitch.server';
import { SCORE_MAX, SCORE_MIN } from '~/modules/funding/rules';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Score a pitch · NOMI Workspace' }];

/** A panel member scores one pitch from their phone, as it happens: each criterion 1–5 and a comment. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await myPitchScores(user, params.appId!));
}

type Problems = { field: string; error: string }[];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { criteria } = await myPitchScores(user, params.appId!);
  const form = await request.formData();
  const scores: Record<string, { score: number; comment: string }> = {};
  const typed: Record<string, string> = {};
  for (const c of criteria) {
    const raw = form.get(`score.${c.id}`);
    const comment = form.get(`comment.${c.id}`);
    typed[`score.${c.id}`] = typeof raw === 'string' ? raw.slice(0, 10) : '';
    typed[`comment.${c.id}`] = typeof comment === 'string' ? comment.slice(0, 2000) : '';
    if (typeof raw !== 'string' || typeof comment !== 'string') continue;
    // "3.5", "", "six" become NaN or a non-integer: the module refuses them as out of range.
    scores[c.id] = { score: /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN, comment };
  }
  const r = await scorePitch(user, params.appId!, scores);
  if (!r.ok) return json({ problems: r.problems.map((p) => ({ field: p.criterionId, error: `funding.errors.${p.error}` })) as Problems, typed }, { status: 400 });
  return redirectWithFlash(request, `/funds/${params.id}/pitch`, { key: 'funding.pitch.flash.scored' });
}

export default function ScorePitch() {
  const { t } = useTranslation();
  const { app, criteria, mine } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const problems: Problems = data?.problems ?? [];
  const typed = (data?.typed ?? {}) as Record<string, string>;
  const errorOf = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => t(p.error))
      .join(' ');
  const scores: number[] = [];
  for (let s = SCORE_MIN; s <= SCORE_MAX; s++) scores.push(s);
  return (
    <>
      <PageHeader title={app.title || t('funding.app.untitled')} lead={t('funding.pitch.scoreLead')} />
      {problems.length ? (
        <div className="error-summary" role="alert">
          <h2 className="h3">{t('funding.app.problems')}</h2>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{t(p.error)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="form">
        {criteria.map((c) => {
          const err = errorOf(c.id);
          const chosen = data ? typed[`score.${c.id}`] : mine[c.id] ? String(mine[c.id]!.score) : '';
          return (
            <fieldset key={c.id} className={`field fieldset${err ? ' field--error' : ''}`}>
              <legend className="field__label" dir="auto">
                {c.label}
              </legend>
              {err ? <p className="field__error">{err}</p> : null}
              <div className="radios fund-scale">
                {scores.map((s) => (
                  <label key={s} className="radio">
                    <input type="radio" name={`score.${c.id}`} value={s} defaultChecked={chosen === String(s)} />
                    <span>{s}</span>
                  </label>
                ))}
              </div>
              <label className="field__label" htmlFor={`comment-${c.id}`}>
                {t('funding.pitch.comment')}
              </label>
              <textarea id={`comment-${c.id}`} name={`comment.${c.id}`} className="input" rows={2} maxLength={1000} dir="auto" defaultValue={data ? typed[`comment.${c.id}`] : (mine[c.id]?.comment ?? '')} />
            </fieldset>
          );
        })}
        <button type="submit" className="button">
          {t('funding.pitch.save')}
        </button>
      </Form>
      <p>
        <Link className="fund-back" to={`/funds/${app.roundId}/pitch`}>{t('funding.pitch.backToOrder')}</Link>
      </p>
    </>
  );
}
