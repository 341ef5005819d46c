import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { activeMembers, organisationsFor } from '~/modules/funding/rounds.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { ApplicationSchema } from '~/modules/funding/funding.schema.server';
import { counts, loadApplication, respondAsCoApplicant, saveApplication, withdrawApplication } from '~/modules/funding/applications.server';
import { acceptNote, discardUpload, NOTE_MAX_BYTES } from '~/modules/membership/note-upload.server';
import { parseUploadForm } from '~/modules/uploads/uploads.server';
import { VoiceRecorder } from '~/ui/voice-recorder';
import type { RouteHandle } from '~/utils/route-handle';
import { ApplicationStatus, Money } from '~/modules/funding/components/bits';
import { MAX_BUDGET_LINES } from '~/modules/funding/rules';
import { THEMES } from '~/modules/directory/themes';
import { PageHeader } from '~/ui/page';
import { outcomeFor } from '~/modules/funding/panel.server';
import { Outcome } from '~/modules/funding/components/outcome';
import { consentState } from '~/modules/funding/consent.server';
import { ConsentState } from '~/modules/funding/components/consent';
import { mediaDeletion } from '~/modules/funding/answer-media.server';
import { AnswerRecording, MediaDeletionNotice } from '~/modules/funding/components/answer-recording';
import { didNotCount } from '~/modules/funding/applicant-stage';
import { getVote } from '~/modules/funding/vote.server';

// Ships the client (~/utils/route-handle): the voice recorder for spoken answers.
export const handle: RouteHandle = { hydrate: true };

export const meta: MetaFunction = () => [{ title: 'Application · NOMI Workspace' }];

const ABILITIES = ['fundApplication.edit', 'fundApplication.withdraw', 'fundApplication.respond'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { app, round, subject } = await loadApplication(user, params.appId!);
  const abilities = abilitiesFor(user, subject, ABILITIES);
  const editable = abilities['fundApplication.edit'];
  const { orgs, myOrgIds } = editable ? await organisationsFor(user.id) : { orgs: [], myOrgIds: [] as string[] };
  const members = editable ? await activeMembers(user.id) : [];
  // The decision, with the panel's comments but never their names, for the applicants themselves.
  const counting = counts(app);
  // Left out because the host or a co-applicant had not said yes in time: no outcome, no feedback.
  const notCounted = didNotCount({ status: app.status, counts: counting.waitingFor.length === 0, roundStatus: round.status, voteOpened: !!(await getVote(round.id)) });
  const decided = (app.status === 'funded' || app.status === 'not-funded') && !notCounted;
  const outcome = decided && (subject.isLead || subject.isCoApplicant) ? { ...(await outcomeFor(app.id, round)), asked: app.amount, applicationId: app.id } : null;
  return json({
    outcome,
    app: { ...app, answers: Object.fromEntries(Object.entries(app.answers).map(([k, a]) => [k, { text: a.text, hasMedia: !!a.mediaPath, mediaMime: a.mediaMime }])) },
    // Only the applicants are told when their recordings go (and only while there are some).
    mediaDeletion: (subject.isLead || subject.isCoApplicant) && Object.values(app.answers).some((a) => a.mediaPath) ? mediaDeletion(app.status, round.decidedAt) : null,
    round: { id: round.id, name: round.name, questions: round.questions, minGrant: round.minGrant, maxGrant: round.maxGrant, closesAt: round.closesAt },
    counting,
    notCounted,
    consent: await consentState(app),
    abilities,
    orgs,
    myOrgIds,
    members,
    meId: user.id,
  });
}

