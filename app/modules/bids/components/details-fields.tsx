import { useTranslation } from '~/modules/i18n/react';
import type { FieldMetadata } from '@conform-to/react';
import { CheckboxesField, SelectField, TextField } from '~/ui/form';
import { BASE_TAGS, THEMES } from '~/modules/directory/themes';
import { tagLabel } from '~/modules/directory/reasons';
import { CURRENCIES } from '../constants';
import { useOrgOptions } from './fields';

type F = FieldMetadata<any, any, string[]>;

/** The bid's details, shared by "start a bid" and "edit details". */
export function BidDetailsFields({
  fields,
  myOrgs,
  allOrgs,
}: {
  fields: Record<'title' | 'funder' | 'callName' | 'link' | 'deadline' | 'amount' | 'currency' | 'themes' | 'skillsNeeded' | 'leadOrgId' | 'hostOrgId' | 'hostOrgName', F>;
  myOrgs: Array<{ id: string; name: string }>;
  allOrgs: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const leadOptions = useOrgOptions(myOrgs, 'bids.fields.noOrg');
  const hostOptions = useOrgOptions(allOrgs, 'bids.fields.noOrg');
  return (
    <>
      <TextField field={fields.title} label={t('bids.fields.title')} maxLength={200} dir="auto" />
      <TextField field={fields.funder} label={t('bids.fields.funder')} maxLength={200} dir="auto" />
      <TextField field={fields.callName} label={t('bids.fields.callName')} optional maxLength={200} dir="auto" />
      <TextField field={fields.link} label={t('bids.fields.link')} type="url" optional maxLength={500} dir="ltr" />
      <TextField field={fields.deadline} label={t('bids.fields.deadline')} hint={t('bids.fields.deadlineHint')} type="datetime-local" />
      <div className="bid-money">
        <TextField field={fields.amount} label={t('bids.fields.amount')} hint={t('bids.fields.amountHint')} inputMode="decimal" maxLength={20} dir="ltr" />
        <SelectField field={fields.currency} label={t('bids.fields.currency')} options={CURRENCIES.map((c) => ({ value: c, label: t(`bids.currencies.${c}`) }))} />
      </div>
      <SelectField field={fields.leadOrgId} label={t('bids.fields.leadOrg')} hint={t('bids.fields.leadOrgHint')} options={leadOptions} optional />
      <SelectField field={fields.hostOrgId} label={t('bids.fields.hostOrg')} hint={t('bids.fields.hostOrgHint')} options={hostOptions} optional />
      <TextField field={fields.hostOrgName} label={t('bids.fields.hostOrgName')} hint={t('bids.fields.hostOrgNameHint')} optional maxLength={200} dir="auto" />
      <CheckboxesField field={fields.themes} legend={t('bids.fields.themes')} options={THEMES.map((th) => ({ value: th, label: t(`directory.themes.${th}`) }))} />
      <CheckboxesField
        field={fields.skillsNeeded}
        legend={t('bids.fields.skillsNeeded')}
        hint={t('bids.fields.skillsNeededHint')}
        options={BASE_TAGS.map((s) => ({ value: s, label: tagLabel(t, s) }))}
      />
    </>
  );
}
