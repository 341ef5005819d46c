import { useTranslation } from '~/modules/i18n/react';
import type { Flash } from '~/modules/flash/flash.server';

export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useTranslation();
  return (
    <div className={`notice notice--${flash.tone ?? 'success'}`} role="status">
      {t(flash.key, flash.values)}
    </div>
  );
}
