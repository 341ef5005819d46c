import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { confirmSession, editSession, sessionView } from '~/modules/mentoring/sessions.server';
import { ConfirmSchema, SessionEditSchema } from '~/modules/mentoring/mentoring.schema.server';
import { MODES, TOPICS, msToDay, todayISO } from '~/modules/mentoring/constants';
import { attempt, idParam } from '~/modules/mentoring/route-helpers.server';
import { TopicTags, useDay, useDuration } from '~/modules/mentoring/components/bits';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { CheckboxesField, ErrorSummary, SubmitButton, TextAreaField, TextField, RadioField } from '~/ui/form';
import { PageHeader } from '~/ui/page';
import { DateOnlyField } from '~/ui/date-only-field';

export const meta: MetaFunction = () => [{ title: 'Mentoring session · NOMI Workspace' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const v = await sessionView(idParam(params.id), idParam(params.sessionId), user);
  const s = v.session;
  const authorName = s.author_id === v.participant.me ? null : s.author_id === v.participant.other.id ? v.participant.other.name : '';
  return json({
    mentorshipId: v.participant.mentorship.id,
    otherName: v.participant.other.name,
    session: {
      id: s.id,
      heldOn: s.held_on,
      heldOnDay: msToDay(s.held_on),
      duration: s.duration_minutes,
      mode: s.mode,
      topics: s.topics,
      notes: s.notes,
      edited: s.edited_at !== null,
      confirmed: s.confirmed_at !== null,
      reflection: s.reflection,
      rating: s.rating,
      mine: s.author_id === v.participant.me,
      authorName,
    },
    actions: v.actions.map((a) => ({ id: a.id, title: a.title, owner: a.owner, dueOn: a.due_on, done: a.done_at !== null })),
    abilities: v.abilities,
    today: todayISO(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const mentorshipId = idParam(params.id);
  const sessionId = idParam(params.sessionId);
  // Throws 404 for anyone outside the pair before the body is read.
  await sessionView(mentorshipId, sessionId, user);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const back = `/mentoring/${mentorshipId}/sessions/${sessionId}`;
  if (intent === 'confirm') {
    const submission = parseWithZod(formData, { schema: ConfirmSchema });
    if (submission.status !== 'success') return json({ intent: 'confirm', result: submission.reply() }, { status: 400 });
    const r = await attempt(submission, () => confirmSession(mentorshipId, sessionId, user, submission.value));
    if (!r.ok) return json({ intent: 'confirm', result: r.reply }, { status: 409 });
    return redirectWithFlash(request, back, { key: 'mentoring.session.confirmedFlash' });
  }
  if (intent === 'edit') {
    const submission = parseWithZod(formData, { schema: SessionEditSchema });
    if (submission.status !== 'success') return json({ intent: 'edit', result: submission.reply() }, { status: 400 });
    const r = await attempt(submission, () => editSession(mentorshipId, sessionId, user, { ...submission.value, topics: submission.value.topics as string[], notes: submission.value.notes ?? '' }));
    if (!r.ok) return json({ intent: 'edit', result: r.reply }, { status: 409 });
    return redirectWithFlash(request, back, { key: 'mentoring.session.editedFlash' });
  }
  throw new Response('Bad request', { status: 400 });
}

function ConfirmForm() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ConfirmSchema>>({
    id: 'confirm',
    lastResult: data?.intent === 'confirm' ? data.result : undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <section className="card" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t('mentoring.session.confirmTitle')}</h2>
      <ErrorSummary form={form} fields={fields} />
      {form.errors?.length ? <p className="field__error">{t(form.errors[0]!)}</p> : null}
      <Form method="post" {...getFormProps(form)} className="form">
        <RadioField
          field={fields.rating}
          legend={t('mentoring.session.rating')}
          hint={t('mentoring.session.ratingHint')}
          inline
          options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`mentoring.session.ratings.${n}`) }))}
        />
        <TextAreaField field={fields.reflection} label={t('mentoring.session.reflection')} optional rows={3} />
        <SubmitButton name="intent" value="confirm" pending={navigation.state !== 'idle'}>
          {t('mentoring.session.confirm')}
        </SubmitButton>
      </Form>
    </section>
  );
}

