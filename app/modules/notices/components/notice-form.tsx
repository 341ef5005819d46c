import { Form } from '@remix-run/react';
import { themeLabelKey } from '~/modules/directory/themes';
import { useForm, getFormProps, type SubmissionResult } from '@conform-to/react';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { DateOnlyField } from '~/ui/date-only-field';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { NoticeFilesField, type CurrentFile } from './notice-files';
import { NOTICE_CITIES, NOTICE_THEMES, OPPORTUNITY_KINDS, type NoticeTypeName } from '../constants';
import type { NoticeSchema } from '../notices.schema';

export interface NoticeFormDefaults {
  [key: string]: string | string[] | undefined;
}

/** One form for every type; only the fields of the chosen type are shown. Works without JavaScript. */
export function NoticeForm({
  type,
  lastResult,
  defaultValue,
  pending,
  submitLabel,
  currentFiles,
}: {
  type: NoticeTypeName;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: NoticeFormDefaults;
  pending: boolean;
  submitLabel: string;
  currentFiles?: CurrentFile[];
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof NoticeSchema>>({
    lastResult,
    defaultValue: { type, ...defaultValue },
    shouldValidate: 'onSubmit',
  });
  const removedValue = fields.removeFiles.initialValue;
  const removed = Array.isArray(removedValue) ? removedValue.map(String) : typeof removedValue === 'string' ? [removedValue] : [];
  const cityOptions = [{ value: '', label: t('notices.form.chooseCity') }, ...NOTICE_CITIES.map((c) => ({ value: c, label: t(`notices.cities.${c}`) }))];
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="form notice-form">
        <input type="hidden" name="type" value={type} />
        <TextField field={fields.title} label={t('notices.form.title')} hint={t(`notices.form.titleHint.${type}`)} maxLength={120} />
        <TextAreaField field={fields.description} label={t('notices.form.description')} hint={t('notices.form.descriptionHint')} rows={6} />
        {type === 'offer' || type === 'request' ? (
          <DateOnlyField field={fields.untilDate} label={t(type === 'offer' ? 'notices.form.availableUntil' : 'notices.form.neededBy')} optional />
        ) : null}
        {type === 'opportunity' ? (
          <>
            <SelectField
              field={fields.opportunityKind}
              label={t('notices.form.opportunityKind')}
              options={[{ value: '', label: t('notices.form.choose') }, ...OPPORTUNITY_KINDS.map((k) => ({ value: k, label: t(`notices.opportunityKinds.${k}`) }))]}
            />
            <DateOnlyField field={fields.untilDate} label={t('notices.form.closingDate')} optional />
          </>
        ) : null}
        {type === 'funding' ? (
          <>
            <TextField field={fields.funder} label={t('notices.form.funder')} maxLength={120} />
            <div className="notice-form__pair">
              <TextField field={fields.amountMin} label={t('notices.form.amountMin')} inputMode="numeric" optional />
              <TextField field={fields.amountMax} label={t('notices.form.amountMax')} inputMode="numeric" optional />
            </div>
            <DateOnlyField field={fields.deadline} label={t('notices.form.deadline')} />
            <TextAreaField field={fields.eligibility} label={t('notices.form.eligibility')} optional rows={3} />
          </>
        ) : null}
        {type === 'event' ? (
          <>
            <TextField field={fields.startsAt} type="datetime-local" label={t('notices.form.startsAt')} />
            <TextField field={fields.endsAt} type="datetime-local" label={t('notices.form.endsAt')} />
            <TextField field={fields.place} label={t('notices.form.place')} hint={t('notices.form.placeHint')} optional maxLength={200} />
          </>
        ) : null}
        <TextField
          field={fields.link}
          type="url"
          label={t(type === 'event' ? 'notices.form.onlineLink' : 'notices.form.link')}
          hint={t('notices.form.linkHint')}
          optional={type !== 'funding'}
          dir="ltr"
        />
        <NoticeFilesField
          id={fields.attachment.id}
          errorId={fields.attachment.errorId}
          errors={fields.attachment.errors}
          currentFiles={currentFiles ?? []}
          removed={removed}
          imagesAltName={fields.imagesAlt.name}
          imagesAltDefault={typeof fields.imagesAlt.initialValue === 'string' ? fields.imagesAlt.initialValue : undefined}
        />
        <SelectField field={fields.city} label={t('notices.form.city')} options={cityOptions} />
        <CheckboxesField field={fields.themes} legend={t('notices.form.themes')} options={NOTICE_THEMES.map((th) => ({ value: th, label: t(themeLabelKey(th)) }))} />
        {type !== 'funding' && type !== 'event' ? (
          <DateOnlyField field={fields.expiresOn} label={t('notices.form.expiresOn')} hint={t('notices.form.expiresHint')} optional />
        ) : (
          <p className="field__hint">{t(`notices.form.expiresAuto.${type}`)}</p>
        )}
        <label className="checkbox">
          <input type="checkbox" name={fields.isPublic.name} value="on" defaultChecked={fields.isPublic.initialValue === 'on'} />
          <span>{t('notices.form.isPublic')}</span>
        </label>
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
      </Form>
    </>
  );
}
