import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { unsubscribe, verifyUnsubscribeToken } from '~/modules/notices/digest.server';
import { PageHeader } from '~/ui/page';

/**
 * Stop the weekly noticeboard email from the link in it, without signing in. The link only shows a
 * button (mail scanners follow links); pressing it unsubscribes. The token is signed for this one
 * purpose and member, and the server log redacts it (server/security.ts redactPath).
 */
export const meta: MetaFunction = () => [{ title: 'Unsubscribe · NOMI Workspace' }, { name: 'referrer', content: 'same-origin' }];

export async function loader({ params }: LoaderFunctionArgs) {
  const userId = await verifyUnsubscribeToken(params.token ?? '');
  return json({ valid: Boolean(userId) }, { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' } });
}

export async function action({ params }: ActionFunctionArgs) {
  const userId = await verifyUnsubscribeToken(params.token ?? '');
  if (!userId) return json({ done: false }, { status: 404 });
  await unsubscribe(userId);
  return json({ done: true });
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.done) {
    return <PageHeader title={t('notices.unsubscribe.doneTitle')} lead={t('notices.unsubscribe.done')} />;
  }
  if (!valid || result?.done === false) {
    return <PageHeader title={t('notices.unsubscribe.invalidTitle')} lead={t('notices.unsubscribe.invalid')} />;
  }
  return (
    <>
      <PageHeader title={t('notices.unsubscribe.title')} lead={t('notices.unsubscribe.lead')} />
      <Form method="post">
        <button type="submit" className="button">
          {t('notices.unsubscribe.confirm')}
        </button>
      </Form>
    </>
  );
}
