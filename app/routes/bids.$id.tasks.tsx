import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import type { z } from 'zod';
import { bidContext } from '~/modules/bids/context.server';
import { BidInputError, addTask, deleteTask, listTasks, setTaskDone } from '~/modules/bids/bids.server';
import { bidPeople } from '~/modules/bids/access.server';
import { TaskSchema } from '~/modules/bids/bids.schema.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SelectField, SubmitButton, TextField } from '~/ui/form';
import { useFormat } from '~/utils/format';
import { memberName } from '~/modules/directory/former-member';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid, abilities } = await bidContext(request, params.id);
  const people = await bidPeople(bid.id);
  return json({
    abilities,
    tasks: await listTasks(bid.id),
    // Everyone who can edit: member partners and members of partner organisations.
    people: people.filter((p) => p.role !== 'reviewer').map((p) => ({ id: p.id, name: p.name })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { bid, user } = await bidContext(request, params.id, 'bid.edit');
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const taskId = String(formData.get('taskId') ?? '').slice(0, 40);
  const back = `/bids/${bid.id}/tasks`;
  if (intent === 'add') {
    const submission = parseWithZod(formData, { schema: TaskSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      await addTask(user, bid.id, submission.value);
    } catch (error) {
      if (error instanceof BidInputError) return json(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
      throw error;
    }
    return redirectWithFlash(request, back, { key: 'bids.tasks.added' });
  }
  if (intent === 'done' || intent === 'undone') {
    if (!(await setTaskDone(user, bid.id, taskId, intent === 'done'))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(request, back, { key: intent === 'done' ? 'bids.tasks.markedDone' : 'bids.tasks.reopened' });
  }
  if (intent === 'delete') {
    if (!(await deleteTask(user, bid.id, taskId))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(request, back, { key: 'bids.tasks.deleted' });
  }
  throw new Response('Bad request', { status: 400 });
}

export default function BidTasks() {
  const { t } = useTranslation();
  const format = useFormat();
  const { tasks, people, abilities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const edit = abilities['bid.addTask'];
  const [form, fields] = useForm<z.input<typeof TaskSchema>, z.output<typeof TaskSchema>>({
    id: 'new-task',
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const today = Date.now();
  return (
    <div className="stack">
      <h2>{t('bids.tasks.title')}</h2>
      {tasks.length === 0 ? (
        <p className="empty">{t('bids.tasks.empty')}</p>
      ) : (
        <ul className="list-plain list-rows bid-tasks">
          {tasks.map((task) => {
            const overdue = !task.done_at && task.due_on !== null && task.due_on < today - 12 * 60 * 60_000;
            return (
              <li key={task.id} className={task.done_at ? 'bid-task bid-task--done' : 'bid-task'}>
                <p>
                  <span className="visually-hidden">{task.done_at ? t('bids.tasks.doneLabel') : t('bids.tasks.openLabel')}: </span>
                  <strong dir="auto">{task.title}</strong>
                </p>
                <p className="meta">
                  {task.assignee_name ? t('bids.tasks.who', { name: memberName(t, task.assignee_name) }) : t('bids.tasks.nobody')}
                  {task.due_on ? (
                    <>
                      {' '}
                      · {t('bids.tasks.due', { date: format.day(task.due_on) })}
                      {overdue ? <strong className="tag tag--warn"> {t('bids.tasks.overdue')}</strong> : null}
                    </>
                  ) : null}
                </p>
                {edit ? (
                  <Form method="post" className="button-row">
                    <input type="hidden" name="taskId" value={task.id} />
                    {task.done_at ? (
                      <button type="submit" name="intent" value="undone" className="button button--secondary" aria-label={t('bids.tasks.reopenNamed', { title: task.title })}>
                        {t('bids.tasks.reopen')}
                      </button>
                    ) : (
                      <button type="submit" name="intent" value="done" className="button" aria-label={t('bids.tasks.markDoneNamed', { title: task.title })}>
                        {t('bids.tasks.markDone')}
                      </button>
                    )}
                    <button type="submit" name="intent" value="delete" className="button button--link" aria-label={t('bids.tasks.deleteNamed', { title: task.title })}>
                      {t('bids.tasks.delete')}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {edit ? (
        <section className="card" aria-labelledby="new-task-h">
          <h2 id="new-task-h">{t('bids.tasks.add')}</h2>
          <ErrorSummary form={form} fields={fields} />
          <Form method="post" {...getFormProps(form)} className="form">
            <TextField field={fields.title} label={t('bids.tasks.what')} hint={t('bids.tasks.whatHint')} maxLength={300} dir="auto" />
            <SelectField field={fields.assigneeId} label={t('bids.tasks.assignee')} optional options={[{ value: '', label: t('bids.tasks.nobody') }, ...people.map((p) => ({ value: p.id, label: p.name }))]} />
            <TextField field={fields.dueOn} label={t('bids.tasks.dueOn')} hint={t('bids.tasks.dueOnHint')} type="date" optional />
            <SubmitButton name="intent" value="add" pending={navigation.state !== 'idle'}>
              {t('bids.tasks.addSubmit')}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
