import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { SnapshotNameSchema } from '~/modules/collab/collab.schema.server';
import { compareVersions, listSnapshots, nameCurrentVersion, restoreSnapshot, snapshotFields } from '~/modules/collab/history.server';
import { loadDocumentFor } from '~/modules/collab/route-helpers.server';
import { ProseMirrorView } from '~/modules/collab/components/prosemirror-view';
import { AttributedDiff, AttributionLegend } from '~/modules/collab/components/attributed-diff';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';
import { restorableSections, restoreDeletedSection } from '~/modules/bids/restore-section.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.document.title ?? ''} · NOMI Workspace` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { document, access, outline, back, abilities } = await loadDocumentFor(params.id, user);
  const url = new URL(request.url);
  const viewId = url.searchParams.get('view')?.slice(0, 40) ?? null;
  const compareId = url.searchParams.get('compare')?.slice(0, 40) ?? null;
  // `to`: a second version to compare with; absent or "now" means the current text.
  const toParam = url.searchParams.get('to')?.slice(0, 40) || 'now';
  const toId = toParam === 'now' ? null : toParam;
  const names = outline.map((o) => o.name);
  const snapshots = await listSnapshots(document.id);
  const view = viewId ? await snapshotFields(document.id, viewId, names) : null;
  const compare = compareId ? await compareVersions(document.id, compareId, toId, names) : null;
  if ((viewId && !view) || (compareId && !compare)) throw new Response('Not found', { status: 404 });
  // Deleted bid sections this version still holds: editors may bring them back.
  const restorable =
    view && document.kind === 'bid' && abilities['document.restore'] ? await restorableSections(document.subjectId, Object.keys(view).filter((f) => !names.includes(f))) : {};
  return json({
    document: { id: document.id, title: document.title },
    access,
    abilities,
    back,
    outline,
    snapshots,
    view: view && viewId ? { id: viewId, fields: view, restorable } : null,
    compare: compare && compareId ? { id: compareId, ...compare } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Naming, restoring a version or a section: all need write access to the document.
  const { document, outline } = await loadDocumentFor(params.id, user, 'document.restore');
  const form = Object.fromEntries(await request.formData());
  if (form.intent === 'name') {
    const parsed = SnapshotNameSchema.safeParse(form);
    if (!parsed.success) {
      return json({ error: parsed.error.issues[0]?.message ?? 'collab.history.nameRequired', name: String(form.name ?? '').slice(0, 500) }, { status: 400 });
    }
    await nameCurrentVersion(document.id, parsed.data.name, user.id);
    return redirectWithFlash(request, `/documents/${document.id}/history`, { key: 'collab.history.named', values: { name: parsed.data.name } });
  }
  if (form.intent === 'restoreSection') {
    if (document.kind !== 'bid') throw new Response('Bad request', { status: 400 });
    const snapshotId = String(form.snapshotId ?? '').slice(0, 40);
    const result = await restoreDeletedSection({ bidId: document.subjectId, snapshotId, field: String(form.field ?? '').slice(0, 60) }, user);
    if (!result.ok) throw new Response(result.reason === 'forbidden' ? 'Forbidden' : 'Not found', { status: result.reason === 'forbidden' ? 403 : 404 });
    return redirectWithFlash(request, `/documents/${document.id}/history`, { key: 'collab.history.sectionRestored', values: { title: result.title } });
  }
  if (form.intent === 'restore') {
    const snapshotId = String(form.snapshotId ?? '').slice(0, 40);
    const ok = await restoreSnapshot(
      document.id,
      snapshotId,
      user.id,
      outline.map((o) => o.name),
    );
    if (!ok) throw new Response('Not found', { status: 404 });
    return redirectWithFlash(request, `/documents/${document.id}/history`, { key: 'collab.history.restored' });
  }
  throw new Response('Bad request', { status: 400 });
}

/** Version history: list, view read-only, compare with now, restore, name the current version. */
export default function DocumentHistory() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { document, abilities, back, outline, snapshots, view, compare } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  // A field missing from the outline is a deleted section (shown in versions saved before it was deleted).
  const heading = (name: string) => outline.find((o) => o.name === name)?.heading ?? (outline.length ? t('collab.history.deletedField') : name);
  const label = (s: (typeof snapshots)[number]) =>
    s.name
      ? s.reason === 'restore'
        ? t('collab.history.restoredFrom', { name: s.name })
        : s.name
      : t(`collab.history.reason.${s.reason}`);
  const editable = abilities['document.restore'];
  const base = `/documents/${document.id}/history`;
  const whenOf = (id: string) => format.dateTime(snapshots.find((s) => s.id === id)?.createdAt ?? 0);
  const names = (people: Array<{ name: string }>) => new Intl.ListFormat(i18n.language || 'en', { type: 'conjunction' }).format(people.map((p) => p.name));

  return (
    <>
      <PageHeader title={t('collab.history.pageTitle', { title: document.title })}>
        <p>
          <Link to={back}>{t('collab.backToDocument')}</Link> · <Link to={`/documents/${document.id}/comments`}>{t('collab.comments.title')}</Link> ·{' '}
          <a href={`/documents/${document.id}/export.docx`}>{t('collab.export.docx')}</a> · <a href={`/documents/${document.id}/export.pdf`}>{t('collab.export.pdf')}</a>
        </p>
      </PageHeader>

      {editable ? (
        <section className="card" aria-labelledby="name-version">
          <h2 id="name-version">{t('collab.history.nameTitle')}</h2>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="name" />
            <div className="field">
              <label htmlFor="snapshot-name">{t('collab.history.nameLabel')}</label>
              <p id="snapshot-name-hint" className="field__hint">
                {t('collab.history.nameHint')}
              </p>
              <input
                id="snapshot-name"
                name="name"
                className="input"
                maxLength={120}
                dir="auto"
                defaultValue={result?.name ?? ''}
                aria-invalid={result?.error ? true : undefined}
                aria-describedby={result?.error ? 'snapshot-name-hint snapshot-name-error' : 'snapshot-name-hint'}
              />
              {result?.error ? (
                <p id="snapshot-name-error" className="field__error">
                  {t(result.error, { max: 120 })}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button" disabled={navigation.state !== 'idle'}>
              {t('collab.history.nameSubmit')}
            </button>
          </Form>
        </section>
      ) : null}

      {view ? (
        <section className="card collab-snapshot-view" aria-labelledby="view-title">
          <h2 id="view-title">{t('collab.history.viewing', { when: format.dateTime(snapshots.find((s) => s.id === view.id)?.createdAt ?? 0) })}</h2>
          <p>
            <Link to={base}>{t('collab.history.close')}</Link>
          </p>
          {Object.entries(view.fields).map(([name, doc]) => (
            <section key={name} aria-label={heading(name)}>
              <h3 dir="auto">{heading(name)}</h3>
              <ProseMirrorView doc={doc} />
              {name in view.restorable ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="restoreSection" />
                  <input type="hidden" name="snapshotId" value={view.id} />
                  <input type="hidden" name="field" value={name} />
                  <button
                    type="submit"
                    className="button button--secondary"
                    disabled={navigation.state !== 'idle'}
                    aria-label={t('collab.history.restoreSectionLabel', { title: view.restorable[name] ?? t('collab.history.deletedField') })}
                  >
                    {t('collab.history.restoreSection')}
                  </button>
                </Form>
              ) : null}
            </section>
          ))}
        </section>
      ) : null}

      {compare ? (
        <section className="card collab-compare" aria-labelledby="compare-title">
          <h2 id="compare-title">
            {compare.to
              ? t('collab.attribution.comparingTwo', { from: whenOf(compare.from), to: whenOf(compare.to) })
              : t('collab.history.comparing', { when: whenOf(compare.from) })}
          </h2>
          <p className="meta">{t('collab.history.compareLegend')}</p>
          <Form method="get" className="collab-compare-form">
            <div className="field">
              <label htmlFor="compare-from">{t('collab.attribution.from')}</label>
              <select id="compare-from" name="compare" className="input" defaultValue={compare.from}>
                {snapshots.map((s) => (
                  <option key={s.id} value={s.id}>
                    {`${format.dateTime(s.createdAt)} · ${label(s)}`}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compare-to">{t('collab.attribution.to')}</label>
              <select id="compare-to" name="to" className="input" defaultValue={compare.to ?? 'now'}>
                <option value="now">{t('collab.attribution.now')}</option>
                {snapshots.map((s) => (
                  <option key={s.id} value={s.id}>
                    {`${format.dateTime(s.createdAt)} · ${label(s)}`}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t('collab.attribution.submit')}
            </button>
          </Form>
          <AttributionLegend people={compare.people} />
          <p>
            <Link to={base}>{t('collab.history.close')}</Link>
          </p>
          {compare.fields.map((f) => (
            <section key={f.field} aria-label={heading(f.field)}>
              <h3 dir="auto">{heading(f.field)}</h3>
              {!f.changed ? <p className="meta">{t('collab.history.unchanged')}</p> : null}
              <AttributedDiff parts={f.parts} people={compare.people} />
            </section>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="versions">
        <h2 id="versions">{t('collab.history.versions')}</h2>
        {snapshots.length === 0 ? (
          <p className="meta">{t('collab.history.none')}</p>
        ) : (
          <ul className="collab-versions">
            {snapshots.map((s) => (
              <li key={s.id} className={params.get('view') === s.id || params.get('compare') === s.id ? 'current' : undefined}>
                <p>
                  <strong dir="auto">{label(s)}</strong>
                  <br />
                  <span className="meta">
                    <time dateTime={new Date(s.createdAt).toISOString()}>{format.dateTime(s.createdAt)}</time>
                    {s.createdBy ? <> · <span dir="auto">{s.createdBy}</span></> : null}
                  </span>
                  {s.editors.length ? (
                    <>
                      <br />
                      <span className="collab-version-editors" dir="auto">
                        {t('collab.attribution.editedBy', { names: names(s.editors) })}
                      </span>
                    </>
                  ) : null}
                </p>
                <p className="collab-version-actions">
                  <Link to={`${base}?view=${s.id}`} aria-label={t('collab.history.viewLabel', { name: label(s) })}>
                    {t('collab.history.view')}
                  </Link>
                  <Link to={`${base}?compare=${s.id}`} aria-label={t('collab.history.compareLabel', { name: label(s) })}>
                    {t('collab.history.compare')}
                  </Link>
                  {editable ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="snapshotId" value={s.id} />
                      <button type="submit" className="button button--secondary" disabled={navigation.state !== 'idle'} aria-label={t('collab.history.restoreLabel', { name: label(s) })}>
                        {t('collab.history.restore')}
                      </button>
                    </Form>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
