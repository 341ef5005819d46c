import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorizeRecords } from '~/modules/governance/access.server';
import { governanceAuditLog } from '~/modules/governance/records.server';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Governance log · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  authorizeRecords(await requireUser(request));
  const rows = await governanceAuditLog();
  return json({ rows: rows.map((r) => ({ id: r.id, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, at: r.created_at, actor: r.actor_name })) });
}

export default function GovernanceAudit() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('governance.audit.title')} lead={t('governance.audit.lead')} />
      <p>
        <Link to="/governance">{t('governance.back')}</Link>
      </p>
      {rows.length === 0 ? (
        <EmptyState title={t('governance.audit.empty')} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('governance.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('governance.audit.when')}</th>
                <th scope="col">{t('governance.audit.who')}</th>
                <th scope="col">{t('governance.audit.what')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{format.dateTime(r.at)}</td>
                  <td dir="auto">{r.actor ?? t('governance.audit.system')}</td>
                  <td>
                    {t(`governance.audit.actions.${r.action.replace(/\./g, '_')}`)}
                    {r.subjectType === 'governance_proposal' ? (
                      <>
                        {' '}
                        <Link to={`/governance/proposals/${r.subjectId}`}>{t('governance.audit.view')}</Link>
                      </>
                    ) : r.subjectType === 'governance_group' ? (
                      <>
                        {' '}
                        <Link to={`/governance/groups/${r.subjectId}`}>{t('governance.audit.view')}</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
