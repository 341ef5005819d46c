import { Form } from '@remix-run/react';
import { getFormProps, getInputProps, type FieldMetadata, type FormMetadata } from '@conform-to/react';
import { useTranslation } from '~/modules/i18n/react';
import { CITIES } from '~/modules/members/reference';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { LEGAL_FORMS, THEMES } from '../themes';
import { tagLabel } from '../reasons';

type Fields = Record<string, FieldMetadata<any, any, string[]>>;

/** The create/edit form for an organisation (works without JavaScript). */
export function OrgForm({
  form,
  fields,
  hosts,
  tags,
  pending,
  submitLabel,
}: {
  form: FormMetadata<any, string[]>;
  fields: Fields;
  hosts: { id: string; name: string }[];
  tags: { slug: string; label: string | null }[];
  pending: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const tagOptions = tags.map((tg) => ({ value: tg.slug, label: tagLabel(t, tg.slug, tg.label ? { [tg.slug]: tg.label } : undefined) }));
  const listing = getInputProps(fields.publicListing!, { type: 'checkbox', ariaDescribedBy: 'publicListing-hint' });
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form">
        <input type="hidden" name="intent" value="save" />
        <TextField field={fields.name!} label={t('directory.orgs.fields.name')} maxLength={120} dir="auto" />
        <TextField field={fields.slug!} label={t('directory.orgs.fields.slug')} hint={t('directory.orgs.fields.slugHint')} maxLength={60} dir="ltr" />
        <TextAreaField field={fields.description!} label={t('directory.orgs.fields.description')} optional />
        <SelectField
          field={fields.city!}
          label={t('directory.orgs.fields.city')}
          optional
          options={[{ value: '', label: t('common.form.choose') }, ...CITIES.map((c) => ({ value: c, label: t(`common.cities.${c}`) }))]}
        />
        <SelectField field={fields.legalForm!} label={t('directory.orgs.fields.legalForm')} options={LEGAL_FORMS.map((c) => ({ value: c, label: t(`directory.legalForms.${c}`) }))} />
        <TextField field={fields.registrationNumber!} label={t('directory.orgs.fields.registrationNumber')} hint={t('directory.orgs.fields.registrationHint')} optional maxLength={40} dir="ltr" />
        <SelectField
          field={fields.hostOrgId!}
          label={t('directory.orgs.fields.hostOrg')}
          hint={t('directory.orgs.fields.hostHint')}
          optional
          options={[{ value: '', label: t('directory.orgs.fields.hostNone') }, ...hosts.map((h) => ({ value: h.id, label: h.name }))]}
        />
        <TextField field={fields.hostOrgName!} label={t('directory.orgs.fields.hostOrgName')} hint={t('directory.orgs.fields.hostNameHint')} optional maxLength={120} dir="auto" />
        <TextField field={fields.yearStarted!} label={t('directory.orgs.fields.yearStarted')} optional inputMode="numeric" maxLength={4} />
        <TextField field={fields.website!} label={t('directory.orgs.fields.website')} type="url" optional maxLength={300} dir="ltr" />
        <TextAreaField field={fields.socialLinks!} label={t('directory.orgs.fields.socialLinks')} hint={t('directory.orgs.fields.socialHint')} optional rows={3} dir="ltr" />
        <CheckboxesField field={fields.themes!} legend={t('directory.orgs.fields.themes')} options={THEMES.map((c) => ({ value: c, label: t(`directory.themes.${c}`) }))} />
        <CheckboxesField field={fields.offers!} legend={t('directory.orgs.fields.offers')} options={tagOptions} />
        <CheckboxesField field={fields.needs!} legend={t('directory.orgs.fields.needs')} options={tagOptions} />
        <div className="field">
          <label className="checkbox">
            <input {...listing} key={listing.key} />
            <span>{t('directory.orgs.fields.publicListing')}</span>
          </label>
          <p id="publicListing-hint" className="field__hint">
            {t('directory.orgs.fields.publicListingHint')}
          </p>
        </div>
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
      </Form>
    </>
  );
}
