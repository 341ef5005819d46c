import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { EligibilitySchema } from '~/modules/funding/funding.schema.server';
import { getRound, livedExperience, openRound, panelOf, roundSubject } from '~/modules/funding/rounds.server';
import { counts, myApplication, startApplication } from '~/modules/funding/applications.server';
import { didNotCount } from '~/modules/funding/applicant-stage';
import { openReview, reviewSubject } from '~/modules/funding/panel.server';
import { getVote, voteLinks } from '~/modules/funding/vote.server';
import { Money } from '~/modules/funding/components/bits';
import { acceptances } from '~/modules/funding/award-letter.server';
import { Acceptances } from '~/modules/funding/components/acceptances';
import { publishedQuestions } from '~/modules/funding/qa.server';
import { PublishedQuestions } from '~/modules/funding/components/qa';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';
import { roundGrants, roundMoney } from '~/modules/funding/money.server';
import { RoundMoney } from '~/modules/funding/components/round-money';

export const meta: MetaFunction = () => [{ title: 'Fund round · NOMI Workspace' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const round = await getRound(user, params.id!);
  if (!round) throw new Response('Not found', { status: 404 });
  const abilities = abilitiesFor(user, roundSubject(round), ['fundRound.manage', 'fundRound.apply']);
  const mine = await myApplication(user, round.id);
  // Panel names are for stewards and the panel; applicants see only how the panel is made up.
  const panel = await panelOf(round.id);
  const onPanel = panel.some((p) => p.id === user.id);
  const reviewSubj = await reviewSubject(user, round);
  const review = abilitiesFor(user, reviewSubj, ['fundRound.openReview', 'fundRound.review', 'fundRound.decide', 'fundRound.seeAcceptances']);
  // The pitch-day link: the panel's scoring page or the stewards' screen (not a steward who applied).
  const pitch = abilitiesFor(user, { isPanel: reviewSubj.isPanel, reviewOpen: reviewSubj.reviewOpen, decided: round.status === 'decided', appliesInRound: reviewSubj.appliesInRound }, ['fundPitch.screen', 'fundPitch.panel']);
  return json({
    acceptances: review['fundRound.seeAcceptances'] ? await acceptances(user, round, reviewSubj) : null,
    review,
    pitchLink: pitch['fundPitch.screen'] || pitch['fundPitch.panel'],
    closed: Date.now() >= round.closesAt,
    round,
    abilities,
    // Left out because its host or a co-applicant had not said yes in time: say so, not "submitted" (funddemo).
    mine: mine
      ? { id: mine.id, status: mine.status, notCounted: didNotCount({ status: mine.status, counts: counts(mine).waitingFor.length === 0, roundStatus: round.status, voteOpened: !!(await getVote(round.id)) }) }
      : null,
    lived: await livedExperience(round),
    panelNames: abilities['fundRound.manage'] || onPanel ? panel.map((p) => p.name) : null,
    vote: await voteLinks(user, round),
    // Money (fundmoney): the pot with what rolled over into it; grants' payments for stewards only.
    money: await roundMoney(round.id),
    grants: abilities['fundRound.manage'] && round.status === 'decided' ? await roundGrants(round.id) : null,
    // Round Q&A and the stewards' report (fundevidence).
    questions: round.status === 'draft' ? [] : await publishedQuestions(round.id),
    evidence: abilitiesFor(user, { status: round.status }, ['fundRound.report']),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'open') {
    const r = await openRound(user, params.id!);
    return redirectWithFlash(request, `/funds/${params.id}`, { key: r === 'ok' ? 'funding.flash.opened' : `funding.flash.${r}` });
  }
  if (intent === 'openReview') {
    const r = await openReview(user, params.id!);
    return redirectWithFlash(request, `/funds/${params.id}`, { key: r === 'ok' ? 'funding.flash.reviewOpened' : `funding.flash.${r}` });
  }
  if (intent === 'start') {
    const submission = parseWithZod(form, { schema: EligibilitySchema });
    if (submission.status !== 'success') return json({ screening: null, bad: true }, { status: 400 });
    const answers = Object.fromEntries(Object.entries(submission.value.answers).map(([k, v]) => [k, v === 'yes']));
    const r = await startApplication(user, params.id!, answers);
    if ('id' in r) throw redirect(`/funds/applications/${r.id}`);
    return json({ screening: r.screening, bad: false }, { status: 400 });
  }
  throw new Response('Bad request', { status: 400 });
}

export default function RoundPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { round, abilities, mine, lived, panelNames, review, pitchLink, closed, acceptances: accepted, vote, money, grants, questions, evidence } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const screening = result?.screening;
  return (
    <>
      <PageHeader title={round.name}>
        <p>
          {t(`funding.roundStatus.${round.status}`)} · {t('funding.round.dates', { opens: f.date(round.opensAt), closes: f.date(round.closesAt) })}
        </p>
      </PageHeader>
      <p dir="auto" className="prose">
        {round.description}
      </p>
      <dl className="facts">
        <dt>{t('funding.round.pot')}</dt>
        <dd>
          <Money value={round.pot} />
        </dd>
        <dt>{t('funding.round.grants')}</dt>
        <dd>
          <Money value={round.minGrant} />–<Money value={round.maxGrant} />
        </dd>
        <dt>{t('funding.round.method')}</dt>
        <dd>{t(`funding.method.${round.decisionMethod}`)}</dd>
        <dt>{t('funding.round.themes')}</dt>
        <dd>{round.themes.map((th) => t(`directory.themes.${th}`)).join(', ') || t('funding.round.any')}</dd>
        <dt>{t('funding.round.cities')}</dt>
        <dd>{round.cities.map((c) => t(`common.cities.${c}`)).join(', ') || t('funding.round.any')}</dd>
        <dt>{t('funding.round.panel')}</dt>
        <dd>{t('funding.round.lived', { n: lived.count, size: lived.panelSize, minimum: lived.minimum })}</dd>
      </dl>
      <RoundMoney money={money} grants={grants} />
      {panelNames ? (
        <p>
          {t('funding.round.panelNames')}: {panelNames.join(', ')}
        </p>
      ) : null}
      {round.noticeId ? (
        <p>
          <Link to={`/notices/${round.noticeId}`}>{t('funding.round.notice')}</Link>
        </p>
      ) : null}

      {round.conditions ? (
        <>
          <h2>{t('funding.award.conditionsLabel')}</h2>
          {round.conditions
            .split(/\n\s*\n/)
            .filter((c) => c.trim())
            .map((c, i) => (
              <p key={i} dir="auto" className="prose">
                {c.trim()}
              </p>
            ))}
        </>
      ) : null}

      <h2>{t('funding.round.questionsTitle')}</h2>
      <ol>
        {round.questions.map((q) => (
          <li key={q.id}>
            <span dir="auto">{q.text}</span> <span className="muted">({t('funding.round.words', { n: q.wordLimit })})</span>
          </li>
        ))}
      </ol>
      <p className="muted">{t('funding.round.noReferences')}</p>
      {round.status === 'open' && !closed ? (
        <p>
          <Link to={`/funds/${round.id}/conversations`}>{t('funding.slots.link')}</Link>
        </p>
      ) : null}

      {round.status !== 'draft' ? (
        <section aria-labelledby="round-qa">
          <h2 id="round-qa">{t('funding.qa.onRound')}</h2>
          <PublishedQuestions questions={questions} />
          <p>
            <Link to={`/funds/${round.id}/questions`}>{t('funding.qa.seeAll')}</Link>
          </p>
        </section>
      ) : null}
      {evidence['fundRound.report'] ? (
        <p>
          <Link to={`/funds/${round.id}/report`} className="button button--secondary">
            {t('funding.evidence.link')}
          </Link>
        </p>
      ) : null}

      {abilities['fundRound.manage'] && round.status === 'draft' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="open" />
          <p>{t('funding.round.openHelp')}</p>
          <button type="submit" className="button">
            {t('funding.round.open')}
          </button>
        </Form>
      ) : null}

      {review['fundRound.openReview'] ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="openReview" />
          <p>{t(closed ? 'funding.round.openReviewHelp' : 'funding.round.openReviewLater')}</p>
          {!lived.met ? <p className="field__error">{t('funding.flash.not-enough-lived-experience')}</p> : null}
          <button type="submit" className="button">
            {t('funding.round.openReview')}
          </button>
        </Form>
      ) : null}
      {review['fundRound.review'] ? (
        <p className="button-row">
          <Link to={`/funds/${round.id}/review`} className="button">
            {t('funding.round.reviewLink')}
          </Link>
          {review['fundRound.decide'] ? (
            <Link to={`/funds/${round.id}/decide`} className="button button--secondary">
              {t('funding.decide.link')}
            </Link>
          ) : null}
          {pitchLink ? (
            <Link to={`/funds/${round.id}/pitch`} className="button button--secondary">
              {t('funding.pitch.link')}
            </Link>
          ) : null}
        </p>
      ) : null}

      {accepted ? <Acceptances rows={accepted} /> : null}
      {vote && (vote.status !== 'none' || vote.canOpen) ? (
        <p className="button-row">
          {vote.seeResult ? (
            <Link to={`/funds/${round.id}/result`} className="button">
              {t('funding.vote.link.result')}
            </Link>
          ) : (
            <Link to={`/funds/${round.id}/vote`} className="button">
              {t(vote.canOpen ? 'funding.vote.link.open' : vote.canVote ? 'funding.vote.link.vote' : 'funding.vote.link.see')}
            </Link>
          )}
        </p>
      ) : null}

      {mine ? (
        <p>
          <Link to={`/funds/applications/${mine.id}`} className="button">
            {t('funding.round.yourApplication', { status: mine.notCounted ? t('funding.mine.stage.did-not-count') : t(`funding.status.${mine.status}`) })}
          </Link>
        </p>
      ) : abilities['fundRound.apply'] ? (
        <section aria-labelledby="eligibility-heading" className="card">
          <h2 id="eligibility-heading">{t('funding.round.eligibilityTitle')}</h2>
          <p>{t('funding.round.eligibilityLead')}</p>
          {screening && screening.status === 'not-eligible' ? (
            <div className="card fund-not-eligible" role="alert">
              <p>
                <strong>{t('funding.round.notEligible')}</strong>
              </p>
              <ul>
                {screening.reasons.map((r: { questionId: string; explanation: string }) => (
                  <li key={r.questionId}>
                    <span dir="auto">{r.explanation}</span>
                  </li>
                ))}
              </ul>
              <p>{t('funding.round.notEligibleNext')}</p>
            </div>
          ) : null}
          {screening && screening.status === 'incomplete' ? (
            <p className="field__error" role="alert">
              {t('funding.round.answerAll')}
            </p>
          ) : null}
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="start" />
            {round.eligibility.map((q) => (
              <fieldset key={q.id} className="field fieldset">
                <legend className="field__label" dir="auto">
                  {q.text}
                </legend>
                <div className="radios">
                  <label className="radio">
                    <input type="radio" name={`answers.${q.id}`} value="yes" required />
                    <span>{t('funding.yes')}</span>
                  </label>
                  <label className="radio">
                    <input type="radio" name={`answers.${q.id}`} value="no" />
                    <span>{t('funding.no')}</span>
                  </label>
                </div>
              </fieldset>
            ))}
            <button type="submit" className="button">
              {t('funding.round.start')}
            </button>
          </Form>
        </section>
      ) : round.status === 'open' ? (
        <p>{t('funding.round.notAccepting')}</p>
      ) : null}
    </>
  );
}
