import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import type { z } from 'zod';
import { bidContext } from '~/modules/bids/context.server';
import { addSection, deleteSectionWithText, listSections, moveSection, updateSection } from '~/modules/bids/bids.server';
import { SectionSchema } from '~/modules/bids/bids.schema.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ErrorSummary, SubmitButton, TextField } from '~/ui/form';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid } = await bidContext(request, params.id, 'bid.edit');
  return json({ bidId: bid.id, sections: await listSections(bid.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { bid, user } = await bidContext(request, params.id, 'bid.edit');
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const sectionId = String(formData.get('sectionId') ?? '').slice(0, 40);
  const back = `/bids/${bid.id}/sections`;
  const notFound = () => new Response('Not found', { status: 404 });
  if (intent === 'add' || intent === 'update') {
    const submission = parseWithZod(formData, { schema: SectionSchema });
    if (submission.status !== 'success') return json({ intent, sectionId, result: submission.reply() }, { status: 400 });
    if (intent === 'add') await addSection(user, bid.id, submission.value);
    else if (!(await updateSection(user, bid.id, sectionId, submission.value))) throw notFound();
    return redirectWithFlash(request, back, { key: intent === 'add' ? 'bids.sections.added' : 'bids.sections.saved' });
  }
  if (intent === 'up' || intent === 'down') {
    if (!(await moveSection(user, bid.id, sectionId, intent))) throw notFound();
    return redirectWithFlash(request, back, { key: 'bids.sections.moved' });
  }
  if (intent === 'delete') {
    // The row goes first, then the section's text leaves the shared document (kept in a named version).
    if (!(await deleteSectionWithText(user, bid, sectionId))) throw notFound();
    return redirectWithFlash(request, back, { key: 'bids.sections.deleted' });
  }
  throw new Response('Bad request', { status: 400 });
}

type Section = { id: string; title: string; word_limit: number | null };

function SectionForm({ section, index }: { section?: Section; index?: number }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const data = useActionData<typeof action>();
  const mine = data && (section ? data.intent === 'update' && data.sectionId === section.id : data.intent === 'add');
  const [form, fields] = useForm<z.input<typeof SectionSchema>, z.output<typeof SectionSchema>>({
    id: section ? `section-${section.id}` : 'new-section',
    lastResult: mine ? data.result : undefined,
    defaultValue: section ? { title: section.title, wordLimit: section.word_limit ? String(section.word_limit) : '' } : undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="form bid-section-form">
        {section ? <input type="hidden" name="sectionId" value={section.id} /> : null}
        <TextField
          field={fields.title}
          label={section ? t('bids.sections.titleOf', { n: (index ?? 0) + 1 }) : t('bids.sections.newTitle')}
          maxLength={200}
          dir="auto"
        />
        <TextField field={fields.wordLimit} label={t('bids.sections.limit')} hint={t('bids.sections.limitHint')} optional inputMode="numeric" maxLength={7} dir="ltr" />
        <div className="button-row">
          <SubmitButton name="intent" value={section ? 'update' : 'add'} pending={navigation.state !== 'idle'}>
            {section ? t('bids.sections.save') : t('bids.sections.add')}
          </SubmitButton>
        </div>
      </Form>
    </>
  );
}

export default function BidSections() {
  const { t } = useTranslation();
  const { sections } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h2>{t('bids.sections.title')}</h2>
      <p>{t('bids.sections.lead')}</p>
      {sections.length === 0 ? <p className="empty">{t('bids.draft.noSections')}</p> : null}
      <ol className="list-plain list-rows">
        {sections.map((s, i) => (
          <li key={s.id} className="card">
            <SectionForm section={s} index={i} />
            <Form method="post" className="button-row bid-section-tools">
              <input type="hidden" name="sectionId" value={s.id} />
              {i > 0 ? (
                <button type="submit" name="intent" value="up" className="button button--secondary" aria-label={t('bids.sections.moveUp', { title: s.title })}>
                  {t('bids.sections.up')}
                </button>
              ) : null}
              {i < sections.length - 1 ? (
                <button type="submit" name="intent" value="down" className="button button--secondary" aria-label={t('bids.sections.moveDown', { title: s.title })}>
                  {t('bids.sections.down')}
                </button>
              ) : null}
            </Form>
            <details className="bid-confirm">
              <summary>{t('bids.sections.deleteNamed', { title: s.title })}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="sectionId" value={s.id} />
                <p>{t('bids.sections.deleteWarning')}</p>
                <button type="submit" name="intent" value="delete" className="button button--danger">
                  {t('bids.sections.deleteConfirm')}
                </button>
              </Form>
            </details>
          </li>
        ))}
      </ol>
      <section className="card" aria-labelledby="new-section-h">
        <h2 id="new-section-h">{t('bids.sections.add')}</h2>
        <SectionForm />
      </section>
    </div>
  );
}
