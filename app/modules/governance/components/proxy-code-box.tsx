import { useTranslation } from '~/modules/i18n/react';

/**
 * The proxy code, shown once when a member appoints a proxy who may vote for them in a secret ballot.
 * It is never stored: it alone lets the member find and replace their proxy's secret ballot by voting
 * in person (secret-proxy.server.ts). The page ships no JavaScript, so keeping it is by download or
 * the member's own mail app (mailto:), never by the server sending it.
 */
export function ProxyCodeBox({ code, holder }: { code: string; holder: string }) {
  const { t } = useTranslation();
  const text = `${t('governance.secretProxy.codeBox.fileText', { name: holder })}\n\n${code}\n`;
  return (
    <div className="notice notice--success" role="status" aria-labelledby="proxy-code-title">
      <p>
        <strong id="proxy-code-title">{t('governance.secretProxy.codeBox.title')}</strong>
      </p>
      <p className="receipt-box">
        <code className="receipt" dir="ltr">
          {code}
        </code>
      </p>
      <p>{t('governance.secretProxy.codeBox.why', { name: holder })}</p>
      <p>{t('governance.secretProxy.codeBox.lost')}</p>
      <p className="receipt-box">
        <a className="button button--secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="nomi-proxy-code.txt">
          {t('governance.receiptBox.download')}
        </a>
        <a className="button button--secondary" href={`mailto:?subject=${encodeURIComponent(t('governance.secretProxy.codeBox.emailSubject'))}&body=${encodeURIComponent(text)}`}>
          {t('governance.receiptBox.email')}
        </a>
      </p>
      <p className="meta">{t('governance.secretProxy.codeBox.once')}</p>
    </div>
  );
}
