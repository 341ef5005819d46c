/**
 * Award letters (issue 14 item 7): a funded application gets a letter — in the lead applicant's
 * language and, when that is not English, followed by an English copy (the version a bank, host
 * organisation or funder can read) — with the grant, the budget and the round's conditions. The lead
 * applicant accepts it in the app, once; the time and who accepted are recorded and the stewards see
 * who has accepted.
 *
 * Access is decided by app/policies/funding.ts ('fundAward.readLetter', 'fundAward.accept',
 * 'fundRound.seeAcceptances'). The letter carries nothing from the review (no scores, no reviewer).
 */
import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import type { FundAwardSubject, FundReviewSubject } from '~/policies/funding';
import { audit } from '~/modules/network/settings.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { isLocale, textDirection } from '~/modules/i18n/config';
import { renderPdf, textBlock } from '~/modules/pdf/pdf.server';
import { formatMoney } from '~/utils/money';
import { loadApplication } from './applications.server';
import type { BudgetLine } from './rules';
import type { Round } from './rounds.server';
import { dateTimeFormat } from '~/utils/intl';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface AwardLetter {
  applicationId: string;
  /** Short reference printed on the letter and quoted in payments. */
  reference: string;
  roundName: string;
  projectTitle: string;
  applicantName: string;
  coApplicantNames: string[];
  hostOrgName: string | null;
  orgName: string | null;
  amount: number;
  asked: number | null;
  partial: boolean;
  budgetLines: BudgetLine[];
  conditions: string;
  confirmedAt: number;
  acceptedAt: number | null;
  acceptedByName: string | null;
  /** The lead applicant's language: the letter's first language. */
  locale: string;
}

export const letterReference = (applicationId: string) => `NOMI-SF-${applicationId.slice(0, 8).toUpperCase()}`;

// A UK letter: English dates the British way (3 December 2026), in London time.
const longDate = (ms: number, locale: string) => dateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'Europe/London' }).format(ms);

export interface LetterBlock {
  style: 'h1' | 'h2' | 'p' | 'item' | 'small';
  text: string;
}

/**
 * The letter's text in one language, as blocks (pure, so its content is tested without a PDF).
 * `englishFollows`: the applicant's-language copy says an English copy follows.
 */
export function letterBlocks(t: Translate, locale: string, l: AwardLetter, opts: { englishFollows?: boolean; englishCopy?: boolean } = {}): LetterBlock[] {
  const money = (n: number) => formatMoney(n, 'GBP', locale);
  const out: LetterBlock[] = [
    { style: 'h1', text: opts.englishCopy ? t('funding.award.letterTitleEnglish') : t('funding.award.letterTitle') },
    { style: 'small', text: `${t('funding.award.letterRef', { ref: l.reference })} · ${t('funding.award.letterDate', { date: longDate(l.confirmedAt, locale) })}` },
    { style: 'p', text: t('funding.award.letterTo', { name: l.applicantName }) },
  ];
  if (l.coApplicantNames.length) out.push({ style: 'p', text: t('funding.award.letterWith', { names: l.coApplicantNames.join(', ') }) });
  if (l.orgName) out.push({ style: 'p', text: t('funding.award.letterOrg', { name: l.orgName }) });
  if (l.hostOrgName) out.push({ style: 'p', text: t('funding.award.letterHost', { name: l.hostOrgName }) });
  if (opts.englishFollows) out.push({ style: 'small', text: t('funding.award.englishFollows') });
  out.push(
    { style: 'p', text: t('funding.award.letterGreeting', { name: l.applicantName }) },
    { style: 'p', text: t('funding.award.letterBody', { round: l.roundName, project: l.projectTitle, amount: money(l.amount) }) },
  );
  if (l.partial && l.asked !== null) out.push({ style: 'p', text: t('funding.award.letterPartial', { asked: money(l.asked) }) });
  if (l.budgetLines.length) {
    out.push({ style: 'h2', text: t('funding.award.letterBudget') });
    for (const b of l.budgetLines) out.push({ style: 'item', text: `${b.label}: ${money(b.amount)}` });
  }
  out.push({ style: 'h2', text: t('funding.award.conditionsTitle') });
  const conditions = l.conditions
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (conditions.length) {
    out.push({ style: 'p', text: t('funding.award.conditionsLead') });
    for (const c of conditions) out.push({ style: 'p', text: c });
  } else out.push({ style: 'p', text: t('funding.award.conditionsNone') });
  out.push({ style: 'h2', text: t('funding.award.acceptTitle') });
  out.push({
    style: 'p',
    text:
      l.acceptedAt !== null
        ? t('funding.award.letterAccepted', { date: longDate(l.acceptedAt, locale), name: l.acceptedByName ?? l.applicantName })
        : t('funding.award.letterHowToAccept'),
  });
  out.push({ style: 'p', text: t('funding.award.letterSignOff') });
  return out;
}

