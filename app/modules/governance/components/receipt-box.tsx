import { useEffect, useState } from 'react';
import { useTranslation } from '~/modules/i18n/react';

/**
 * The receipt of a secret ballot, shown once: what it is for in one sentence, and three ways to keep
 * it. "Email it to me" opens the member's own mail app (mailto:) — the code is never sent or stored
 * by the server, where it could be linked to them. Copy needs JavaScript, so it appears only then.
 */
export function ReceiptBox({ receipt, title, note }: { receipt: string; title: string; /** e.g. whose vote a proxy cast */ note?: string }) {
  const { t } = useTranslation();
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== 'undefined' && !!navigator.clipboard), []);
  const text = `${t('governance.receiptBox.fileText', { title })}\n\n${receipt}\n`;
  return (
    <div className="notice notice--success" role="status">
      <p>
        <strong>{t('governance.vote.recorded')}</strong>
      </p>
      {note ? <p>{note}</p> : null}
      <p>{t('governance.receiptBox.why')}</p>
      <p className="receipt-box">
        <code className="receipt" dir="ltr">
          {receipt}
        </code>
      </p>
      <p className="receipt-box">
        {canCopy ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void navigator.clipboard.writeText(receipt).then(() => setCopied(true));
            }}
          >
            {copied ? t('governance.receiptBox.copied') : t('governance.receiptBox.copy')}
          </button>
        ) : null}
        <a className="button button--secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="nomi-vote-receipt.txt">
          {t('governance.receiptBox.download')}
        </a>
        <a className="button button--secondary" href={`mailto:?subject=${encodeURIComponent(t('governance.receiptBox.emailSubject'))}&body=${encodeURIComponent(text)}`}>
          {t('governance.receiptBox.email')}
        </a>
      </p>
      <p className="meta">{t('governance.vote.receiptSecret')}</p>
    </div>
  );
}
