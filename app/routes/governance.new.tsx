import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { GovernanceError } from '~/modules/governance/errors';
import { DAY } from '~/modules/governance/dates';
import { createProposal } from '~/modules/governance/proposal-lifecycle.server';
import { listGroups } from '~/modules/governance/groups.server';
import { ProposalSchema } from '~/modules/governance/governance.schema.server';
import { DECISION_KINDS } from '~/modules/governance/tally';
import { newId } from '~/modules/auth/tokens.server';
import { activeMembers } from '~/modules/governance/records.server';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'New proposal · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [members, groups] = await Promise.all([activeMembers(), listGroups()]);
  return json({ members, groups });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ProposalSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const v = submission.value;
  let options: Array<{ id: string; label: string }> = [];
  if (v.kind === 'poll') {
    options = (v.options ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((label) => ({ id: newId(), label }));
  } else if (v.kind === 'election') {
    const members = new Map((await activeMembers()).map((m) => [m.id, m.name]));
    if (v.candidates.some((c) => !members.has(c))) {
      return json(submission.reply({ fieldErrors: { candidates: ['governance.form.candidates.tooFew'] } }), { status: 400 });
    }
    options = v.candidates.map((id) => ({ id, label: members.get(id)! }));
  }
  const now = Date.now();
  const opensAt = now + v.startsInDays * DAY;
  const electorateGroupId = v.electorate === 'all' ? null : v.electorate;
  const groupError = () => json(submission.reply({ fieldErrors: { electorate: ['governance.form.electorate.invalid'] } }), { status: 400 });
  if (electorateGroupId) {
    const group = (await listGroups()).find((g) => g.id === electorateGroupId);
    if (!group) return groupError();
    // A vote nobody could take part in is refused up front.
    if (group.members === 0) return json(submission.reply({ fieldErrors: { electorate: ['governance.form.electorate.empty'] } }), { status: 400 });
  }
  let id: string;
  try {
    id = await createProposal(
      {
        title: v.title,
        body: v.body,
        kind: v.kind,
        secret: v.secret,
        hideResults: v.hideResults,
        allowCloseEarly: v.allowCloseEarly,
        quorumPercent: v.quorumPercent,
        writtenMajority: v.writtenMajority,
        pollMode: v.pollMode,
        pollBinding: v.pollBinding,
        options,
        maxScore: 5,
        seats: v.seats,
        opensAt,
        closesAt: opensAt + v.durationDays * DAY,
        electorateGroupId,
      },
      user,
      now,
    );
  } catch (e) {
    if (e instanceof GovernanceError && e.code === 'invalid') return groupError();
    if (e instanceof GovernanceError && e.code === 'written_all_members') return json(submission.reply({ fieldErrors: { electorate: ['governance.errors.written_all_members'] } }), { status: 400 });
    throw e;
  }
  throw redirect(`/governance/proposals/${id}`);
}

export default function NewProposal() {
  const { t } = useTranslation();
  const { members, groups } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof ProposalSchema>>({
    lastResult,
    shouldValidate: 'onSubmit',
    defaultValue: { durationDays: '7', quorumPercent: '0', seats: '1', startsInDays: '0', allowCloseEarly: 'on', electorate: 'all' },
  });
  return (
    <>
      <PageHeader title={t('governance.new.title')} lead={t('governance.new.lead')} />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <TextField field={fields.title} label={t('governance.form.title.label')} maxLength={200} dir="auto" />
        <TextAreaField field={fields.body} label={t('governance.form.body.label')} hint={t('governance.form.body.hint')} rows={8} />
        <SelectField
          field={fields.kind}
          label={t('governance.form.kind.label')}
          hint={t('governance.form.kind.hint')}
          options={DECISION_KINDS.map((k) => ({ value: k, label: `${t(`governance.kinds.${k}`)} — ${t(`governance.kindHelp.${k}`)}` }))}
        />
        <SelectField
          field={fields.electorate}
          label={t('governance.form.electorate.label')}
          hint={t('governance.form.electorate.hint')}
          options={[
            { value: 'all', label: t('governance.form.electorate.all') },
            ...groups.map((g) => ({ value: g.id, label: `${g.builtin ? t('governance.groups.directors') : g.name} (${t('governance.groups.votingMembers', { count: g.members })})` })),
          ]}
        />
        <TextField field={fields.durationDays} type="number" min={1} max={60} inputMode="numeric" label={t('governance.form.duration.label')} hint={t('governance.form.duration.hint')} />
        <TextField field={fields.startsInDays} type="number" min={0} max={30} inputMode="numeric" label={t('governance.form.startsIn.label')} hint={t('governance.form.startsIn.hint')} />
        <TextField field={fields.quorumPercent} type="number" min={0} max={100} inputMode="numeric" label={t('governance.form.quorum.label')} hint={t('governance.form.quorum.hint')} />
        <fieldset className="field fieldset">
          <legend className="field__label">{t('governance.form.settings')}</legend>
          <div className="checkboxes">
            <label className="checkbox">
              <input type="checkbox" name={fields.secret.name} defaultChecked={fields.secret.initialValue === 'on'} />
              <span>{t('governance.form.secret')}</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" name={fields.hideResults.name} defaultChecked={fields.hideResults.initialValue === 'on'} />
              <span>{t('governance.form.hideResults')}</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" name={fields.allowCloseEarly.name} defaultChecked={fields.allowCloseEarly.initialValue === 'on'} />
              <span>{t('governance.form.allowCloseEarly')}</span>
            </label>
          </div>
        </fieldset>
        <details className="form-section" open={fields.kind.value === 'written'}>
          <summary>{t('governance.form.writtenSection')}</summary>
          <SelectField
            field={fields.writtenMajority}
            label={t('governance.form.writtenMajority.label')}
            options={[
              { value: 'ordinary', label: t('governance.form.writtenMajority.ordinary') },
              { value: 'special', label: t('governance.form.writtenMajority.special') },
            ]}
          />
        </details>
        <details className="form-section" open={fields.kind.value === 'poll'}>
          <summary>{t('governance.form.pollSection')}</summary>
          <SelectField
            field={fields.pollMode}
            label={t('governance.form.pollMode.label')}
            options={(['single', 'multiple', 'score'] as const).map((m) => ({ value: m, label: t(`governance.form.pollMode.${m}`) }))}
          />
          <TextAreaField field={fields.options} label={t('governance.form.options.label')} hint={t('governance.form.options.hint')} rows={4} optional />
          <label className="checkbox">
            <input type="checkbox" name={fields.pollBinding.name} defaultChecked={fields.pollBinding.initialValue === 'on'} />
            <span>{t('governance.form.pollBinding')}</span>
          </label>
        </details>
        <details className="form-section" open={fields.kind.value === 'election'}>
          <summary>{t('governance.form.electionSection')}</summary>
          <TextField field={fields.seats} type="number" min={1} max={20} inputMode="numeric" label={t('governance.form.seats.label')} />
          <CheckboxesField field={fields.candidates} legend={t('governance.form.candidates.label')} hint={t('governance.form.candidates.hint')} options={members.map((m) => ({ value: m.id, label: m.name }))} />
        </details>
        <SubmitButton pending={navigation.state !== 'idle'}>{t('governance.new.submit')}</SubmitButton>
      </Form>
    </>
  );
}
