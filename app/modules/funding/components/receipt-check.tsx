import { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';

/** A voter checks their receipt code: a GET form, so it works without JavaScript and writes nothing. */
export function ReceiptCheck({ action, check }: { action: string; check: { code: string; found: boolean; publicId: string | null } | null }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="receipt-check">
      <h2 id="receipt-check" className="h3">
        {t('funding.vote.receiptCheck.title')}
      </h2>
      <Form method="get" action={action} className="form">
        <div className="field">
          <label className="field__label" htmlFor="receipt">
            {t('funding.vote.receiptCheck.label')}
          </label>
          <input id="receipt" name="receipt" dir="ltr" autoComplete="off" maxLength={40} defaultValue={check?.code ?? ''} aria-describedby={check ? 'receipt-answer' : undefined} />
        </div>
        <button type="submit" className="button button--secondary">
          {t('funding.vote.receiptCheck.button')}
        </button>
      </Form>
      {check ? (
        <p id="receipt-answer" role="status" className={check.found ? undefined : 'field__error'}>
          {check.found ? t('funding.vote.receiptCheck.found', { id: check.publicId }) : t('funding.vote.receiptCheck.notFound')}
        </p>
      ) : null}
    </section>
  );
}
