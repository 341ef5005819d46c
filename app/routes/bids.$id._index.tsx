import { json, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { offlineCopyHeaders } from '~/modules/bids/offline.server';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { bidContext } from '~/modules/bids/context.server';
import { budgetSummary, listPartners, listSections, statusHistory } from '~/modules/bids/bids.server';
import { sectionTexts } from '~/modules/bids/document.server';
import { bidDocumentAccess } from '~/modules/bids/collab-access.server';
import { formatMoney } from '~/modules/bids/constants';
import { BidDraft } from '~/modules/bids/components/bid-draft';
import { tagLabel } from '~/modules/directory/reasons';
import { useFormat } from '~/utils/format';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid, role, user, abilities } = await bidContext(request, params.id);
  const sections = await listSections(bid.id);
  const texts = await sectionTexts(bid.document_id, sections.map((s) => s.id));
  const partners = await listPartners(bid.id);
  const access = (await bidDocumentAccess(bid.id, user.id)) ?? 'read';
  return json(
    {
      role,
      abilities,
      access,
      user: { id: user.id, name: user.name },
      bid: {
        id: bid.id,
        documentId: bid.document_id,
        themes: bid.themes,
        skillsNeeded: bid.skills_needed,
        amount: bid.amount,
        currency: bid.currency,
        status: bid.status,
        leadOrg: bid.lead_org_name ? { name: bid.lead_org_name, slug: bid.lead_org_slug, unincorporated: bid.lead_org_legal_form === 'unincorporated' } : null,
        host: bid.host_org_dir_name ? { name: bid.host_org_dir_name, slug: bid.host_org_slug } : bid.host_org_name ? { name: bid.host_org_name, slug: null } : null,
        awardedAmount: bid.awarded_amount,
        outcomeOn: bid.outcome_on,
        outcomeFeedback: bid.outcome_feedback,
      },
      budget: budgetSummary(bid.amount, partners.map((p) => p.budget_share)),
      sections: sections.map((s, i) => ({ id: s.id, title: s.title, wordLimit: s.word_limit, words: texts[i]!.words, text: texts[i]!.text })),
      history: await statusHistory(bid.id),
    },
    { headers: offlineCopyHeaders(user.id, bid.document_id) },
  );
}

