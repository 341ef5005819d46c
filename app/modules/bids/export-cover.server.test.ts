import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { readZipEntry } from '../../../test/collab-unzip';
import { createSessionCookie } from '~/modules/auth/session.server';
import { setFieldsContent } from '~/modules/collab/content.server';
import { localeCookie } from '~/modules/i18n/i18next.server';
import { loader as pdfLoader } from '~/routes/documents.$id.export[.]pdf';
import { loader as docxLoader } from '~/routes/documents.$id.export[.]docx';
import { newId } from '~/modules/auth/tokens.server';
import { addOrgPartner, addPartner, createBid, listPartners, listSections, respondToOrgInvitation, setBudget, setShowName } from './bids.server';
import { sectionField } from './constants';

/**
 * Issue 12.6: both exports start with the cover a funder expects — title, funder, deadline, amount,
 * partners with the budget split, and each section's word count against its limit — through the real
 * export routes (session, language cookie). A partner who has not chosen to show their name on the
 * bid is not named, and no contact detail (email, phone) of anyone reaches the file, even one the
 * directory shows to members. PDF text is read back with Poppler's pdftotext, the DOCX from its XML.
 */
const words = (n: number, word = 'word') => Array.from({ length: n }, () => word).join(' ');

async function bidWithPartners(over: { title: string; funder: string; locale: string }) {
  const lead = await makeMember({ name: 'Amina Lead', locale: over.locale });
  const hidden = await makeMember({ name: 'Hidden Partnerperson', email: `hidden-${Date.now()}@example.org`, locale: over.locale });
  // Contact details members may see in the directory: still never on a cover.
  await db
    .insertInto('profiles')
    .values({ user_id: hidden.id, headline: '', bio: '', mentoring_open: 0, mentoring_at_capacity: 0, mentoring_areas: '[]', matching_opt_out: 0, updated_at: Date.now(), phone: '07700 900123', phone_visibility: 'members', email_visibility: 'members' })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ phone: '07700 900123', phone_visibility: 'members', email_visibility: 'members' }))
    .execute();
  const id = await createBid(
    { title: over.title, funder: over.funder, deadline: Date.UTC(2027, 2, 15, 17, 0), amount: 12_000_00, currency: 'GBP', themes: ['housing'], skillsNeeded: [], template: 'awards-for-all' },
    lead,
    over.locale,
  );
  await addPartner(id, { userId: hidden.id, role: 'partner', budgetShare: 0, delivers: 'Outreach' }, lead);
  const partners = await listPartners(id);
  const leadRow = partners.find((p) => p.user_id === lead.id)!;
  const hiddenRow = partners.find((p) => p.user_id === hidden.id)!;
  await setBudget(lead, id, { [leadRow.id]: 8_000_00, [hiddenRow.id]: 4_000_00 });
  // The lead chose to show their name on this bid; the other partner did not.
  expect(await setShowName(lead, id, leadRow.id, true)).toBe(true);
  const sections = await listSections(id);
  const bid = await db.selectFrom('bids').select('document_id').where('id', '=', id).executeTakeFirstOrThrow();
  return { id, lead, hidden, sections, documentId: bid.document_id! };
}

