import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
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
  const quorumRaw = String(form.get('governanceQuorumVoters') ?? '').trim().slice(0, 10);
  const governanceQuorumVoters = Number(quorumRaw);
  if (!/^\d{1,4}$/.test(quorumRaw) || governanceQuorumVoters > 1000) {
    return json({ error: 'admin.settings.quorumInvalid', values: { governanceQuorumVoters: quorumRaw, membersCanInvite } }, { status: 400 });
  }
  await updateNetworkSettings({ membersCanInvite, governanceQuorumVoters });
  await audit({ actorId: steward.id, action: 'network.update', subjectType: 'network', subjectId: 'settings', details: { membersCanInvite, governanceQuorumVoters } });
  return redirectWithFlash(request, '/admin/settings', { key: 'admin.settings.saved' });
}

export default function NetworkSettings() {
  const { t } = useTranslation();
  const { settings } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as { error: string; values: { governanceQuorumVoters: string; membersCanInvite: boolean } } | undefined;
  return (
    <>
      <PageHeader title={t('admin.settings.title')} />
      <Form method="post" className="form card">
        <label className="checkbox">
          <input type="checkbox" name="membersCanInvite" defaultChecked={settings.membersCanInvite} />
          <span>{t('admin.settings.membersCanInvite')}</span>
        </label>
        <p className="field__hint">{t('admin.settings.membersCanInviteHint')}</p>
        <div className="field">
          <label className="field__label" htmlFor="quorum-voters">
            {t('admin.settings.quorumVoters')}
          </label>
          <p className="field__hint" id="quorum-voters-hint">
            {t('admin.settings.quorumVotersHint')}
          </p>
          <input
            id="quorum-voters"
            name="governanceQuorumVoters"
            type="number"
            min={0}
            max={1000}
            inputMode="numeric"
            className="input input--narrow"
            defaultValue={failed?.values.governanceQuorumVoters ?? String(settings.governanceQuorumVoters)}
            aria-describedby={failed ? 'quorum-voters-hint quorum-voters-error' : 'quorum-voters-hint'}
            aria-invalid={failed ? true : undefined}
          />
          {failed ? (
            <p className="field__error" id="quorum-voters-error" role="alert">
              {t(failed.error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t('common.save')}
        </button>
      </Form>
    </>
  );
}
