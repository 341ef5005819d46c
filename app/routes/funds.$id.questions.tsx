import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { AnswerSchema, AskSchema } from '~/modules/funding/evidence.schema.server';
import { answerQuestion, askQuestion, questionsFor } from '~/modules/funding/qa.server';
import { PublishedQuestions } from '~/modules/funding/components/qa';
import { useFormat } from '~/utils/format';
import { ErrorSummary, SubmitButton, TextAreaField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Questions and answers · NOMI Workspace' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const qa = await questionsFor(user, params.id!);
  return json({ round: { id: qa.round.id, name: qa.round.name }, abilities: qa.abilities, published: qa.published, mine: qa.mine, toAnswer: qa.toAnswer });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const back = `/funds/${params.id}/questions`;
  if (intent === 'ask') {
    // The round must exist and take questions before the text is even looked at.
    const { abilities } = await questionsFor(user, params.id!);
    if (!abilities['fundRound.ask']) throw new Response('Forbidden', { status: 403 });
    const submission = parseWithZod(form, { schema: AskSchema });
    if (submission.status !== 'success') return json({ form: 'ask' as const, id: null, result: submission.reply() }, { status: 400 });
    const r = await askQuestion(user, params.id!, submission.value.question);
    if (!r.ok) return json({ form: 'ask' as const, id: null, result: submission.reply({ fieldErrors: { question: [`funding.qa.errors.${r.error}`] } }) }, { status: 409 });
    return redirectWithFlash(request, back, { key: 'funding.qa.flash.asked' });
  }
  if (intent === 'answer') {
    const { abilities } = await questionsFor(user, params.id!);
    if (!abilities['fundQuestion.answer']) throw new Response('Forbidden', { status: 403 });
    const submission = parseWithZod(form, { schema: AnswerSchema });
    const id = typeof form.get('questionId') === 'string' ? String(form.get('questionId')) : null;
    if (submission.status !== 'success') return json({ form: 'answer' as const, id, result: submission.reply() }, { status: 400 });
    const r = await answerQuestion(user, params.id!, submission.value.questionId, { answer: submission.value.answer, publishedQuestion: submission.value.publishedQuestion });
    if (!r.ok) return redirectWithFlash(request, back, { key: `funding.qa.errors.${r.error}` });
    return redirectWithFlash(request, back, { key: 'funding.qa.flash.answered' });
  }
  throw new Response('Bad request', { status: 400 });
}

function AskForm() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof AskSchema>>({ id: 'ask-question', lastResult: data?.form === 'ask' ? data.result : undefined, shouldValidate: 'onSubmit' });
  return (
    <Form method="post" {...getFormProps(form)} className="form card" aria-labelledby="ask-heading">
      <h2 id="ask-heading">{t('funding.qa.ask')}</h2>
      <ErrorSummary form={form} fields={fields} />
      <input type="hidden" name="intent" value="ask" />
      <TextAreaField field={fields.question} label={t('funding.qa.askLabel')} hint={t('funding.qa.askHelp')} maxLength={1000} />
      <SubmitButton>{t('funding.qa.send')}</SubmitButton>
    </Form>
  );
}

function AnswerForm({ question }: { question: { id: string; question: string; createdAt: number } }) {
  const { t } = useTranslation();
  const f = useFormat();
  const data = useActionData<typeof action>();
  const mine = data?.form === 'answer' && data.id === question.id;
  const [form, fields] = useForm<z.input<typeof AnswerSchema>>({
    id: `answer-${question.id}`,
    lastResult: mine ? data.result : undefined,
    shouldValidate: 'onSubmit',
    defaultValue: { publishedQuestion: question.question, questionId: question.id },
  });
  return (
    <li className="card">
      <p dir="auto">
        <strong>{question.question}</strong>
      </p>
      <p className="meta">{t('funding.qa.asked', { date: f.date(question.createdAt) })}</p>
      <Form method="post" {...getFormProps(form)} className="form">
        <ErrorSummary form={form} fields={fields} />
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="questionId" value={question.id} />
        <TextAreaField field={fields.publishedQuestion} label={t('funding.qa.publishedLabel')} maxLength={1000} rows={3} />
        <TextAreaField field={fields.answer} label={t('funding.qa.answerLabel')} maxLength={3000} />
        <SubmitButton>{t('funding.qa.publish')}</SubmitButton>
      </Form>
    </li>
  );
}

export default function RoundQuestions() {
  const { t } = useTranslation();
  const f = useFormat();
  const { round, abilities, published, mine, toAnswer } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('funding.qa.title', { name: round.name })} lead={t('funding.qa.lead')} />
      <p>
        <Link to={`/funds/${round.id}`}>{t('funding.evidence.back')}</Link>
      </p>
      <h2>{t('funding.qa.published')}</h2>
      <PublishedQuestions questions={published} />

      {abilities['fundRound.ask'] ? <AskForm /> : <p className="meta">{t('funding.qa.closed')}</p>}

      {mine.length ? (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t('funding.qa.mine')}</h2>
          <ul>
            {mine.map((q) => (
              <li key={q.id}>
                <span dir="auto">{q.question}</span> <span className="meta">({t('funding.qa.asked', { date: f.date(q.createdAt) })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {abilities['fundQuestion.answer'] ? (
        <section aria-labelledby="to-answer-heading">
          <h2 id="to-answer-heading">{t('funding.qa.toAnswer')}</h2>
          <p>{t('funding.qa.toAnswerHelp')}</p>
          {toAnswer.length ? (
            <ul className="fund-qa-list">
              {toAnswer.map((q) => (
                <AnswerForm key={q.id} question={q} />
              ))}
            </ul>
          ) : (
            <p className="meta">{t('funding.qa.nothingWaiting')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
