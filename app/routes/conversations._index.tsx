import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { listConversations } from '~/modules/directory/contact.server';
import { DirectoryTabs } from '~/modules/directory/components/directory-ui';
import { EmptyState, PageHeader } from '~/ui/page';
import { useFormat } from '~/utils/format';

export const meta: MetaFunction = () => [{ title: 'Conversations · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ conversations: await listConversations(user.id) });
}

export default function Conversations() {
  const { t } = useTranslation();
  const format = useFormat();
  const { conversations } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('directory.conversations.title')} lead={t('directory.conversations.lead')} />
      <DirectoryTabs />
      {conversations.length === 0 ? (
        <EmptyState title={t('directory.conversations.empty')}>
          <p>
            <Link to="/members">{t('directory.conversations.findPeople')}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="list-plain list-rows">
          {conversations.map((c) => (
            <li key={c.id}>
              <Link to={`/conversations/${c.id}`} dir="auto">
                {c.otherName ?? t('common.formerMember')}
              </Link>{' '}
              <span className="meta">{format.dateTime(c.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
