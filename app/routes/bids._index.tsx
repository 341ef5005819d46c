import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { listMyBids, orgInvitationsFor, respondToOrgInvitation } from '~/modules/bids/bids.server';
import { formatMoney } from '~/modules/bids/constants';
import { Deadline } from '~/modules/bids/components/countdown';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Joint bids · NOMI Workspace' }];

// Ships the client (~/utils/route-handle): deadlines count down in the viewer's own time zone.
export const handle: RouteHandle = { hydrate: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ bids: await listMyBids(user.id), invitations: await orgInvitationsFor(user.id) });
}

/** A lead of an invited organisation accepts or declines for it. Anyone else: 404 (nothing leaks). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  if (intent !== 'accept' && intent !== 'decline') throw new Response('Bad request', { status: 400 });
  const bidId = await respondToOrgInvitation(user, String(formData.get('partnerId') ?? ''), intent === 'accept');
  if (!bidId) throw new Response('Not found', { status: 404 });
  return intent === 'accept'
    ? redirectWithFlash(request, `/bids/${bidId}`, { key: 'bids.orgPartners.accepted' })
    : redirectWithFlash(request, '/bids', { key: 'bids.orgPartners.declined' });
}

export default function BidsIndex() {
  const { t, i18n } = useTranslation();
  const { bids, invitations } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('bids.list.title')} lead={t('bids.list.lead')}>
        <p>
          <Link to="/bids/new" className="button">
            {t('bids.list.new')}
          </Link>
        </p>
      </PageHeader>
      {invitations.length ? (
        <section id="invitations" className="card stack" aria-labelledby="invitations-h">
          <h2 id="invitations-h">{t('bids.orgPartners.invitationsTitle')}</h2>
          <ul className="list-plain list-rows">
            {invitations.map((inv) => (
              <li key={inv.id} className="bid-row">
                <h3 className="h4" dir="auto">
                  {t('bids.orgPartners.invitationLine', { org: inv.org_name, title: inv.title })}
                </h3>
                <p className="meta">
                  <span dir="auto">{inv.funder}</span> · {t(`bids.roles.${inv.role}`)} · {t('bids.partners.shareIs', { amount: formatMoney(inv.budget_share, inv.currency, i18n.language) })}
                  {inv.invited_by ? <> · {t('bids.orgPartners.invitedBy', { name: inv.invited_by })}</> : null}
                </p>
                <p className="meta">
                  {t('bids.fields.deadline')}: <Deadline at={inv.deadline} />
                </p>
                {inv.delivers ? (
                  <p dir="auto" className="meta">
                    {t('bids.partners.deliversLabel')}: {inv.delivers}
                  </p>
                ) : null}
                <p className="meta">{t('bids.orgPartners.acceptMeans', { org: inv.org_name })}</p>
                <Form method="post" className="button-row">
                  <input type="hidden" name="partnerId" value={inv.id} />
                  <button type="submit" name="intent" value="accept" className="button">
                    {t('bids.orgPartners.accept', { org: inv.org_name })}
                  </button>
                  <button type="submit" name="intent" value="decline" className="button button--secondary">
                    {t('bids.orgPartners.decline')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {bids.length === 0 ? (
        <EmptyState title={t('bids.list.empty')}>
          <p>{t('bids.list.emptyBody')}</p>
        </EmptyState>
      ) : (
        <ul className="list-plain list-rows">
          {bids.map((b) => (
            <li key={b.id} className="bid-row">
              <h2 className="h3">
                <Link to={`/bids/${b.id}`} dir="auto">
                  {b.title}
                </Link>
              </h2>
              <p className="meta">
                <span dir="auto">{b.funder}</span> · {formatMoney(b.amount, b.currency, i18n.language)} ·{' '}
                <span className="tag">{t(`bids.status.${b.status}`)}</span> · {t(`bids.roles.${b.role}`)}
              </p>
              <p className="meta">
                {t('bids.fields.deadline')}: <Deadline at={b.deadline} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
