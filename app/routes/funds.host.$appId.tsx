import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { hostView, respondAsHost } from '~/modules/funding/consent.server';
import { Money } from '~/modules/funding/components/bits';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Host organisation · NOMI Workspace' }];

/**
 * For the members of a host organisation: an unincorporated group asks them to receive its seed grant.
 * They see the public summary, the amount and who applies (not the answers), and accept or decline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { view, abilities } = await hostView(user, params.appId!);
  return json({ view, abilities });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent !== 'accept' && intent !== 'decline') {
    // Asked after the access check, so a stranger learns nothing from a 400.
    await hostView(user, params.appId!);
    throw new Response('Bad request', { status: 400 });
  }
  await respondAsHost(user, params.appId!, intent === 'accept');
  return redirectWithFlash(request, `/funds/host/${params.appId}`, { key: intent === 'accept' ? 'funding.host.flash.accepted' : 'funding.host.flash.declined' });
}

export default function HostRequest() {
  const { t } = useTranslation();
  const { view, abilities } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('funding.host.title')} lead={t('funding.host.lead', { org: view.orgName, round: view.roundName })} />
      <div className="card fund-status" role="status">
        <p>
          <strong>{t(`funding.host.state.${view.hostStatus}`)}</strong>
        </p>
      </div>
      <dl className="facts">
        <dt>{t('funding.host.project')}</dt>
        <dd dir="auto">{view.title || t('funding.app.untitled')}</dd>
        <dt>{t('funding.host.who')}</dt>
        <dd dir="auto">{view.leadName}</dd>
        <dt>{t('funding.host.amount')}</dt>
        <dd>{view.amount !== null ? <Money value={view.amount} /> : '–'}</dd>
      </dl>
      <h2>{t('funding.host.summary')}</h2>
      <p dir="auto">{view.summary}</p>
      <p>{t('funding.host.means')}</p>
      {abilities['fundHost.respond'] ? (
        <Form method="post" className="button-row">
          <button type="submit" name="intent" value="accept" className="button">
            {t('funding.host.accept')}
          </button>
          <button type="submit" name="intent" value="decline" className="button button--secondary">
            {t('funding.host.decline')}
          </button>
        </Form>
      ) : (
        <p className="muted">{t('funding.host.closed')}</p>
      )}
      <p>
        <Link className="fund-back" to="/funds">
          {t('funding.host.back')}
        </Link>
      </p>
    </>
  );
}