function EditForm() {
  const { t } = useTranslation();
  const { session, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SessionEditSchema>>({
    id: 'edit',
    lastResult: data?.intent === 'edit' ? data.result : undefined,
    shouldValidate: 'onSubmit',
    defaultValue: { heldOn: session.heldOnDay, duration: String(session.duration), mode: session.mode, topics: session.topics, notes: session.notes } as unknown as Record<string, string>,
  });
  return (
    <details className="mentoring-details" open={form.status === 'error'}>
      <summary>{t('mentoring.session.edit')}</summary>
      <p className="field__hint">{t('mentoring.session.editHint')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <DateOnlyField field={fields.heldOn} label={t('mentoring.fields.heldOn')} max={today} />
        <TextField field={fields.duration} label={t('mentoring.fields.duration')} hint={t('mentoring.fields.durationHint')} type="number" inputMode="numeric" min={1} max={720} />
        <RadioField field={fields.mode} legend={t('mentoring.fields.sessionMode')} inline options={MODES.map((m) => ({ value: m, label: t(`mentoring.modes.${m}`) }))} />
        <CheckboxesField field={fields.topics} legend={t('mentoring.fields.topics')} options={TOPICS.map((topic) => ({ value: topic, label: t(`mentoring.topics.${topic}`) }))} />
        <TextAreaField field={fields.notes} label={t('mentoring.fields.notes')} optional rows={4} />
        <SubmitButton name="intent" value="edit">
          {t('mentoring.session.saveEdit')}
        </SubmitButton>
      </Form>
    </details>
  );
}

export default function SessionPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const day = useDay();
  const duration = useDuration();
  const s = data.session;
  return (
    <>
      <PageHeader title={t('mentoring.session.title', { date: day(s.heldOn) })}>
        <p className="meta">
          {s.mine ? t('mentoring.session.loggedByYou') : t('mentoring.session.loggedBy', { name: s.authorName || t('mentoring.timeline.them') })}
          {s.edited ? (
            <>
              {' · '}
              <span className="tag tag--muted">{t('mentoring.session.edited')}</span>
            </>
          ) : null}
          {' · '}
          <span className={s.confirmed ? 'tag' : 'tag tag--warn'}>{t(s.confirmed ? 'mentoring.session.confirmedTag' : 'mentoring.session.unconfirmedTag')}</span>
        </p>
      </PageHeader>
      <p>
        <Link to={`/mentoring/${data.mentorshipId}`}>{t('mentoring.detail.back')}</Link>
      </p>
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          {t('mentoring.session.facts')}
        </h2>
        <dl className="mentoring-facts">
          <dt>{t('mentoring.fields.duration')}</dt>
          <dd>{duration(s.duration)}</dd>
          <dt>{t('mentoring.fields.sessionMode')}</dt>
          <dd>{t(`mentoring.modes.${s.mode}`)}</dd>
          <dt>{t('mentoring.fields.topics')}</dt>
          <dd>{s.topics.length ? <TopicTags topics={s.topics} /> : '—'}</dd>
          <dt>{t('mentoring.fields.notes')}</dt>
          <dd dir="auto" className="mentoring-text">
            {s.notes || '—'}
          </dd>
          {s.confirmed ? (
            <>
              <dt>{t('mentoring.session.rating')}</dt>
              <dd>{s.rating ? t(`mentoring.session.ratings.${s.rating}`) : '—'}</dd>
              <dt>{t('mentoring.session.reflection')}</dt>
              <dd dir="auto" className="mentoring-text">
                {s.reflection || '—'}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {data.actions.length ? (
        <section aria-labelledby="session-actions">
          <h2 id="session-actions">{t('mentoring.log.actionsTitle')}</h2>
          <ul className="list-plain list-rows">
            {data.actions.map((a) => (
              <li key={a.id}>
                <span dir="auto" className={a.done ? 'mentoring-action__title--done' : undefined}>
                  {a.title}
                </span>
                <p className="meta">
                  {t(`mentoring.actions.owner.${a.owner}`)}
                  {a.dueOn !== null ? ` · ${t('mentoring.actions.dueOn', { date: day(a.dueOn) })}` : ''}
                  {a.done ? ` · ${t('mentoring.actions.doneTag')}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.abilities['mentoringSession.confirm'] ? <ConfirmForm /> : null}
      {data.abilities['mentoringSession.edit'] ? <EditForm /> : null}
    </>
  );
}
