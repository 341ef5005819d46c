import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import type { z } from 'zod';
import { requireUser } from '~/modules/auth/session.server';
import { MentoringRuleError, addClosingReflection, mentorshipSubject, participantView, transitionMentorship } from '~/modules/mentoring/mentorships.server';
import { abilitiesFor } from '~/modules/mentoring/access.server';
import { addGoal, updateGoal } from '~/modules/mentoring/goals.server';
import { addAction, listActions, setActionDone } from '~/modules/mentoring/actions.server';
import { mentorshipDetail } from '~/modules/mentoring/timeline.server';
import { ActionSchema, CloseSchema, GoalSchema, GoalUpdateSchema, ReflectionSchema, RespondSchema } from '~/modules/mentoring/mentoring.schema.server';
import { ACTION_OWNERS, GOAL_STATUSES, todayISO } from '~/modules/mentoring/constants';
import { allowedTransitions } from '~/modules/mentoring/state';
import { attempt, idParam } from '~/modules/mentoring/route-helpers.server';
import { StatusTag, TopicTags, useDay, useDuration } from '~/modules/mentoring/components/bits';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import { DateOnlyField } from '~/ui/date-only-field';
import type { GoalStatus } from '~db/schema.mentoring';
import { memberName } from '~/modules/directory/former-member';

const MENTORSHIP_ABILITIES = ['mentoringSession.log', 'mentoringGoal.add', 'mentoringGoal.update', 'mentoringAction.add', 'mentoringAction.tick', 'mentorship.respond'] as const;

export const meta: MetaFunction = () => [{ title: 'Mentoring · NOMI Workspace' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await participantView(idParam(params.id), user);
  const abilities = abilitiesFor(user, mentorshipSubject(p.mentorship), MENTORSHIP_ABILITIES);
  const detail = await mentorshipDetail(p.mentorship.id);
  const m = p.mentorship;
  const myReflection = p.side === 'mentor' ? m.mentor_reflection : m.mentee_reflection;
  const theirReflection = p.side === 'mentor' ? m.mentee_reflection : m.mentor_reflection;
  return json({
    me: user.id,
    side: p.side,
    other: p.other,
    mentorName: p.mentorName,
    menteeName: p.menteeName,
    mentorship: {
      id: m.id,
      status: m.status,
      goals: m.goals,
      frequency: m.frequency,
      mode: m.mode,
      startOn: m.start_on,
      requestMessage: m.request_message,
      responseMessage: m.response_message,
      pairedBySteward: m.paired_by_steward === 1,
      closedAt: m.closed_at,
    },
    myReflection,
    theirReflection,
    transitions: allowedTransitions(m.status, p.side),
    abilities,
    today: todayISO(),
    ...detail,
  });
}

type Reply = { intent: string; goalId?: string; result: SubmissionResult<string[]> };

async function handle<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
  intent: string,
  run: (value: z.output<S>) => Promise<unknown>,
  extra: Partial<Reply> = {},
): Promise<{ reply: Reply; status: number } | null> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== 'success') return { reply: { intent, ...extra, result: submission.reply() }, status: 400 };
  const r = await attempt(submission, () => run(submission.value));
  if (!r.ok) return { reply: { intent, ...extra, result: r.reply }, status: 409 };
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // 404 before reading anything else: outsiders learn nothing, not even which intents exist.
  const p = await participantView(idParam(params.id), user);
  const id = p.mentorship.id;
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const back = `/mentoring/${id}`;
  let failed: { reply: Reply; status: number } | null = null;
  let flash = 'mentoring.detail.saved';
  switch (intent) {
    case 'accept':
    case 'decline':
      failed = await handle(formData, RespondSchema, 'respond', (v) => transitionMentorship(id, user, v.intent, { message: v.message }));
      flash = intent === 'accept' ? 'mentoring.respond.acceptedFlash' : 'mentoring.respond.declinedFlash';
      break;
    case 'pause':
    case 'resume':
      failed = await bare('status', () => transitionMentorship(id, user, intent));
      flash = intent === 'pause' ? 'mentoring.status.pausedFlash' : 'mentoring.status.resumedFlash';
      break;
    case 'close':
      failed = await handle(formData, CloseSchema, 'close', (v) => transitionMentorship(id, user, 'close', { reflection: v.reflection }));
      flash = 'mentoring.status.closedFlash';
      break;
    case 'reflect':
      failed = await handle(formData, ReflectionSchema, 'reflect', (v) => addClosingReflection(id, user, v.reflection));
      break;
    case 'add-goal':
      failed = await handle(formData, GoalSchema, 'add-goal', (v) => addGoal(id, user, v.title));
      flash = 'mentoring.goals.added';
      break;
    case 'update-goal':
      failed = await handle(formData, GoalUpdateSchema, 'update-goal', (v) => updateGoal(id, user, v.goalId, v.status as GoalStatus, v.note ?? ''), {
        goalId: idParam(formData.get('goalId')),
      });
      flash = 'mentoring.goals.updated';
      break;
    case 'add-action':
      failed = await handle(formData, ActionSchema, 'add-action', (v) => addAction(id, user, { title: v.title, owner: v.owner as 'mentor', due: v.due }));
      flash = 'mentoring.actions.added';
      break;
    case 'done':
    case 'reopen': {
      const actionId = idParam(formData.get('actionId'));
      if (!(await listActions(id)).some((a) => a.id === actionId)) throw new Response('Not found', { status: 404 });
      failed = await bare('action-done', () => setActionDone(actionId, user, intent === 'done'));
      flash = intent === 'done' ? 'mentoring.actions.ticked' : 'mentoring.actions.reopened';
      break;
    }
    default:
      throw new Response('Bad request', { status: 400 });
  }
  if (failed) return json(failed.reply, { status: failed.status });
  return redirectWithFlash(request, back, { key: flash });
}

