import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';

/** The one error page: friendly text in the visitor's language, never internal details. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 400 || status === 413 ? 'badRequest' : 'server';
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`common.errors.${kind}.title`)}</h1>
      <p>{t(`common.errors.${kind}.body`)}</p>
      <p className="error-page__code">{t('common.errors.code', { status })}</p>
      <p>
        <Link to="/" className="button">
          {t('common.errors.home')}
        </Link>
      </p>
    </section>
  );
}
