import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/notices/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { getNotice, parseDetails, updateNotice, type Viewer } from '~/modules/notices/notices.server';
import { readNoticeForm } from '~/modules/notices/notice-form.server';
import { listNoticeFiles } from '~/modules/notices/files.server';
import { isRenewable, toLondonInput, type NoticeTypeName } from '~/modules/notices/constants';
import { NoticeForm, type NoticeFormDefaults } from '~/modules/notices/components/notice-form';
import { PageHeader } from '~/ui/page';
import { removeStored } from '~/modules/uploads/uploads.server';

export const meta: MetaFunction = () => [{ title: 'Edit notice · NOMI Workspace' }];

async function editable(request: Request, id: string) {
  const user = await requireUser(request);
  const viewer: Viewer = { id: user.id, role: user.role };
  const notice = await getNotice(id, viewer);
  if (!notice) throw new Response('Not found', { status: 404 });
  authorize(viewer, 'notice.edit', notice.subject);
  return { notice, viewer };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { notice } = await editable(request, params.id ?? '');
  const d = parseDetails(notice.details);
  const type = notice.type as NoticeTypeName;
  const defaults: NoticeFormDefaults = {
    title: notice.title,
    description: notice.body,
    city: notice.city,
    themes: JSON.parse(notice.themes) as string[],
    isPublic: notice.is_public ? 'on' : undefined,
    link: d.link,
    opportunityKind: d.opportunityKind,
    funder: d.funder,
    amountMin: d.amountMin !== undefined ? String(d.amountMin) : undefined,
    amountMax: d.amountMax !== undefined ? String(d.amountMax) : undefined,
    eligibility: d.eligibility,
    place: d.place,
    untilDate: notice.key_date && type !== 'funding' && type !== 'event' ? toLondonInput(notice.key_date, false) : undefined,
    deadline: type === 'funding' && notice.key_date ? toLondonInput(notice.key_date, false) : undefined,
    startsAt: notice.starts_at ? toLondonInput(notice.starts_at, true) : undefined,
    endsAt: notice.ends_at ? toLondonInput(notice.ends_at, true) : undefined,
    expiresOn: isRenewable(type) && notice.expires_at > Date.now() ? toLondonInput(notice.expires_at, false) : undefined,
  };
  const files = (await listNoticeFiles(notice.id)).map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, alt: f.alt }));
  return json({ id: notice.id, type, defaults, files });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { notice, viewer } = await editable(request, params.id ?? '');
  const parsed = await readNoticeForm(request, { existing: await listNoticeFiles(notice.id) });
  if (!parsed.ok) return parsed.response;
  if (parsed.input.type !== notice.type) {
    await removeStored(parsed.files.add);
    throw new Response('Bad request', { status: 400 });
  }
  const r = await updateNotice(notice.id, viewer, parsed.input, parsed.files);
  if (r === 'notFound') throw new Response('Not found', { status: 404 });
  if (r === 'forbidden') throw new Response('Forbidden', { status: 403 });
  // Only when another edit added files at the same moment.
  if (r === 'tooManyFiles') throw new Response('Too many files', { status: 409 });
  return redirectWithFlash(request, `/notices/${notice.id}`, { key: 'notices.flash.saved' });
}

export default function EditNotice() {
  const { t } = useTranslation();
  const { id, type, defaults, files } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title={t('notices.edit.title')}>
        <p>
          <Link to={`/notices/${id}`}>{t('notices.edit.cancel')}</Link>
        </p>
      </PageHeader>
      <NoticeForm type={type} lastResult={lastResult} defaultValue={defaults} pending={navigation.state !== 'idle'} submitLabel={t('notices.edit.submit')} currentFiles={files} />
    </>
  );
}
