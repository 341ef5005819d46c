import type { MetaFunction } from '@remix-run/node';
import { useTranslation } from '~/modules/i18n/react';
import { PageHeader } from '~/ui/page';
import type { RouteHandle } from '~/utils/route-handle';

// The same page for every signed-out visitor: the server may keep it rendered (server/visitor-cache.ts).
export const handle: RouteHandle = { visitorCache: true };

export const meta: MetaFunction = () => [{ title: 'Privacy · NOMI Workspace' }];

export default function Privacy() {
  const { t } = useTranslation();
  const points = t('common.privacy.points', { returnObjects: true }) as string[];
  return (
    <>
      <PageHeader title={t('common.privacy.title')} lead={t('common.privacy.lead')} />
      <ul className="stack">
        {(Array.isArray(points) ? points : []).map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </>
  );
}