/** For forms without fields (pause, resume, tick off): a broken rule becomes a form-level message. */
async function bare(intent: string, run: () => Promise<unknown>): Promise<{ reply: Reply; status: number } | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof MentoringRuleError) return { reply: { intent, result: { status: 'error', error: { '': [error.key] } } }, status: 409 };
    throw error;
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function useReply(intent: string, goalId?: string) {
  const data = useActionData<typeof action>();
  if (!data || data.intent !== intent || (goalId && data.goalId !== goalId)) return undefined;
  return data.result;
}

function FormProblems({ intent }: { intent: string }) {
  const { t } = useTranslation();
  const reply = useReply(intent);
  const errors: string[] = reply?.error?.[''] ?? [];
  if (!errors.length) return null;
  return (
    <div className="notice notice--warning" role="alert">
      {errors.map((e: string) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

function Respond() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof RespondSchema>>({
    id: 'respond',
    lastResult: useReply('respond'),
    shouldValidate: 'onSubmit',
  });
  return (
    <section className="card" aria-labelledby="respond-title">
      <h2 id="respond-title">{t('mentoring.respond.title')}</h2>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <TextAreaField field={fields.message} label={t('mentoring.respond.message')} hint={t('mentoring.respond.messageHint')} optional rows={3} />
        <div className="button-row">
          <SubmitButton name="intent" value="accept" pending={navigation.state !== 'idle'}>
            {t('mentoring.respond.accept')}
          </SubmitButton>
          <button type="submit" name="intent" value="decline" className="button button--secondary">
            {t('mentoring.respond.decline')}
          </button>
        </div>
      </Form>
    </section>
  );
}

function StatusControls({ transitions }: { transitions: Data['transitions'] }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof CloseSchema>>({
    id: 'close',
    lastResult: useReply('close'),
    shouldValidate: 'onSubmit',
  });
  const simple = transitions.filter((x) => x === 'pause' || x === 'resume');
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">{t('mentoring.status.title')}</h2>
      <FormProblems intent="status" />
      {simple.length ? (
        <Form method="post" className="button-row">
          {simple.map((x) => (
            <button key={x} type="submit" name="intent" value={x} className="button button--secondary">
              {t(`mentoring.status.do.${x}`)}
            </button>
          ))}
        </Form>
      ) : null}
      {transitions.includes('close') ? (
        <details className="mentoring-details" open={Boolean(fields.reflection.errors?.length)}>
          <summary>{t('mentoring.status.do.close')}</summary>
          <ErrorSummary form={form} fields={fields} />
          <Form method="post" {...getFormProps(form)} className="form">
            <TextAreaField field={fields.reflection} label={t('mentoring.close.reflection')} hint={t('mentoring.close.reflectionHint')} rows={4} />
            <SubmitButton name="intent" value="close" className="button button--danger">
              {t('mentoring.close.submit')}
            </SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function ReflectForm() {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof ReflectionSchema>>({
    id: 'reflect',
    lastResult: useReply('reflect'),
    shouldValidate: 'onSubmit',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form">
      <ErrorSummary form={form} fields={fields} />
      <TextAreaField field={fields.reflection} label={t('mentoring.close.reflection')} hint={t('mentoring.close.reflectionHint')} rows={4} />
      <SubmitButton name="intent" value="reflect">
        {t('mentoring.close.addReflection')}
      </SubmitButton>
    </Form>
  );
}

function GoalForm() {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof GoalSchema>>({
    id: 'add-goal',
    lastResult: useReply('add-goal'),
    shouldValidate: 'onSubmit',
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form mentoring-inline-form">
      <FormProblems intent="add-goal" />
      <TextField field={fields.title} label={t('mentoring.goals.new')} dir="auto" />
      <SubmitButton name="intent" value="add-goal" className="button button--secondary">
        {t('mentoring.goals.add')}
      </SubmitButton>
    </Form>
  );
}

function GoalUpdate({ goal }: { goal: Data['goals'][number] }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof GoalUpdateSchema>>({
    id: `goal-${goal.id}`,
    lastResult: useReply('update-goal', goal.id),
    shouldValidate: 'onSubmit',
    defaultValue: { status: goal.status, goalId: goal.id },
  });
  return (
    <details className="mentoring-details" open={Boolean(form.errors?.length || fields.note.errors?.length)}>
      <summary>
        {t('mentoring.goals.update')}
        <span className="visually-hidden">: {goal.title}</span>
      </summary>
      <Form method="post" {...getFormProps(form)} className="form">
        <input type="hidden" name="goalId" value={goal.id} />
        <SelectField field={fields.status} label={t('mentoring.goals.statusLabel')} options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`mentoring.goals.status.${s}`) }))} />
        <TextAreaField field={fields.note} label={t('mentoring.goals.note')} optional rows={2} />
        <SubmitButton name="intent" value="update-goal" className="button button--secondary">
          {t('mentoring.goals.save')}
        </SubmitButton>
      </Form>
    </details>
  );
}

function ActionForm({ today }: { today: string }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof ActionSchema>>({
    id: 'add-action',
    lastResult: useReply('add-action'),
    shouldValidate: 'onSubmit',
    defaultValue: { owner: 'mentee' },
  });
  return (
    <details className="mentoring-details" open={Boolean(form.status === 'error')}>
      <summary>{t('mentoring.actions.addTitle')}</summary>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary form={form} fields={fields} />
        <TextField field={fields.title} label={t('mentoring.actions.what')} dir="auto" />
        <SelectField field={fields.owner} label={t('mentoring.actions.who')} options={ACTION_OWNERS.map((o) => ({ value: o, label: t(`mentoring.actions.owner.${o}`) }))} />
        <DateOnlyField field={fields.due} label={t('mentoring.actions.byWhen')} optional min={today} />
        <SubmitButton name="intent" value="add-action" className="button button--secondary">
          {t('mentoring.actions.add')}
        </SubmitButton>
      </Form>
    </details>
  );
}

function Timeline({ items, me }: { items: Data['timeline']; me: string }) {
  const { t } = useTranslation();
  const day = useDay();
  const duration = useDuration();
  const { id } = useLoaderData<typeof loader>().mentorship;
  return (
    <ol className="list-plain mentoring-timeline">
      {items.map((item, i) => (
        <li key={`${item.kind}-${i}`} className={`mentoring-timeline__item mentoring-timeline__item--${item.kind}`}>
          <p className="meta">{day(item.at)}</p>
          {item.kind === 'event' ? (
            <p>{t(`mentoring.timeline.event.${item.event}`, { who: item.actorId === me ? t('mentoring.timeline.you') : t('mentoring.timeline.them') })}</p>
          ) : item.kind === 'session' ? (
            <p>
              <Link to={`/mentoring/${id}/sessions/${item.id}`}>
                {t('mentoring.timeline.session', { duration: duration(item.durationMinutes), mode: t(`mentoring.modes.${item.mode}`) })}
              </Link>{' '}
              {item.confirmed ? <span className="tag">{t('mentoring.session.confirmedTag')}</span> : null}
            </p>
          ) : item.kind === 'goal' ? (
            <p>
              {t(item.first ? 'mentoring.timeline.goalAdded' : 'mentoring.timeline.goalChanged', { status: t(`mentoring.goals.status.${item.status}`) })}{' '}
              <q dir="auto">{item.title}</q>
              {item.body ? (
                <>
                  {' — '}
                  <span dir="auto">{item.body}</span>
                </>
              ) : null}
            </p>
          ) : (
            <p>
              {t(item.done ? 'mentoring.timeline.actionDone' : 'mentoring.timeline.actionAgreed')} <q dir="auto">{item.title}</q>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

export default function MentorshipPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const day = useDay();
  const m = data.mentorship;
  const achieved = data.goals.filter((g) => g.status === 'achieved');
  const title = data.side === 'mentor' ? t('mentoring.detail.titleMentor', { name: memberName(t, data.other.name) }) : t('mentoring.detail.titleMentee', { name: memberName(t, data.other.name) });
  return (
    <>
      <PageHeader title={title}>
        <p>
          <StatusTag status={m.status} /> {m.pairedBySteward ? <span className="meta">{t('mentoring.detail.pairedBySteward')}</span> : null}
        </p>
        {data.abilities['mentoringSession.log'] ? (
          <p>
            <Link to={`/mentoring/${m.id}/log`} className="button">
              {t('mentoring.detail.logSession')}
            </Link>
          </p>
        ) : null}
      </PageHeader>

      {m.status === 'requested' && data.abilities['mentorship.respond'] ? <Respond /> : null}
      {m.status === 'requested' && data.side === 'mentee' ? (
        <p className="notice notice--info">{t('mentoring.detail.waitingForMentor', { name: data.other.name })}</p>
      ) : null}
      {m.status === 'declined' ? <p className="notice notice--warning">{t('mentoring.detail.declined')}</p> : null}

      <section className="card" aria-labelledby="agreement-title">
        <h2 id="agreement-title">{t('mentoring.detail.agreement')}</h2>
        <dl className="mentoring-facts">
          <dt>{t('mentoring.fields.goals')}</dt>
          <dd dir="auto" className="mentoring-text">
            {m.goals}
          </dd>
          <dt>{t('mentoring.fields.frequency')}</dt>
          <dd>{t(`mentoring.frequencies.${m.frequency}`)}</dd>
          <dt>{t('mentoring.fields.mode')}</dt>
          <dd>{t(`mentoring.modes.${m.mode}`)}</dd>
          <dt>{t('mentoring.fields.startOn')}</dt>
          <dd>{day(m.startOn)}</dd>
          {m.requestMessage ? (
            <>
              <dt>{t('mentoring.detail.requestMessage')}</dt>
              <dd dir="auto" className="mentoring-text">
                {m.requestMessage}
              </dd>
            </>
          ) : null}
          {m.responseMessage ? (
            <>
              <dt>{t('mentoring.detail.responseMessage', { name: data.mentorName })}</dt>
              <dd dir="auto" className="mentoring-text">
                {m.responseMessage}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {data.abilities['mentoringSession.log'] ? (
        <section className="card" aria-labelledby="prepare-title">
          <h2 id="prepare-title">{t('mentoring.prepare.title')}</h2>
          <h3>{t('mentoring.prepare.lastTopics')}</h3>
          {data.prepare.lastSession ? (
            <>
              <p className="meta">{day(data.prepare.lastSession.heldOn)}</p>
              {data.prepare.lastSession.topics.length ? <TopicTags topics={data.prepare.lastSession.topics} /> : <p>{t('mentoring.prepare.noTopics')}</p>}
            </>
          ) : (
            <p>{t('mentoring.prepare.noSession')}</p>
          )}
          <h3>{t('mentoring.prepare.goals')}</h3>
          {data.prepare.goalsInProgress.length ? (
            <ul>
              {data.prepare.goalsInProgress.map((g) => (
                <li key={g.id}>
                  <span dir="auto">{g.title}</span> <span className="meta">({t(`mentoring.goals.status.${g.status}`)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('mentoring.prepare.noGoals')}</p>
          )}
          <h3>{t('mentoring.prepare.actions')}</h3>
          {data.prepare.openActions.length ? (
            <ul>
              {data.prepare.openActions.map((a) => (
                <li key={a.id}>
                  <span dir="auto">{a.title}</span> {a.due_on !== null ? <span className="meta">({t('mentoring.actions.dueOn', { date: day(a.due_on) })})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('mentoring.prepare.noActions')}</p>
          )}
        </section>
      ) : null}

      {achieved.length ? (
        <section className="card mentoring-achieved" aria-labelledby="achieved-title">
          <h2 id="achieved-title">{t('mentoring.goals.achievedTitle')}</h2>
          <ul>
            {achieved.map((g) => (
              <li key={g.id}>
                <span dir="auto">{g.title}</span> {g.achieved_at ? <span className="meta">({day(g.achieved_at)})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {m.status !== 'requested' && m.status !== 'declined' ? (
        <section aria-labelledby="goals-title">
          <h2 id="goals-title">{t('mentoring.goals.title')}</h2>
          {data.goals.length === 0 ? <p>{t('mentoring.goals.none')}</p> : null}
          <ul className="list-plain list-rows">
            {data.goals.map((g) => (
              <li key={g.id}>
                <p>
                  <strong dir="auto">{g.title}</strong> <span className="tag tag--muted">{t(`mentoring.goals.status.${g.status}`)}</span>
                </p>
                {g.notes.filter((n) => n.body).length ? (
                  <ul className="mentoring-notes">
                    {g.notes
                      .filter((n) => n.body)
                      .map((n) => (
                        <li key={n.id}>
                          <span className="meta">{day(n.created_at)}:</span> <span dir="auto">{n.body}</span>
                        </li>
                      ))}
                  </ul>
                ) : null}
                {data.abilities['mentoringGoal.update'] ? <GoalUpdate goal={g} /> : null}
              </li>
            ))}
          </ul>
          {data.abilities['mentoringGoal.add'] ? <GoalForm /> : null}
        </section>
      ) : null}

      {m.status !== 'requested' && m.status !== 'declined' ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t('mentoring.actions.title')}</h2>
          <FormProblems intent="action-done" />
          {data.actions.length === 0 ? <p>{t('mentoring.actions.none')}</p> : null}
          <ul className="list-plain list-rows">
            {data.actions.map((a) => (
              <li key={a.id} className="mentoring-action">
                <div>
                  <p className={a.done_at ? 'mentoring-action__title mentoring-action__title--done' : 'mentoring-action__title'} dir="auto">
                    {a.title}
                  </p>
                  <p className="meta">
                    {t(`mentoring.actions.owner.${a.owner}`)}
                    {a.due_on !== null ? ` · ${t('mentoring.actions.dueOn', { date: day(a.due_on) })}` : ''}
                    {a.done_at ? ` · ${t('mentoring.actions.doneOn', { date: day(a.done_at) })}` : ''}
                  </p>
                </div>
                {data.abilities['mentoringAction.tick'] ? (
                  <Form method="post">
                    <input type="hidden" name="actionId" value={a.id} />
                    <button type="submit" name="intent" value={a.done_at ? 'reopen' : 'done'} className="button button--secondary">
                      {t(a.done_at ? 'mentoring.actions.reopen' : 'mentoring.actions.markDone')}
                      <span className="visually-hidden">: {a.title}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {data.abilities['mentoringAction.add'] ? <ActionForm today={data.today} /> : null}
        </section>
      ) : null}

      {data.transitions.length && m.status !== 'requested' ? <StatusControls transitions={data.transitions} /> : null}

      {m.status === 'closed' ? (
        <section className="card" aria-labelledby="reflections-title">
          <h2 id="reflections-title">{t('mentoring.close.title')}</h2>
          <h3>{t('mentoring.close.yours')}</h3>
          {data.myReflection ? (
            <p dir="auto" className="mentoring-text">
              {data.myReflection}
            </p>
          ) : (
            <ReflectForm />
          )}
          <h3>{t('mentoring.close.theirs', { name: memberName(t, data.other.name) })}</h3>
          {data.theirReflection ? (
            <p dir="auto" className="mentoring-text">
              {data.theirReflection}
            </p>
          ) : (
            <p className="meta">{t('mentoring.close.notYet')}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('mentoring.timeline.title')}</h2>
        <Timeline items={data.timeline} me={data.me} />
      </section>
    </>
  );
}