// The draft page may be kept by this member's service worker for offline use (issue 12.2).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function BidOverview() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { bid, budget, sections, history, abilities, access, user } = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, bid.currency, i18n.language);
  const over = sections.filter((s) => s.wordLimit !== null && s.words > s.wordLimit);
  return (
    <div className="bid-overview">
      {bid.status === 'awarded' || bid.status === 'not_awarded' ? (
        <section className={`notice${bid.status === 'awarded' ? '' : ' notice--info'}`} aria-labelledby="outcome-h">
          <h2 id="outcome-h">{t('bids.outcome.title')}</h2>
          <p>
            {bid.status === 'awarded' && bid.awardedAmount !== null
              ? t('bids.outcome.awardedSummary', { amount: money(bid.awardedAmount), date: bid.outcomeOn ? format.day(bid.outcomeOn) : '' })
              : t('bids.outcome.notAwardedSummary', { date: bid.outcomeOn ? format.day(bid.outcomeOn) : '' })}
          </p>
          {bid.outcomeFeedback ? (
            <blockquote dir="auto" className="bid-feedback">
              {bid.outcomeFeedback}
            </blockquote>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="draft-h">
        <h2 id="draft-h">{t('bids.draft.title')}</h2>
        {sections.length === 0 ? (
          <p>
            {t('bids.draft.noSections')}{' '}
            {abilities['bid.editSections'] ? <Link to={`/bids/${bid.id}/sections`}>{t('bids.draft.addSections')}</Link> : null}
          </p>
        ) : (
          <>
            {over.length ? (
              <p className="notice notice--warning" role="status">
                {t('bids.draft.overLimit', { count: over.length })}
              </p>
            ) : null}
            <div className="table-wrap">
              <table className="bid-counts">
                <caption>{t('bids.draft.countsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('bids.sections.name')}</th>
                    <th scope="col">{t('bids.sections.words')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sections.map((s) => {
                    const isOver = s.wordLimit !== null && s.words > s.wordLimit;
                    return (
                      <tr key={s.id}>
                        <td dir="auto">{s.title}</td>
                        <td className={isOver ? 'bid-over' : undefined}>
                          {s.wordLimit ? t('bids.sections.countOfLimit', { count: s.words, limit: s.wordLimit }) : t('bids.sections.count', { count: s.words })}
                          {isOver ? <strong> — {t('bids.sections.over', { count: s.words - s.wordLimit! })}</strong> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {bid.documentId ? (
              <>
                <p className="button-row">
                  <a href={`/documents/${bid.documentId}/history`} className="button button--secondary">
                    {t('bids.draft.history')}
                  </a>
                  <a href={`/documents/${bid.documentId}/export.docx`} className="button button--secondary">
                    {t('bids.draft.exportDocx')}
                  </a>
                  <a href={`/documents/${bid.documentId}/export.pdf`} className="button button--secondary">
                    {t('bids.draft.exportPdf')}
                  </a>
                </p>
                {access !== 'edit' ? <p className="notice notice--info">{t('bids.draft.readOnly')}</p> : null}
                <BidDraft documentId={bid.documentId} sections={sections} user={user} access={access} />
              </>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="about-h" className="card">
        <h2 id="about-h">{t('bids.about.title')}</h2>
        <dl className="bid-facts">
          <div>
            <dt>{t('bids.fields.leadOrg')}</dt>
            <dd>{bid.leadOrg ? bid.leadOrg.slug ? <Link to={`/orgs/${bid.leadOrg.slug}`}>{bid.leadOrg.name}</Link> : bid.leadOrg.name : t('bids.about.none')}</dd>
          </div>
          <div>
            <dt>{t('bids.fields.hostOrg')}</dt>
            <dd>{bid.host ? bid.host.slug ? <Link to={`/orgs/${bid.host.slug}`}>{bid.host.name}</Link> : <span dir="auto">{bid.host.name}</span> : t('bids.about.none')}</dd>
          </div>
          <div>
            <dt>{t('bids.fields.themes')}</dt>
            <dd>{bid.themes.length ? bid.themes.map((th) => t(`directory.themes.${th}`)).join(', ') : t('bids.about.none')}</dd>
          </div>
          <div>
            <dt>{t('bids.fields.skillsNeeded')}</dt>
            <dd>{bid.skillsNeeded.length ? bid.skillsNeeded.map((s) => tagLabel(t, s)).join(', ') : t('bids.about.none')}</dd>
          </div>
        </dl>
        {bid.leadOrg?.unincorporated && !bid.host ? <p className="notice notice--warning">{t('bids.about.needsHost')}</p> : null}
      </section>

      <section aria-labelledby="budget-h" className="card">
        <h2 id="budget-h">{t('bids.budget.title')}</h2>
        <p>
          {t('bids.budget.summary', { allocated: money(budget.allocated), amount: money(bid.amount) })}{' '}
          {budget.balanced ? (
            <strong>{t('bids.budget.balanced')}</strong>
          ) : budget.remainder > 0 ? (
            <strong>{t('bids.budget.remaining', { amount: money(budget.remainder) })}</strong>
          ) : (
            <strong className="bid-over">{t('bids.budget.overBy', { amount: money(-budget.remainder) })}</strong>
          )}
        </p>
        <p>
          <Link to={`/bids/${bid.id}/partners`}>{t('bids.budget.manage')}</Link>
        </p>
      </section>

      <section aria-labelledby="history-h" className="card">
        <h2 id="history-h">{t('bids.history.title')}</h2>
        <ol className="list-plain list-rows">
          {history.map((h) => (
            <li key={h.id}>
              <strong>{t(`bids.status.${h.status}`)}</strong> — <time dateTime={new Date(h.changed_at).toISOString()}>{format.dateTime(h.changed_at)}</time>
              {h.changed_by_name ? <span className="meta"> · {t('bids.history.by', { name: h.changed_by_name })}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
