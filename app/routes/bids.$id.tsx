import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { bidContext } from '~/modules/bids/context.server';
import { formatMoney } from '~/modules/bids/constants';
import { Deadline } from '~/modules/bids/components/countdown';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.bid.title ?? 'Bid'} · NOMI Workspace` }];

// Ships the client (~/utils/route-handle): the bid editor (live co-editing) and the deadline countdown, for every bid page.
export const handle: RouteHandle = { hydrate: true };

// Every child route checks the member's role itself too: a layout loader does not guard child actions.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid, role, abilities } = await bidContext(request, params.id);
  return json({
    role,
    abilities,
    bid: {
      id: bid.id,
      title: bid.title,
      funder: bid.funder,
      call_name: bid.call_name,
      link: bid.link,
      deadline: bid.deadline,
      amount: bid.amount,
      currency: bid.currency,
      status: bid.status,
    },
  });
}

export default function BidLayout() {
  const { t, i18n } = useTranslation();
  const { bid, role, abilities } = useLoaderData<typeof loader>();
  const base = `/bids/${bid.id}`;
  return (
    <>
      <div className="page-header bid-header">
        <p className="meta">
          <span className="tag">{t(`bids.status.${bid.status}`)}</span> {t('bids.yourRole', { role: t(`bids.roles.${role}`) })}
        </p>
        <h1 dir="auto">{bid.title}</h1>
        <dl className="bid-facts">
          <div>
            <dt>{t('bids.fields.funder')}</dt>
            <dd dir="auto">
              {bid.funder}
              {bid.call_name ? <> — {bid.call_name}</> : null}
              {bid.link ? (
                <>
                  {' '}
                  <a href={bid.link} rel="noopener noreferrer nofollow" target="_blank">
                    {t('bids.fields.openCall')}
                  </a>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('bids.fields.deadline')}</dt>
            <dd>
              <Deadline at={bid.deadline} />
            </dd>
          </div>
          <div>
            <dt>{t('bids.fields.amount')}</dt>
            <dd>{formatMoney(bid.amount, bid.currency, i18n.language)}</dd>
          </div>
        </dl>
      </div>
      <nav aria-label={t('bids.nav')} className="subnav">
        <ul>
          <li>
            <NavLink to={base} end>
              {t('bids.tabs.overview')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/partners`}>{t('bids.tabs.partners')}</NavLink>
          </li>
          {abilities['bid.edit'] ? (
            <li>
              <NavLink to={`${base}/sections`}>{t('bids.tabs.sections')}</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`${base}/tasks`}>{t('bids.tabs.tasks')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/files`}>{t('bids.tabs.files')}</NavLink>
          </li>
          {abilities['bid.manage'] ? (
            <li>
              <NavLink to={`${base}/settings`}>{t('bids.tabs.settings')}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
