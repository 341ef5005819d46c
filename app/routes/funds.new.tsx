import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps, useForm } from '@conform-to/react';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { authorize } from '~/modules/funding/policy.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { RoundSchema } from '~/modules/funding/funding.schema.server';
import { activeMembers, createRound, MAX_QUESTIONS } from '~/modules/funding/rounds.server';
import { londonTime } from '~/modules/notices/constants';
import { THEMES } from '~/modules/directory/themes';
import { CITIES } from '~/modules/members/reference';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'New fund round · NOMI Workspace' }];

const ELIGIBILITY_ROWS = 4;
const CRITERIA_ROWS = 4;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'fundRound.create');
  const members = await activeMembers();
  return json({ members });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'fundRound.create');
  const submission = parseWithZod(await request.formData(), { schema: RoundSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const v = submission.value;
  const opensAt = londonTime(v.opensOn);
  const closesAt = londonTime(v.closesOn, true);
  if (opensAt === null || closesAt === null) return json(submission.reply({ fieldErrors: { opensOn: ['funding.errors.date'] } }), { status: 400 });
  const result = await createRound(user, {
    name: v.name,
    description: v.description,
    pot: v.pot,
    minGrant: v.minGrant,
    maxGrant: v.maxGrant,
    themes: v.themes,
    cities: v.cities,
    eligibility: v.eligibility.filter((e) => e.text).map((e) => ({ text: e.text!, qualifies: e.qualifies !== 'no', explanation: e.explanation ?? '' })),
    questions: v.questions.filter((q) => q.text).map((q) => ({ text: q.text!, wordLimit: Number(q.wordLimit) || 200 })),
    criteria: v.criteria.filter((c) => c.label).map((c) => ({ label: c.label!, weight: Number(c.weight) || 1 })),
    decisionMethod: v.decisionMethod,
    allowPartial: v.allowPartial,
    minLivedExperience: v.minLivedExperience,
    opensAt,
    closesAt,
    panel: v.panel,
    conditions: v.conditions ?? '',
  });
  if ('problems' in result) {
    const at: Record<string, string> = { 'min-above-max': 'minGrant', 'max-above-pot': 'maxGrant', 'not-whole': 'pot', 'closes-before-opens': 'closesOn', 'too-many-questions': 'questions', 'no-questions': 'questions', 'no-criteria': 'criteria' };
    const fieldErrors: Record<string, string[]> = {};
    for (const p of result.problems) (fieldErrors[at[p]] ??= []).push(`funding.errors.${p}`);
    return json(submission.reply({ fieldErrors }), { status: 400 });
  }
  return redirectWithFlash(request, `/funds/${result.id}`, { key: 'funding.flash.roundCreated' });
}

export default function NewRound() {
  const { t } = useTranslation();
  const { members } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof RoundSchema>>({ lastResult, shouldValidate: 'onSubmit' });
  const err = (name: string) => (form.allErrors[name] ?? []).map((e) => t(e)).join(' ');
  return (
    <>
      <PageHeader title={t('funding.new.title')} lead={t('funding.new.lead')} />
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <TextField field={fields.name} label={t('funding.new.name')} maxLength={120} />
        <TextAreaField field={fields.description} label={t('funding.new.description')} maxLength={3000} />
        <TextAreaField field={fields.conditions} label={t('funding.award.conditionsLabel')} hint={t('funding.award.conditionsHint')} optional maxLength={3000} dir="auto" />
        <TextField field={fields.pot} label={t('funding.new.pot')} hint={t('funding.new.poundsHint')} inputMode="numeric" />
        <TextField field={fields.minGrant} label={t('funding.new.minGrant')} inputMode="numeric" />
        <TextField field={fields.maxGrant} label={t('funding.new.maxGrant')} inputMode="numeric" />
        <TextField field={fields.opensOn} label={t('funding.new.opensOn')} type="date" />
        <TextField field={fields.closesOn} label={t('funding.new.closesOn')} type="date" />
        <CheckboxesField field={fields.themes} legend={t('funding.new.themes')} options={THEMES.map((th) => ({ value: th, label: t(`directory.themes.${th}`) }))} />
        <CheckboxesField field={fields.cities} legend={t('funding.new.cities')} options={CITIES.map((c) => ({ value: c, label: t(`common.cities.${c}`) }))} />

        <fieldset className="field fieldset">
          <legend className="field__label">{t('funding.new.eligibility')}</legend>
          <p className="field__hint">{t('funding.new.eligibilityHint')}</p>
          {Array.from({ length: ELIGIBILITY_ROWS }, (_, i) => (
            <div key={i} className="fund-row">
              <label className="field__label" htmlFor={`elig-${i}`}>
                {t('funding.new.eligibilityQuestion', { n: i + 1 })}
              </label>
              <input id={`elig-${i}`} name={`eligibility[${i}].text`} className="input" maxLength={300} dir="auto" />
              <label className="field__label" htmlFor={`elig-q-${i}`}>
                {t('funding.new.qualifyingAnswer')}
              </label>
              <select id={`elig-q-${i}`} name={`eligibility[${i}].qualifies`} className="input" defaultValue="yes">
                <option value="yes">{t('funding.yes')}</option>
                <option value="no">{t('funding.no')}</option>
              </select>
              <label className="field__label" htmlFor={`elig-e-${i}`}>
                {t('funding.new.explanation')}
              </label>
              <textarea id={`elig-e-${i}`} name={`eligibility[${i}].explanation`} className="input" rows={2} maxLength={600} dir="auto" />
            </div>
          ))}
        </fieldset>

        <fieldset className="field fieldset" id={fields.questions.id}>
          <legend className="field__label">{t('funding.new.questions', { max: MAX_QUESTIONS })}</legend>
          {err('questions') ? <p className="field__error">{err('questions')}</p> : null}
          {Array.from({ length: MAX_QUESTIONS }, (_, i) => (
            <div key={i} className="fund-row">
              <label className="field__label" htmlFor={`q-${i}`}>
                {t('funding.new.question', { n: i + 1 })}
              </label>
              <input id={`q-${i}`} name={`questions[${i}].text`} className="input" maxLength={300} dir="auto" />
              <label className="field__label" htmlFor={`q-w-${i}`}>
                {t('funding.new.wordLimit')}
              </label>
              <input id={`q-w-${i}`} name={`questions[${i}].wordLimit`} className="input input--short" inputMode="numeric" defaultValue="200" />
            </div>
          ))}
        </fieldset>

        <fieldset className="field fieldset" id={fields.criteria.id}>
          <legend className="field__label">{t('funding.new.criteria')}</legend>
          {err('criteria') ? <p className="field__error">{err('criteria')}</p> : null}
          {Array.from({ length: CRITERIA_ROWS }, (_, i) => (
            <div key={i} className="fund-row">
              <label className="field__label" htmlFor={`c-${i}`}>
                {t('funding.new.criterion', { n: i + 1 })}
              </label>
              <input id={`c-${i}`} name={`criteria[${i}].label`} className="input" maxLength={120} dir="auto" />
              <label className="field__label" htmlFor={`c-w-${i}`}>
                {t('funding.new.weight')}
              </label>
              <input id={`c-w-${i}`} name={`criteria[${i}].weight`} className="input input--short" inputMode="numeric" defaultValue="1" />
            </div>
          ))}
        </fieldset>

        <SelectField
          field={fields.decisionMethod}
          label={t('funding.new.method')}
          options={(['panel', 'members', 'panel-then-members'] as const).map((m) => ({ value: m, label: t(`funding.method.${m}`) }))}
        />
        <label className="checkbox">
          <input type="checkbox" name="allowPartial" />
          <span>{t('funding.new.allowPartial')}</span>
        </label>
        <TextField field={fields.minLivedExperience} label={t('funding.new.minLived')} hint={t('funding.new.minLivedHint')} inputMode="numeric" defaultValue="1" />
        <CheckboxesField field={fields.panel} legend={t('funding.new.panel')} options={members.map((m) => ({ value: m.id, label: m.name }))} />
        <SubmitButton pending={navigation.state !== 'idle'}>{t('funding.new.submit')}</SubmitButton>
      </Form>
    </>
  );
}