type Problems = { field: string; error: string }[];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { round } = await loadApplication(user, params.appId!);
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > round.questions.length * NOTE_MAX_BYTES + 1_000_000) throw new Response('Too large', { status: 413 });
  const type = request.headers.get('content-type') ?? '';
  let formData: FormData;
  const uploads: { questionId: string; value: string }[] = [];
  if (type.startsWith('multipart/form-data')) {
    const fields = Object.fromEntries(round.questions.map((q) => [`media.${q.id}`, { maxBytes: NOTE_MAX_BYTES, maxFiles: 1 }]));
    const parsed = await parseUploadForm(request, { fields, maxFieldBytes: 200_000 });
    formData = parsed.formData;
    for (const u of parsed.uploads) {
      const questionId = u.field.slice('media.'.length);
      uploads.push({ questionId, value: u.problem === 'tooLarge' ? 'upload:too-large' : u.tmpPath ? `upload:${u.tmpPath}` : '' });
    }
  } else formData = await request.formData();
  const discardAll = () => Promise.all(uploads.map((u) => discardUpload(u.value)));

  const intent = formData.get('intent');
  if (intent === 'withdraw' || intent === 'confirm' || intent === 'decline') {
    await discardAll();
    if (intent === 'withdraw') await withdrawApplication(user, params.appId!);
    else await respondAsCoApplicant(user, params.appId!, intent === 'confirm');
    return redirectWithFlash(request, `/funds/applications/${params.appId}`, { key: `funding.flash.${intent}` });
  }
  const submission = parseWithZod(formData, { schema: ApplicationSchema });
  if (submission.status !== 'success') {
    await discardAll();
    return json({ result: submission.reply(), problems: [] as Problems }, { status: 400 });
  }
  const v = submission.value;
  const media: Record<string, { path: string; mime: string; size: number }> = {};
  const problems: Problems = [];
  for (const u of uploads) {
    if (!u.value) continue;
    const { note, problem } = await acceptNote(u.value === 'upload:too-large' ? 'upload:too-large' : u.value);
    if (problem) problems.push({ field: `answer.${u.questionId}`, error: `membership.join.note.${problem}` });
    else if (note) media[u.questionId] = note;
  }
  if (problems.length) {
    const { removeStored } = await import('~/modules/uploads/uploads.server');
    await removeStored(Object.values(media));
    return json({ result: submission.reply(), problems }, { status: 400 });
  }
  const r = await saveApplication(
    user,
    params.appId!,
    {
      title: v.title ?? '',
      summary: v.summary ?? '',
      amount: v.amount,
      budgetLines: v.lines.filter((l) => l.label || l.amount).map((l) => ({ label: l.label ?? '', amount: l.amount ?? 0 })),
      themes: v.themes,
      kind: v.kind,
      orgId: v.orgId || null,
      hostOrgId: v.hostOrgId || null,
      coApplicantIds: v.coApplicantIds,
      answers: v.answers,
      media,
      removeMedia: v.removeMedia,
    },
    { submit: v.intent === 'submit' },
  );
  if (!r.ok) return json({ result: submission.reply(), problems: r.problems.map((p) => ({ field: p.field, error: `funding.errors.${p.error}` })) }, { status: 400 });
  return redirectWithFlash(request, `/funds/applications/${params.appId}`, { key: r.status === 'submitted' ? 'funding.flash.submitted' : 'funding.flash.draftSaved' });
}

