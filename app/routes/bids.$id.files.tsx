import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { bidContext } from '~/modules/bids/context.server';
import { acceptAttachment, deleteAttachment, discardUploads, listAttachments, parseAttachmentForm } from '~/modules/bids/attachments.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { SubmitButton } from '~/ui/form';
import { useFormat } from '~/utils/format';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid, abilities } = await bidContext(request, params.id);
  return json({ bidId: bid.id, abilities, files: await listAttachments(bid.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Checked before reading the body: nobody else's upload ever reaches the disk.
  const { bid, user } = await bidContext(request, params.id, 'bid.edit');
  const back = `/bids/${bid.id}/files`;
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const { formData, uploads } = await parseAttachmentForm(request);
    if (formData.get('intent') !== 'upload') {
      await discardUploads(uploads);
      throw new Response('Bad request', { status: 400 });
    }
    const result = await acceptAttachment(user, bid.id, uploads);
    if ('problem' in result) return json({ error: `bids.files.problems.${result.problem}` }, { status: 400 });
    return redirectWithFlash(request, back, { key: 'bids.files.uploaded' });
  }
  const formData = await request.formData();
  if (formData.get('intent') === 'delete') {
    if (!(await deleteAttachment(user, bid.id, String(formData.get('fileId') ?? '').slice(0, 40)))) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(request, back, { key: 'bids.files.deleted' });
  }
  throw new Response('Bad request', { status: 400 });
}

export default function BidFiles() {
  const { t } = useTranslation();
  const format = useFormat();
  const { bidId, files, abilities } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const edit = abilities['bid.uploadAttachment'];
  const size = (n: number) => (n >= 1024 * 1024 ? t('bids.files.mb', { n: format.number(Math.round((n / 1024 / 1024) * 10) / 10) }) : t('bids.files.kb', { n: format.number(Math.max(1, Math.round(n / 1024))) }));
  return (
    <div className="stack">
      <h2>{t('bids.files.title')}</h2>
      {files.length === 0 ? (
        <p className="empty">{t('bids.files.empty')}</p>
      ) : (
        <ul className="list-plain list-rows">
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/bids/${bidId}/files/${f.id}`} download dir="auto">
                {f.name}
              </a>{' '}
              <span className="meta">
                {size(f.size)} · {format.date(f.created_at)}
                {f.uploaded_by_name ? ` · ${f.uploaded_by_name}` : ''}
              </span>
              {edit ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="fileId" value={f.id} />
                  <button type="submit" name="intent" value="delete" className="button button--link" aria-label={t('bids.files.deleteNamed', { name: f.name })}>
                    {t('bids.files.delete')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {edit ? (
        <section className="card" aria-labelledby="upload-h">
          <h2 id="upload-h">{t('bids.files.upload')}</h2>
          <Form method="post" encType="multipart/form-data" className="form">
            <div className={`field${data?.error ? ' field--error' : ''}`}>
              <label htmlFor="bid-file" className="field__label">
                {t('bids.files.file')}
              </label>
              <p id="bid-file-hint" className="field__hint">
                {t('bids.files.hint')}
              </p>
              {data?.error ? (
                <p id="bid-file-error" className="field__error" role="alert">
                  <span className="visually-hidden">{t('common.form.errorPrefix')}</span> {t(data.error)}
                </p>
              ) : null}
              <input
                id="bid-file"
                name="file"
                type="file"
                required
                accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.gif,application/pdf,image/*"
                aria-describedby={data?.error ? 'bid-file-hint bid-file-error' : 'bid-file-hint'}
                aria-invalid={data?.error ? true : undefined}
                className="input"
              />
            </div>
            <SubmitButton name="intent" value="upload" pending={navigation.state !== 'idle'}>
              {t('bids.files.uploadSubmit')}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
