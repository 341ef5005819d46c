import { useTranslation } from '~/modules/i18n/react';
import { HoneypotInputs } from './honeypot-field';

export function PageHeader({ title, lead, children }: { title: string; lead?: string; children?: React.ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty">
      <h2 className="h3">{title}</h2>
      {children}
    </div>
  );
}

export function Honeypot() {
  const { t } = useTranslation();
  return <HoneypotInputs label={t('common.honeypot')} />;
}