export default function ApplicationPage() {
  const { t } = useTranslation();
  const { app, round, counting, notCounted, consent, abilities, orgs, myOrgIds, members, outcome, mediaDeletion } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const problems: Problems = data?.problems ?? [];
  const formErrors = (data?.result as { error?: Record<string, string[] | null> } | undefined)?.error ?? {};
  // What was typed comes back with the errors, so nothing is lost.
  const typed = (data?.result as { initialValue?: Record<string, unknown> } | undefined)?.initialValue as Record<string, any> | undefined;
  const val = (name: string, fallback: string) => (typed ? String(typed[name] ?? '') : fallback);
  const errorFor = (field: string) =>
    [...problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`)).map((p) => t(p.error)), ...(formErrors[field] ?? []).map((e) => t(e))].join(' ');
  const all = [...problems.map((p) => ({ field: p.field, text: t(p.error) })), ...Object.entries(formErrors).flatMap(([f, es]) => (es ?? []).map((e) => ({ field: f, text: t(e) })))];
  const editable = abilities['fundApplication.edit'];
  const lines = Array.from({ length: MAX_BUDGET_LINES }, (_, i) => app.budgetLines[i] ?? { label: '', amount: 0 });

  return (
    <>
      <PageHeader title={app.title || t('funding.app.untitled')} lead={t('funding.app.forRound', { round: round.name })} />
      <ApplicationStatus status={app.status} waitingFor={counting.waitingFor} notCounted={notCounted} />
      <ConsentState consent={consent} />
      {outcome ? <Outcome outcome={outcome} /> : null}
      {mediaDeletion ? <MediaDeletionNotice {...mediaDeletion} /> : null}
      {outcome?.award ? (
        <p>
          <Link to={`/funds/grants/${app.id}`} className="button">
            {t('funding.money.grantLink')}
          </Link>
        </p>
      ) : null}
      {abilities['fundApplication.respond'] ? (
        <Form method="post" className="button-row">
          <p>{t('funding.app.coApplicantAsk')}</p>
          <button type="submit" name="intent" value="confirm" className="button">
            {t('funding.app.confirm')}
          </button>
          <button type="submit" name="intent" value="decline" className="button button--secondary">
            {t('funding.app.decline')}
          </button>
        </Form>
      ) : null}
      {all.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="h3">{t('funding.app.problems')}</h2>
          <ul>
            {all.map((e, i) => (
              <li key={i}>{e.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {editable ? (
        <Form method="post" encType="multipart/form-data" className="form" noValidate>
          <div className="field">
            <label className="field__label" htmlFor="title">
              {t('funding.app.title')}
            </label>
            <input id="title" name="title" className="input" maxLength={120} dir="auto" defaultValue={val('title', app.title)} />
            {errorFor('title') ? <p className="field__error">{errorFor('title')}</p> : null}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="summary">
              {t('funding.app.summary')}
            </label>
            <p className="field__hint" id="summary-hint">
              {t('funding.app.summaryHint')}
            </p>
            <textarea id="summary" name="summary" className="input" rows={3} maxLength={600} dir="auto" aria-describedby="summary-hint" defaultValue={val('summary', app.summary)} />
            {errorFor('summary') ? <p className="field__error">{errorFor('summary')}</p> : null}
          </div>

          {round.questions.map((q) => {
            const id = `answer-${q.id}`;
            const err = errorFor(`answer.${q.id}`) || errorFor(`answers.${q.id}`);
            return (
              <fieldset key={q.id} className={`field fieldset${err ? ' field--error' : ''}`}>
                <legend className="field__label" dir="auto">
                  {q.text}
                </legend>
                <p className="field__hint" id={`${id}-hint`}>
                  {t('funding.app.answerHint', { n: q.wordLimit })}
                </p>
                {err ? (
                  <p className="field__error" id={`${id}-error`}>
                    {err}
                  </p>
                ) : null}
                <label className="field__label" htmlFor={id}>
                  {t('funding.app.writeAnswer')}
                </label>
                <textarea id={id} name={`answers.${q.id}`} className="input" rows={5} dir="auto" maxLength={6000} aria-describedby={`${id}-hint`} defaultValue={typed ? String((typed.answers ?? {})[q.id] ?? '') : (app.answers[q.id]?.text ?? '')} />
                {app.answers[q.id]?.hasMedia ? (
                  <div className="card">
                    <p>{t('funding.app.hasRecording')}</p>
                    <AnswerRecording appId={app.id} questionId={q.id} mime={app.answers[q.id]?.mediaMime ?? null} question={q.text} />
                    <label className="checkbox">
                      <input type="checkbox" name="removeMedia" value={q.id} />
                      <span>{t('funding.app.removeRecording')}</span>
                    </label>
                  </div>
                ) : null}
                <label className="field__label" htmlFor={`media-${q.id}`}>
                  {t('funding.app.orRecord')}
                </label>
                <VoiceRecorder inputId={`media-${q.id}`} name={`media.${q.id}`} invalid={Boolean(err)} describedBy={[`${id}-hint`, err ? `${id}-error` : null].filter(Boolean).join(' ')} />
              </fieldset>
            );
          })}

          <div className="field">
            <label className="field__label" htmlFor="amount">
              {t('funding.app.amount')}
            </label>
            <p className="field__hint" id="amount-hint">
              {t('funding.app.amountHint')} <Money value={round.minGrant} />–<Money value={round.maxGrant} />
            </p>
            <input id="amount" name="amount" className="input input--short" inputMode="numeric" aria-describedby="amount-hint" defaultValue={val('amount', app.amount === null ? '' : String(app.amount))} />
            {errorFor('amount') ? <p className="field__error">{errorFor('amount')}</p> : null}
          </div>
          <fieldset className="field fieldset">
            <legend className="field__label">{t('funding.app.lines')}</legend>
            <p className="field__hint">{t('funding.app.linesHint')}</p>
            {errorFor('lines') ? <p className="field__error">{errorFor('lines')}</p> : null}
            {lines.map((l, i) => (
              <div key={i} className="fund-row">
                <label className="field__label" htmlFor={`line-${i}`}>
                  {t('funding.app.lineLabel', { n: i + 1 })}
                </label>
                <input id={`line-${i}`} name={`lines[${i}].label`} className="input" maxLength={120} dir="auto" defaultValue={typed ? String(typed.lines?.[i]?.label ?? '') : l.label} />
                <label className="field__label" htmlFor={`line-a-${i}`}>
                  {t('funding.app.lineAmount', { n: i + 1 })}
                </label>
                <input id={`line-a-${i}`} name={`lines[${i}].amount`} className="input input--short" inputMode="numeric" defaultValue={typed ? String(typed.lines?.[i]?.amount ?? '') : l.amount ? String(l.amount) : ''} />
              </div>
            ))}
          </fieldset>
          <fieldset className="field fieldset">
            <legend className="field__label">{t('funding.app.themes')}</legend>
            <div className="checkboxes">
              {THEMES.map((th) => (
                <label key={th} className="checkbox">
                  <input type="checkbox" name="themes" value={th} defaultChecked={app.themes.includes(th)} />
                  <span>{t(`directory.themes.${th}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="field fieldset">
            <legend className="field__label">{t('funding.app.who')}</legend>
            <div className="radios">
              {(['member', 'group', 'organisation'] as const).map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="kind" value={k} defaultChecked={app.kind === k} />
                  <span>{t(`funding.kind.${k}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor="hostOrgId">
              {t('funding.app.host')}
            </label>
            <p className="field__hint">{t('funding.app.hostHint')}</p>
            <select id="hostOrgId" name="hostOrgId" className="input" defaultValue={app.hostOrgId ?? ''}>
              <option value="">{t('funding.app.none')}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            {errorFor('hostOrgId') ? <p className="field__error">{errorFor('hostOrgId')}</p> : null}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="orgId">
              {t('funding.app.org')}
            </label>
            <select id="orgId" name="orgId" className="input" defaultValue={app.orgId ?? ''}>
              <option value="">{t('funding.app.none')}</option>
              {orgs
                .filter((o) => myOrgIds.includes(o.id))
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
            {errorFor('orgId') ? <p className="field__error">{errorFor('orgId')}</p> : null}
          </div>
          <fieldset className="field fieldset">
            <legend className="field__label">{t('funding.app.coApplicants')}</legend>
            <p className="field__hint">{t('funding.app.coApplicantsHint')}</p>
            <div className="checkboxes fund-people">
              {members.map((m) => (
                <label key={m.id} className="checkbox">
                  <input type="checkbox" name="coApplicantIds" value={m.id} defaultChecked={app.coApplicants.some((c) => c.userId === m.id)} />
                  <span>{m.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="button-row">
            <button type="submit" name="intent" value="save" className="button button--secondary" aria-disabled={navigation.state !== 'idle' || undefined}>
              {t('funding.app.saveDraft')}
            </button>
            <button type="submit" name="intent" value="submit" className="button" aria-disabled={navigation.state !== 'idle' || undefined}>
              {app.status === 'submitted' ? t('funding.app.saveChanges') : t('funding.app.submit')}
            </button>
          </div>
        </Form>
      ) : (
        <ReadOnly app={app} round={round} />
      )}
      {abilities['fundApplication.withdraw'] ? (
        <Form method="post">
          <button type="submit" name="intent" value="withdraw" className="button button--danger">
            {t('funding.app.withdraw')}
          </button>
        </Form>
      ) : null}
    </>
  );
}

function ReadOnly({ app, round }: { app: ReturnType<typeof useLoaderData<typeof loader>>['app']; round: { questions: { id: string; text: string }[] } }) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
