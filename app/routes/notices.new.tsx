import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { authorize } from '~/modules/notices/access.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { createNotice } from '~/modules/notices/notices.server';
import { readNoticeForm } from '~/modules/notices/notice-form.server';
import { NOTICE_TYPES, type NoticeTypeName } from '~/modules/notices/constants';
import { NoticeForm } from '~/modules/notices/components/notice-form';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Post a notice · NOMI Workspace' }];

function typeFrom(request: Request): NoticeTypeName | null {
  const v = new URL(request.url).searchParams.get('type');
  return v && (NOTICE_TYPES as readonly string[]).includes(v) ? (v as NoticeTypeName) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ type: typeFrom(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, 'notice.create');
  const parsed = await readNoticeForm(request);
  if (!parsed.ok) return parsed.response;
  const id = await createNotice(user.id, parsed.input, parsed.files.add);
  return redirectWithFlash(request, `/notices/${id}`, { key: 'notices.flash.posted' });
}

export default function NewNotice() {
  const { t } = useTranslation();
  const { type } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  if (!type) {
    return (
      <>
        <PageHeader title={t('notices.new.title')} lead={t('notices.new.chooseType')} />
        <ul className="notice-types list-plain">
          {NOTICE_TYPES.map((ty) => (
            <li key={ty}>
              <Link to={`/notices/new?type=${ty}`} className="notice-types__choice">
                <strong>{t(`notices.types.${ty}`)}</strong>
                <span>{t(`notices.typeHints.${ty}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t(`notices.new.titleFor.${type}`)}>
        <p>
          <Link to="/notices/new">{t('notices.new.otherType')}</Link>
        </p>
      </PageHeader>
      <NoticeForm type={type} lastResult={lastResult} pending={navigation.state !== 'idle'} submitLabel={t('notices.new.submit')} />
    </>
  );
}