async function loadAward(actor: Actor, applicationId: string) {
  const { app, round, subject: appSubject } = await loadApplication(actor, applicationId);
  const award = await db.selectFrom('fund_awards').selectAll().where('application_id', '=', app.id).executeTakeFirst();
  const subject: FundAwardSubject = {
    hasAward: !!award && app.status === 'funded',
    isLead: appSubject.isLead,
    isCoApplicant: appSubject.isCoApplicant,
    accepted: !!award && award.accepted_at !== null,
  };
  authorize(actor, 'fundAward.readLetter', subject);
  return { app, round, award: award!, subject };
}

/** The letter for an application the actor may read it for (404 for anyone else, and for no award). */
export async function awardLetter(actor: Actor, applicationId: string): Promise<{ letter: AwardLetter; subject: FundAwardSubject; round: Round }> {
  const { app, round, award, subject } = await loadAward(actor, applicationId);
  const orgIds = [app.orgId, app.hostOrgId].filter((x): x is string => !!x);
  const [lead, orgs, acceptedBy] = await Promise.all([
    db.selectFrom('users').select(['name', 'locale']).where('id', '=', app.leadId).executeTakeFirstOrThrow(),
    orgIds.length ? db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    award.accepted_by ? db.selectFrom('users').select('name').where('id', '=', award.accepted_by).executeTakeFirst() : undefined,
  ]);
  const orgName = (id: string | null) => (id ? (orgs.find((o) => o.id === id)?.name ?? null) : null);
  const letter: AwardLetter = {
    applicationId: app.id,
    reference: letterReference(app.id),
    roundName: round.name,
    projectTitle: app.title,
    applicantName: lead.name,
    coApplicantNames: app.coApplicants.filter((c) => c.status === 'accepted').map((c) => c.name),
    hostOrgName: app.kind === 'group' && app.hostStatus === 'accepted' ? orgName(app.hostOrgId) : null,
    orgName: app.kind === 'organisation' ? orgName(app.orgId) : null,
    amount: award.amount,
    asked: app.amount,
    partial: award.partial === 1,
    budgetLines: app.budgetLines,
    conditions: round.conditions,
    confirmedAt: award.confirmed_at,
    acceptedAt: award.accepted_at,
    acceptedByName: award.accepted_at !== null ? (acceptedBy?.name ?? null) : null,
    locale: isLocale(lead.locale) ? lead.locale : 'en',
  };
  return { letter, subject, round };
}

const PDF_STYLES = {
  h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
  h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
  p: { margin: [0, 0, 0, 6] },
  item: { margin: [12, 0, 12, 2] },
  small: { fontSize: 9, color: '#444444', margin: [0, 0, 0, 8] },
};

