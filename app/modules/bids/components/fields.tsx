import { useTranslation } from '~/modules/i18n/react';

/** Options for an organisation select, with a first "none" choice. */
export function useOrgOptions(orgs: Array<{ id: string; name: string }>, noneKey: string) {
  const { t } = useTranslation();
  return [{ value: '', label: t(noneKey) }, ...orgs.map((o) => ({ value: o.id, label: o.name }))];
}