async function download(kind: 'pdf' | 'docx', documentId: string, userId: string, locale: string): Promise<Buffer> {
  const cookie = [(await createSessionCookie(userId)).split(';')[0], (await localeCookie.serialize(locale)).split(';')[0]].join('; ');
  const request = new Request(`http://localhost/documents/${documentId}/export.${kind}`, { headers: { cookie } });
  const loader = kind === 'pdf' ? pdfLoader : docxLoader;
  const response = (await loader({ request, params: { id: documentId }, context: { cspNonce: '' } })) as Response;
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-cover-'));
  try {
    fs.writeFileSync(path.join(dir, 'c.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of word/document.xml's runs, paragraph by paragraph. */
function docxParagraphs(docx: Buffer): string[] {
  const xml = readZipEntry(docx, 'word/document.xml')!;
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => (p.match(/<w:t[^>]*>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''));
}

/** Words only (Poppler's placement of neutral punctuation and spaces is its own guess). */
const norm = (s: string) => s.replace(/[\p{P}\p{S}\u202a-\u202e\u2066-\u2069\u200c-\u200f]/gu, ' ').replace(/\s+/g, ' ').trim();

describe('export cover (English)', () => {
  it('PDF and DOCX open with title, funder, deadline, amount, partners, budget split and word counts; no hidden name or contact', async () => {
    const bid = await bidWithPartners({ title: 'Safe homes, strong voices', funder: 'The National Lottery Community Fund', locale: 'en' });
    const [first, second] = bid.sections;
    await setFieldsContent(bid.documentId, { [sectionField(first!.id)]: words(first!.word_limit! + 2), [sectionField(second!.id)]: words(7) });
    const text = pdfText(await download('pdf', bid.documentId, bid.lead.id, 'en'));
    const cover = text.split('\f')[0]!;
    expect(cover).toContain('Safe homes, strong voices');
    expect(cover).toMatch(/Funder:\s+The National Lottery Community Fund/);
    // In the reader's language's format, UK time (the bid page's own format).
    const deadline = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(Date.UTC(2027, 2, 15, 17, 0));
    expect(cover).toContain(`Deadline: ${deadline}`);
    expect(cover).toMatch(/Amount requested:\s+£12,000/);
    expect(cover).toMatch(/Amina Lead\s+Lead\s+£8,000/);
    expect(cover).toMatch(/Partner \(name not shown\)\s+Partner\s+Outreach\s+£4,000/);
    expect(cover).toMatch(/Total allocated\s+£12,000/);
    expect(cover).toMatch(new RegExp(`${first!.title}\\s+${first!.word_limit! + 2}\\s+${first!.word_limit} · 2 words over`));
    expect(cover).toMatch(new RegExp(`${second!.title}\\s+7\\s+${second!.word_limit}`));
    // The document itself starts on the next page.
    expect(text.split('\f')[1]).toContain(first!.title);
    for (const secret of ['Hidden', 'Partnerperson', bid.hidden.email, '07700', '900123', bid.lead.email]) expect(text).not.toContain(secret);

    const docx = await download('docx', bid.documentId, bid.lead.id, 'en');
    const paragraphs = docxParagraphs(docx);
    expect(paragraphs[0]).toBe('Safe homes, strong voices');
    expect(paragraphs).toContain('Funder: The National Lottery Community Fund');
    expect(paragraphs).toContain(`Deadline: ${deadline}`);
    expect(paragraphs).toContain('Amount requested: £12,000');
    const joined = paragraphs.join('|');
    expect(joined).toContain('Amina Lead|Lead||£8,000');
    expect(joined).toContain('Partner (name not shown)|Partner|Outreach|£4,000');
    expect(joined).toContain(`${first!.title}|${first!.word_limit! + 2}|${first!.word_limit} · 2 words over`);
    const xml = readZipEntry(docx, 'word/document.xml')!;
    for (const secret of ['Hidden', 'Partnerperson', bid.hidden.email, '07700', '900123', bid.lead.email]) expect(xml).not.toContain(secret);
  });

  it('names the partner once they choose to show their name', async () => {
    const bid = await bidWithPartners({ title: 'Shown', funder: 'Funder', locale: 'en' });
    const row = (await listPartners(bid.id)).find((p) => p.user_id === bid.hidden.id)!;
    await setShowName(bid.hidden, bid.id, row.id, true);
    const text = pdfText(await download('pdf', bid.documentId, bid.hidden.id, 'en'));
    expect(text).toMatch(/Hidden Partnerperson\s+Partner\s+Outreach\s+£4,000/);
    expect(text).not.toContain('07700');
  });
});

async function makeOrg(name: string, leadId: string) {
  const id = newId();
  const now = Date.now();
  await db
    .insertInto('organisations')
    .values({ id, slug: `org-${id.toLowerCase()}`, name, description: '', city: null, legal_form: 'charity', registration_number: null, host_org_id: null, host_org_name: null, year_started: null, website: null, public_listing: 0, created_by: leadId, created_at: now, updated_at: now })
    .execute();
  await db.insertInto('organisation_members').values({ org_id: id, user_id: leadId, role: 'lead', created_at: now }).execute();
  return id;
}

describe('export cover: organisation partners', () => {
  it('lists an organisation once it accepted, named only when its lead chose to show the name', async () => {
    const bid = await bidWithPartners({ title: 'With organisations', funder: 'Funder', locale: 'en' });
    const orgLead = await makeMember({ name: 'Org Lead' });
    const quiet = await makeOrg('Quiet Housing Trust', orgLead.id);
    const pending = await makeOrg('Pending Arts Collective', orgLead.id);
    const quietRow = await addOrgPartner(bid.id, { orgId: quiet, role: 'partner', budgetShare: 0, delivers: 'Tenancy advice' }, bid.lead);
    await addOrgPartner(bid.id, { orgId: pending, role: 'partner', budgetShare: 0 }, bid.lead);
    await respondToOrgInvitation(orgLead, quietRow, true);

    let text = pdfText(await download('pdf', bid.documentId, bid.lead.id, 'en'));
    expect(text).not.toContain('Quiet Housing Trust');
    expect(text).toMatch(/Partner \(name not shown\)\s+Partner\s+Tenancy advice/);
    // An invitation not yet accepted is not a partner in the bid.
    expect(text).not.toContain('Pending Arts');

    expect(await setShowName(orgLead, bid.id, quietRow, true)).toBe(true);
    text = pdfText(await download('pdf', bid.documentId, bid.lead.id, 'en'));
    expect(text).toMatch(/Quiet Housing Trust\s+Partner\s+Tenancy advice/);
  });
});

describe('export cover (Arabic)', () => {
  it('is in Arabic, right to left, with the same facts and no hidden name', async () => {
    const bid = await bidWithPartners({ title: 'بيوت آمنة وأصوات قوية', funder: 'صندوق المجتمع الوطني', locale: 'ar' });
    const [first] = bid.sections;
    await setFieldsContent(bid.documentId, { [sectionField(first!.id)]: 'نقدم وجبات ساخنة للعائلات في كوفنتري' });

    const pdf = await download('pdf', bid.documentId, bid.lead.id, 'ar');
    const text = norm(pdfText(pdf).split('\f')[0]!);
    for (const expected of ['بيوت آمنة وأصوات قوية', 'صندوق المجتمع الوطني', 'الموعد النهائي', 'المبلغ المطلوب', 'الشركاء وتوزيع الميزانية', 'شريك الاسم غير ظاهر', 'عدد الكلمات', 'Amina Lead']) {
      expect(text).toContain(norm(expected));
    }
    expect(text).not.toContain('Hidden');

    const docx = await download('docx', bid.documentId, bid.lead.id, 'ar');
    const xml = readZipEntry(docx, 'word/document.xml')!;
    const paragraph = (needle: string) => (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).find((p) => p.includes(needle))!;
    for (const needle of ['بيوت آمنة', 'الموعد النهائي', 'شريك (الاسم غير ظاهر)', 'عدد الكلمات']) {
      expect(paragraph(needle), needle).toMatch(/<w:pPr>[\s\S]*<w:bidi\/>[\s\S]*<\/w:pPr>/);
      expect(paragraph(needle), needle).toMatch(/<w:rtl\/>/);
    }
    // The cover's tables read from the right (w:bidiVisual).
    expect(xml).toMatch(/<w:tblPr>[\s\S]*?<w:bidiVisual\/>/);
    // A Latin name in an Arabic table stays left to right.
    expect(paragraph('Amina Lead')).not.toContain('<w:bidi');
    expect(xml).not.toContain('Hidden');
    expect(xml).not.toContain('07700');
  });
});
