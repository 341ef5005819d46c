import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/modules/auth/session.server';
import { listMyBids } from '~/modules/bids/bids.server';
import { formatMoney } from '~/modules/bids/constants';
import { Deadline } from '~/modules/bids/components/countdown';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Joint bids · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ bids: await listMyBids(user.id) });
}

export default function BidsIndex() {
  const { t, i18n } = useTranslation();
  const { bids } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('bids.list.title')} lead={t('bids.list.lead')}>
        <p>
          <Link to="/bids/new" className="button">
            {t('bids.list.new')}
          </Link>
        </p>
      </PageHeader>
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
