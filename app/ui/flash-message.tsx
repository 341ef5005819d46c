import { useTranslation } from 'react-i18next';
import type { Flash } from '~/modules/flash/flash.server';

export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useTranslation();
  return (
    <div className={`notice notice--${flash.tone ?? 'success'}`} role="status">
      {t(flash.key, flash.values)}
    </div>
  );
}
