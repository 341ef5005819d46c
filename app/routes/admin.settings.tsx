import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireSteward } from '~/modules/auth/session.server';
import { audit, getNetworkSettings, updateNetworkSettings } from '~/modules/network/settings.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Network settings · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSteward(request);
  return json({ settings: await getNetworkSettings() });
}

export async function action({ request }: ActionFunctionArgs) {
  const steward = await requireSteward(request);
  const form = await request.formData();
  const membersCanInvite = form.get('membersCanInvite') === 'on';
  await updateNetworkSettings({ membersCanInvite });
  await audit({ actorId: steward.id, action: 'network.update', subjectType: 'network', subjectId: 'settings', details: { membersCanInvite } });
  return redirectWithFlash(request, '/admin/settings', { key: 'admin.settings.saved' });
}

export default function NetworkSettings() {
  const { t } = useTranslation();
  const { settings } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('admin.settings.title')} />
      <Form method="post" className="form card">
        <label className="checkbox">
          <input type="checkbox" name="membersCanInvite" defaultChecked={settings.membersCanInvite} />
          <span>{t('admin.settings.membersCanInvite')}</span>
        </label>
        <p className="field__hint">{t('admin.settings.membersCanInviteHint')}</p>
        <button type="submit" className="button">
          {t('common.save')}
        </button>
      </Form>
    </>
  );
}