/** The letter as a PDF: the applicant's language first, then (if that is not English) the English copy. */
export async function awardLetterPdf(letter: AwardLetter): Promise<Buffer> {
  const languages = letter.locale === 'en' ? ['en'] : [letter.locale, 'en'];
  const content: unknown[] = [];
  for (const [i, lng] of languages.entries()) {
    const t = await fixedT(lng);
    const blocks = letterBlocks(t, lng, letter, { englishFollows: i === 0 && languages.length > 1, englishCopy: i > 0 });
    // Text typed by people (titles, names, conditions) takes its direction from its first letter;
    // text with none follows the language of this copy.
    const fallback = textDirection(lng);
    content.push(...blocks.map((b, k) => textBlock(b.text, { style: b.style, ...(i > 0 && k === 0 ? { pageBreak: 'before' } : {}) }, { fallback })));
  }
  const en = await fixedT('en');
  return renderPdf({
    info: { title: `${en('funding.award.letterTitle')} ${letter.reference}`, creator: 'NOMI Workspace', producer: 'NOMI Workspace' },
    content,
    defaultStyle: { fontSize: 10.5, lineHeight: 1.25 },
    styles: PDF_STYLES,
    pageMargins: [48, 48, 48, 48],
  });
}

export type AcceptResult = 'ok' | 'already-accepted';

/**
 * The lead applicant accepts the award letter. Once: a second press (or a second tab) changes nothing
 * and keeps the first time. Co-applicants, stewards and reviewers are refused by the policy.
 */
export async function acceptAward(actor: Actor, applicationId: string, now = Date.now()): Promise<AcceptResult> {
  const { app, subject } = await loadAward(actor, applicationId);
  if (subject.accepted && subject.isLead) return 'already-accepted';
  authorize(actor, 'fundAward.accept', subject);
  const res = await db
    .updateTable('fund_awards')
    .set({ accepted_at: now, accepted_by: actor.id })
    .where('application_id', '=', app.id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return 'already-accepted';
  await audit({ actorId: actor.id, action: 'fund_award.accepted', subjectType: 'fund_application', subjectId: app.id });
  return 'ok';
}

export interface Acceptance {
  applicationId: string;
  title: string;
  leadName: string;
  amount: number;
  acceptedAt: number | null;
}

/** Every award of a decided round and whether its letter was accepted: for the stewards. */
export async function acceptances(actor: Actor, round: Round, subject: FundReviewSubject): Promise<Acceptance[]> {
  authorize(actor, 'fundRound.seeAcceptances', subject);
  const rows = await db
    .selectFrom('fund_awards')
    .innerJoin('fund_applications', 'fund_applications.id', 'fund_awards.application_id')
    .innerJoin('users', 'users.id', 'fund_applications.lead_id')
    .select(['fund_awards.application_id', 'fund_applications.title', 'users.name', 'fund_awards.amount', 'fund_awards.accepted_at'])
    .where('fund_awards.round_id', '=', round.id)
    .orderBy('fund_applications.title')
    .execute();
  return rows.map((r) => ({ applicationId: r.application_id, title: r.title, leadName: r.name, amount: r.amount, acceptedAt: r.accepted_at }));
}

/**
 * Once a round is decided, every applicant hears it in their own language (the notification's email
 * is written with the recipient's locale): funded ones are sent to their award letter, the others to
 * their feedback. Lead applicants and co-applicants who confirmed; the title is theirs to see.
 */
export async function notifyDecision(roundId: string): Promise<void> {
  const { notify } = await import('~/modules/notifications/notifications.server');
  const apps = await db.selectFrom('fund_applications').select(['id', 'title', 'lead_id', 'status']).where('round_id', '=', roundId).where('status', 'in', ['funded', 'not-funded']).execute();
  const co = apps.length
    ? await db.selectFrom('fund_co_applicants').select(['application_id', 'user_id']).where('application_id', 'in', apps.map((a) => a.id)).where('status', '=', 'accepted').execute()
    : [];
  for (const a of apps) {
    const people = new Set([a.lead_id, ...co.filter((c) => c.application_id === a.id).map((c) => c.user_id)]);
    const message =
      a.status === 'funded'
        ? { kind: 'funding.awarded', params: { title: a.title }, link: `/funds/applications/${a.id}/award` }
        : { kind: 'funding.not_funded', params: { title: a.title }, link: `/funds/applications/${a.id}` };
    for (const userId of people) await notify({ userId, ...message });
  }
}
