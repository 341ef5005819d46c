import { useTranslation } from '~/modules/i18n/react';

/**
 * A one-time link for someone without email, shown once to the steward who made it: a one-tap WhatsApp
 * message to the person's number, or the link to copy. It is not stored anywhere readable, so it is
 * gone when this page is left.
 */
export function Handover({ title, explain, phone, link, whatsApp }: { title: string; explain: string; phone: string | null; link: string; whatsApp: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="card handover" role="status" aria-labelledby="handover-title">
      <h2 id="handover-title" dir="auto">
        {title}
      </h2>
      <p>{explain}</p>
      {whatsApp ? (
        <p>
          <a className="button" href={whatsApp} target="_blank" rel="noopener noreferrer">
            {t('admin.handover.whatsApp', { phone })}
          </a>
        </p>
      ) : null}
      <label className="field__label" htmlFor="handover-link">
        {t('admin.handover.link')}
      </label>
      <input id="handover-link" className="input handover__link" readOnly value={link} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
      <p className="meta">{t('admin.handover.once')}</p>
    </section>
  );
}
