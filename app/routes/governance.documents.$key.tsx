import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import type { RouteHandle } from '~/utils/route-handle';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { lazy, Suspense } from 'react';
import { useTranslation } from '~/modules/i18n/react';
import { useHydrated } from 'remix-utils/use-hydrated';
import { requireUser } from '~/modules/auth/session.server';
import '~/modules/collab/access-registry.server';
import { createDocument, documentAccess, documentForSubject, fieldText } from '~/modules/collab/documents.server';
import { GOVERNANCE_DOCUMENTS, isGovernanceDocument } from '~/modules/governance/documents';
import { cic34Figures } from '~/modules/governance/cic34.server';
import { useFormat } from '~/utils/format';
import { formatMoney } from '~/utils/money';
import { PageHeader } from '~/ui/page';
import { CITIES } from '~/modules/members/reference';

const CollaborativeDocument = lazy(() => import('~/modules/collab/components/collaborative-document'));

export const meta: MetaFunction = () => [{ title: 'CIC document · NOMI Workspace' }];

// Ships the client (~/utils/route-handle): the CIC document is co-edited live.
export const handle: RouteHandle = { hydrate: true };

const TITLES: Record<string, string> = {
  community_interest_statement: 'Community interest statement (CIC36)',
  articles: 'Articles of association',
  cic34: 'Community interest report (CIC34)',
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = params.key ?? '';
  if (!isGovernanceDocument(key)) throw new Response('Not found', { status: 404 });
  const existing = await documentForSubject('governance', key);
  const documentId = existing?.id ?? (await createDocument({ kind: 'governance', subjectId: key, title: TITLES[key]! }));
  const access = await documentAccess(documentId, user.id);
  if (!access) throw new Response('Not found', { status: 404 });
  const fields = await Promise.all(GOVERNANCE_DOCUMENTS[key].map(async (name) => ({ name, text: await fieldText(documentId, name) })));
  const url = new URL(request.url);
  const thisYear = new Date().getUTCMonth() >= 3 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
  const yearParam = Number(url.searchParams.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2020 && yearParam <= thisYear ? yearParam : thisYear;
  return json({
    key,
    documentId,
    access,
    fields,
    user: { id: user.id, name: user.name },
    figures: key === 'cic34' ? await cic34Figures(year) : null,
    years: Array.from({ length: thisYear - 2020 + 1 }, (_, i) => thisYear - i),
  });
}

function Figures({ figures, years }: { figures: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['figures']>; years: number[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const cell = (n: number | null) => (n === null ? t('governance.documents.suppressed') : format.number(n));
  // Amounts are stored in minor units (pence/cents).
  const money = (list: Array<{ currency: string; amount: number }>) =>
    list.length === 0 ? format.number(0) : list.map((m) => formatMoney(m.amount / 100, m.currency, i18n.language)).join(' + ');
  return (
    <section className="card" aria-labelledby="cic34-figures">
      <h2 id="cic34-figures">{t('governance.documents.figures.title', { from: format.date(figures.from), to: format.date(figures.to - 1) })}</h2>
      <Form method="get" className="form form--inline">
        <div className="field">
          <label className="field__label" htmlFor="cic34-year">
            {t('governance.documents.figures.year')}
          </label>
          <select id="cic34-year" name="year" className="input input--narrow" defaultValue={String(figures.year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}–{y + 1}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t('governance.documents.figures.show')}
        </button>
      </Form>
      <p className="meta">{t('governance.documents.figures.hint')}</p>
      <h3 className="h4">{t('governance.documents.figures.members')}</h3>
      <ul>
        {figures.membersByCity.map((m) => (
          <li key={m.city}>
            {(CITIES as readonly string[]).includes(m.city) ? t(`common.cities.${m.city}`) : t('governance.documents.figures.cityUnknown')}: {cell(m.members)}
          </li>
        ))}
      </ul>
      <h3 className="h4">{t('governance.documents.figures.decisions')}</h3>
      {figures.decisions.length === 0 ? <p>{t('governance.documents.figures.none')}</p> : null}
      <ul>
        {figures.decisions.map((d) => (
          <li key={d.kind}>
            {t(`governance.kinds.${d.kind}`)}: {format.number(d.count)} · {t('governance.documents.figures.turnout', { percent: d.turnoutPercent })}
          </li>
        ))}
      </ul>
      <p>{t('governance.documents.figures.consultations', { consultations: figures.consultations, comments: figures.comments })}</p>
      <h3 className="h4">{t('governance.documents.figures.mentoring')}</h3>
      <p>{t('governance.documents.figures.mentoringLine', { sessions: cell(figures.mentoring.sessions), hours: cell(figures.mentoring.hours) })}</p>
      <h3 className="h4">{t('governance.documents.figures.bids')}</h3>
      <ul>
        <li>{t('governance.documents.figures.bidsSubmitted', { n: figures.bids.submitted.count, amounts: money(figures.bids.submitted.amounts) })}</li>
        <li>{t('governance.documents.figures.bidsWon', { n: figures.bids.won.count, amounts: money(figures.bids.won.amounts) })}</li>
      </ul>
      <h3 className="h4">{t('governance.documents.figures.notices')}</h3>
      <ul>
        <li>{t('governance.documents.figures.noticesShared', { n: figures.notices.shared, people: cell(figures.notices.sharedBy) })}</li>
        <li>{t('governance.documents.figures.noticesResponded', { n: figures.notices.respondedTo, responses: cell(figures.notices.responses), people: cell(figures.notices.respondents) })}</li>
      </ul>
      <h3 className="h4">{t('funding.evidence.cic34.title')}</h3>
      <p>{t('funding.evidence.cic34.line', { grants: figures.seedFund.grants, amount: formatMoney(figures.seedFund.amount, 'GBP', i18n.language), people: cell(figures.seedFund.people) })}</p>
      <ul>
        {figures.seedFund.byCity.map((c) => (
          <li key={c.key}>
            {t('funding.evidence.cic34.city', {
              city: (CITIES as readonly string[]).includes(c.key) ? t(`common.cities.${c.key}`) : t('governance.documents.figures.cityUnknown'),
              grants: c.grants,
              amount: formatMoney(c.amount, 'GBP', i18n.language),
              people: cell(c.people),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function GovernanceDocument() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const fields = data.fields.map((f) => ({ name: f.name, label: t(`governance.documents.fields.${data.key}.${f.name}`), wordLimit: null }));
  const fallback = (
    <div>
      {data.fields.map((f, i) => (
        <section key={f.name} className="card" aria-labelledby={`doc-field-${f.name}`}>
          <h2 id={`doc-field-${f.name}`}>{fields[i]!.label}</h2>
          {f.text ? (
            <div dir="auto">
              {f.text.split('\n').map((line, j) => (
                <p key={j}>{line}</p>
              ))}
            </div>
          ) : (
            <p className="meta">{t('governance.documents.empty')}</p>
          )}
        </section>
      ))}
    </div>
  );
  return (
    <>
      <PageHeader title={t(`governance.documents.titles.${data.key}`)} lead={t(`governance.documents.leads.${data.key}`)} />
      <p className="button-row">
        <Link to="/governance/cic">{t('governance.documents.back')}</Link>
        <a href={`/documents/${data.documentId}/history`}>{t('governance.documents.history')}</a>
        <a href={`/documents/${data.documentId}/export.docx`}>{t('governance.documents.docx')}</a>
        <a href={`/documents/${data.documentId}/export.pdf`}>{t('governance.documents.pdf')}</a>
      </p>
      {data.access !== 'edit' ? <p className="notice">{t('governance.documents.readOnly')}</p> : null}
      {data.figures ? <Figures figures={data.figures} years={data.years} /> : null}
      {hydrated ? (
        <Suspense fallback={fallback}>
          <CollaborativeDocument documentId={data.documentId} fields={fields} user={data.user} access={data.access} />
        </Suspense>
      ) : (
        fallback
      )}
    </>
  );
}
