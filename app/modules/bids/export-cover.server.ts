/**
 * The cover a bid's exports (PDF and Word) start with — what a funder expects to read first: the
 * bid's title, funder and call, deadline, amount, the partners and how the budget is split between
 * them, and each section's word count against its limit (issue 12.6).
 *
 * Names: the export leaves the network (it is written for a funder), so a partner is named only if
 * they chose "show my name" for this bid (`bid_partners.show_name`, the same choice that governs the
 * funding call), and only while their account is active. Everyone else is listed by role and share
 * alone. No contact detail (email, phone, WhatsApp) is ever put on the cover, whatever its directory
 * visibility: a funder contacts the lead through the bid itself.
 */
import { db } from '~db/connection';
import type { ExportCover } from '~/modules/collab/access.server';
import { BID_TIME_ZONE, formatMoney, sectionField } from './constants';
import { sectionTexts } from './document.server';
import { dateTimeFormat, numberFormat } from '~/utils/intl';

type T = (key: string, values?: Record<string, unknown>) => string;

async function coverPartners(bidId: string) {
  return db
    .selectFrom('bid_partners as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .leftJoin('organisations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.kind', 'p.role', 'p.budget_share', 'p.show_name', 'p.delivers', 'u.name as user_name', 'u.status as user_status', 'o.name as org_name'])
    .where('p.bid_id', '=', bidId)
    .where('p.status', '=', 'accepted')
    // Reviewers read and comment; they are not partners in the bid the funder receives.
    .where('p.role', '!=', 'reviewer')
    .orderBy('p.role') // 'lead' before 'partner'
    .orderBy('p.created_at')
    .execute();
}

export async function bidExportCover(bidId: string, { t, locale, documentId }: { t: T; locale: string; documentId: string }): Promise<ExportCover | null> {
  const bid = await db.selectFrom('bids').select(['title', 'funder', 'call_name', 'deadline', 'amount', 'currency']).where('id', '=', bidId).executeTakeFirst();
  if (!bid) return null;
  const money = (minor: number) => formatMoney(minor, bid.currency, locale);
  const deadline = dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: BID_TIME_ZONE }).format(bid.deadline);

  const partners = (await coverPartners(bidId)).filter((p) => (p.kind === 'org' ? p.org_name !== null : p.user_name !== null));
  const shown = (p: (typeof partners)[number]) => {
    if (!p.show_name) return null;
    if (p.kind === 'org') return p.org_name;
    return p.user_status === 'active' ? p.user_name : null;
  };
  const allocated = partners.reduce((sum, p) => sum + p.budget_share, 0);
  const anyHidden = partners.some((p) => shown(p) === null);

  const sections = await db.selectFrom('bid_sections').select(['id', 'title', 'word_limit']).where('bid_id', '=', bidId).orderBy('position').orderBy('created_at').execute();
  const texts = await sectionTexts(documentId, sections.map((s) => s.id));
  const words = new Map(texts.map((s) => [sectionField(s.id), s.words]));
  const count = (n: number) => numberFormat(locale).format(n);

  return {
    facts: [
      { label: t('bids.cover.funder'), value: bid.funder },
      ...(bid.call_name ? [{ label: t('bids.cover.call'), value: bid.call_name }] : []),
      { label: t('bids.cover.deadline'), value: deadline },
      { label: t('bids.cover.amount'), value: money(bid.amount) },
    ],
    tables: [
      {
        title: t('bids.cover.partners'),
        head: [t('bids.cover.partner'), t('bids.cover.role'), t('bids.cover.delivers'), t('bids.cover.share')],
        rows: partners.map((p) => [
          shown(p) ?? t('bids.cover.notNamed'),
          t(`bids.roles.${p.role}`),
          p.delivers,
          money(p.budget_share),
        ]),
        foot: [
          t('bids.cover.allocated'),
          '',
          allocated === bid.amount ? '' : t('bids.cover.unallocated', { amount: money(bid.amount - allocated) }),
          money(allocated),
        ],
        note: anyHidden ? t('bids.cover.notNamedNote') : undefined,
      },
      {
        title: t('bids.cover.words'),
        head: [t('bids.cover.section'), t('bids.cover.wordCount'), t('bids.cover.limit')],
        rows: sections.map((s) => {
          const n = words.get(sectionField(s.id)) ?? 0;
          const status = s.word_limit == null ? '' : n > s.word_limit ? ` · ${t('bids.cover.over', { count: n - s.word_limit })}` : '';
          return [s.title, count(n), s.word_limit == null ? t('bids.cover.noLimit') : `${count(s.word_limit)}${status}`];
        }),
      },
    ],
  };
}
