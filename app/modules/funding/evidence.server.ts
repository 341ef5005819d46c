/**
 * Evidence for funders (issue 14 item 10): the round report for stewards (page, CSV, PDF — see
 * ./evidence-files.server.ts), the 360Giving export of awarded grants, and the seed-fund section of the
 * CIC34 report. Everything here is aggregate or already public by the 360Giving standard's rules;
 * nothing names an applicant who applied as an individual.
 */
import { sql } from 'kysely';
import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import { audit } from '~/modules/network/settings.server';
import { getRound, type Round } from './rounds.server';
import { roundFigures, type ApplicationCounts, type AwardFact, type RoundFigures } from './evidence';
import { csvFor, packageFor, type AwardForExport, type RoundForExport } from './giving360';

export const LESSONS_MAX = 4000;
export const SOURCE_NAME_MAX = 200;
export const SOURCE_ID_MAX = 120;

/** The network's 360Giving identifiers (stewards set them on the report page). */
export interface Giving360Identity {
  /** The prefix 360Giving registered for the network, e.g. "360G-nomi". */
  prefix: string;
  /** The network's own org-id (e.g. GB-COH-12345678 once incorporated). */
  orgId: string;
  name: string;
}
const IDENTITY_KEY = 'fundGiving360';
const DEFAULT_IDENTITY: Giving360Identity = { prefix: '360G-nomi', orgId: '360G-nomi-NETWORK', name: 'Network of Migrant Innovators' };

export async function giving360Identity(): Promise<Giving360Identity> {
  const row = await db.selectFrom('network_settings').select('value').where('key', '=', IDENTITY_KEY).executeTakeFirst();
  return row ? { ...DEFAULT_IDENTITY, ...(JSON.parse(row.value) as Partial<Giving360Identity>) } : DEFAULT_IDENTITY;
}

export async function setGiving360Identity(actor: Actor, identity: Giving360Identity): Promise<void> {
  authorize(actor, 'fundGrants.export');
  const value = JSON.stringify(identity);
  await db.insertInto('network_settings').values({ key: IDENTITY_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  await audit({ actorId: actor.id, action: 'fund_giving360.identity', subjectType: 'network', subjectId: IDENTITY_KEY, details: { ...identity } });
}

export interface RoundEvidence {
  source: { funderName: string; grantId: string } | null;
  lessons: string;
}

export async function roundEvidence(roundId: string): Promise<RoundEvidence> {
  const row = await db.selectFrom('fund_round_evidence').selectAll().where('round_id', '=', roundId).executeTakeFirst();
  return {
    source: row?.source_funder_name && row.source_grant_id ? { funderName: row.source_funder_name, grantId: row.source_grant_id } : null,
    lessons: row?.lessons ?? '',
  };
}

/** The round, or a 404 for a round the actor may not see; then the report rule. */
export async function requireReportRound(actor: Actor, roundId: string): Promise<Round> {
  const round = await getRound(actor, roundId);
  if (!round) throw new Response('Not found', { status: 404 });
  authorize(actor, 'fundRound.report', { status: round.status });
  return round;
}

export async function saveRoundEvidence(actor: Actor, roundId: string, input: RoundEvidence, now = Date.now()): Promise<void> {
  await requireReportRound(actor, roundId);
  const values = {
    source_funder_name: input.source?.funderName ?? null,
    source_grant_id: input.source?.grantId ?? null,
    lessons: input.lessons,
    updated_by: actor.id,
    updated_at: now,
  };
  await db
    .insertInto('fund_round_evidence')
    .values({ round_id: roundId, ...values })
    .onConflict((oc) => oc.column('round_id').doUpdateSet(values))
    .execute();
  await audit({ actorId: actor.id, action: 'fund_round.evidence', subjectType: 'fund_round', subjectId: roundId, details: { regrant: input.source !== null } });
}

// --- Grant reports (the fundmoney branch's `fund_reports`) ----------------------------------------------
// People reached and grantees' lessons (`did_not_work`, `learned`) come from the grants' sent reports when
// that table exists; until then the report shows awards only. Read by column name, defensively, so this
// branch works with or without it (the branches merge separately).

interface ReportsSource {
  table: string;
  appColumn: string;
  peopleColumn: string;
  lessonColumns: string[];
  orderColumn: string | null;
  submittedColumn: string | null;
}

async function reportsSource(): Promise<ReportsSource | null> {
  for (const table of ['fund_reports', 'fund_grant_reports']) {
    const cols = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
    const names = cols.rows.map((c) => c.name);
    if (!names.length) continue;
    const appColumn = ['application_id', 'award_id'].find((c) => names.includes(c));
    const peopleColumn = ['people_reached', 'reached'].find((c) => names.includes(c));
    if (!appColumn || !peopleColumn) continue;
    return {
      table,
      appColumn,
      peopleColumn,
      lessonColumns: ['did_not_work', 'what_did_not_work', 'learned', 'lessons', 'what_we_learned'].filter((c) => names.includes(c)),
      orderColumn: ['submitted_at', 'updated_at', 'created_at'].find((c) => names.includes(c)) ?? null,
      // A report that is only due (not yet sent) says nothing yet.
      submittedColumn: names.includes('submitted_at') ? 'submitted_at' : null,
    };
  }
  return null;
}

interface ReportFacts {
  people: Map<string, number>;
  lessons: string[];
}

async function reportFacts(applicationIds: string[]): Promise<ReportFacts> {
  const out: ReportFacts = { people: new Map(), lessons: [] };
  const src = applicationIds.length ? await reportsSource() : null;
  if (!src) return out;
  // Identifiers come from the fixed lists above, never from input.
  const cols = [src.appColumn, src.peopleColumn, ...src.lessonColumns].map((c) => sql.ref(c));
  const rows = await sql<Record<string, unknown>>`SELECT ${sql.join(cols)} FROM ${sql.table(src.table)} WHERE ${sql.ref(src.appColumn)} IN (${sql.join(applicationIds)}) ${src.submittedColumn ? sql`AND ${sql.ref(src.submittedColumn)} IS NOT NULL` : sql``} ORDER BY ${src.orderColumn ? sql.ref(src.orderColumn) : sql`rowid`}`.execute(db);
  for (const r of rows.rows) {
    const n = Number(r[src.peopleColumn]);
    // The latest report's number stands for the grant (an end report replaces the mid-point one).
    if (r[src.peopleColumn] !== null && Number.isFinite(n) && n >= 0) out.people.set(String(r[src.appColumn]), Math.floor(n));
    for (const c of src.lessonColumns) {
      const text = typeof r[c] === 'string' ? (r[c] as string).trim() : '';
      if (text) out.lessons.push(text);
    }
  }
  return out;
}

// --- The round report -----------------------------------------------------------------------------------

async function applicationCounts(roundIds: string[]): Promise<ApplicationCounts> {
  const rows = roundIds.length
    ? await db
        .selectFrom('fund_applications')
        .select(['status'])
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('amount')])
        .where('round_id', 'in', roundIds)
        .where('status', '!=', 'draft')
        .groupBy('status')
        .execute()
    : [];
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    submitted: rows.reduce((s, r) => s + Number(r.n), 0),
    withdrawn: n('withdrawn'),
    funded: n('funded'),
    notFunded: n('not-funded'),
    inReview: n('submitted'),
    amountRequested: rows.filter((r) => r.status !== 'withdrawn').reduce((s, r) => s + Number(r.amount ?? 0), 0),
  };
}

interface AwardRow {
  applicationId: string;
  roundId: string;
  amount: number;
  confirmedAt: number;
  kind: 'member' | 'group' | 'organisation';
  title: string;
  summary: string;
  requested: number | null;
  themes: string[];
  leadCity: string | null;
  org: { id: string; name: string; city: string | null; legalForm: string; registrationNumber: string | null } | null;
  host: { id: string; name: string; city: string | null; legalForm: string; registrationNumber: string | null } | null;
}

async function awardRows(roundIds: string[], range?: { from: number; to: number }): Promise<AwardRow[]> {
  let q = db
    .selectFrom('fund_awards as w')
    .innerJoin('fund_applications as a', 'a.id', 'w.application_id')
    .innerJoin('users as u', 'u.id', 'a.lead_id')
    .leftJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('organisations as h', 'h.id', 'a.host_org_id')
    .select([
      'w.application_id',
      'w.round_id',
      'w.amount',
      'w.confirmed_at',
      'a.kind',
      'a.title',
      'a.summary',
      'a.amount as requested',
      'a.themes',
      'u.city as lead_city',
      'o.id as org_id',
      'o.name as org_name',
      'o.city as org_city',
      'o.legal_form as org_form',
      'o.registration_number as org_reg',
      'h.id as host_id',
      'h.name as host_name',
      'h.city as host_city',
      'h.legal_form as host_form',
      'h.registration_number as host_reg',
    ])
    .orderBy('w.confirmed_at')
    .orderBy('w.application_id');
  if (roundIds.length) q = q.where('w.round_id', 'in', roundIds);
  if (range) q = q.where('w.confirmed_at', '>=', range.from).where('w.confirmed_at', '<', range.to);
  const rows = await q.execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    roundId: r.round_id,
    amount: r.amount,
    confirmedAt: r.confirmed_at,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    requested: r.requested,
    themes: JSON.parse(r.themes) as string[],
    leadCity: r.lead_city,
    org: r.org_id ? { id: r.org_id, name: r.org_name!, city: r.org_city, legalForm: r.org_form!, registrationNumber: r.org_reg } : null,
    host: r.host_id ? { id: r.host_id, name: r.host_name!, city: r.host_city, legalForm: r.host_form!, registrationNumber: r.host_reg } : null,
  }));
}

/** Where the grant's work happens: the organisation's city, else the lead applicant's. */
const cityOf = (r: AwardRow) => (r.kind === 'organisation' ? r.org?.city : null) ?? r.leadCity ?? null;

function factsOf(rows: AwardRow[], people: Map<string, number>): AwardFact[] {
  return rows.map((r) => ({ applicationId: r.applicationId, amount: r.amount, city: cityOf(r), themes: r.themes, peopleReached: people.get(r.applicationId) ?? null }));
}

export interface RoundReport {
  round: Pick<Round, 'id' | 'name' | 'status' | 'pot' | 'opensAt' | 'closesAt' | 'decidedAt' | 'decisionMethod'>;
  figures: RoundFigures;
  evidence: RoundEvidence;
  /** What grantees wrote about what did not work or what they learned — unattributed, in order. */
  granteeLessons: string[];
  /** Whether grant reports exist in this build: without them, people reached is not collected yet. */
  reportsAvailable: boolean;
}

export async function roundReport(actor: Actor, roundId: string): Promise<RoundReport> {
  const round = await requireReportRound(actor, roundId);
  const [rows, applications, evidence, src] = await Promise.all([awardRows([round.id]), applicationCounts([round.id]), roundEvidence(round.id), reportsSource()]);
  const reports = await reportFacts(rows.map((r) => r.applicationId));
  return {
    round: { id: round.id, name: round.name, status: round.status, pot: round.pot, opensAt: round.opensAt, closesAt: round.closesAt, decidedAt: round.decidedAt, decisionMethod: round.decisionMethod },
    figures: roundFigures({ pot: round.pot, applications, awards: factsOf(rows, reports.people), cities: round.cities, themes: round.themes }),
    evidence,
    granteeLessons: reports.lessons,
    reportsAvailable: src !== null,
  };
}

// --- 360Giving ---------------------------------------------------------------------------------------

const CHARITY_FORMS = new Set(['charity']);
const COMPANY_FORMS = new Set(['cic', 'company']);

function recipientOf(r: AwardRow): AwardForExport['recipient'] {
  // An unincorporated group is paid through its host organisation, which is the recipient of record (the
  // group itself is not named). A member applying alone is a person, anonymised by ./giving360.
  const org = r.kind === 'member' ? null : r.kind === 'organisation' ? r.org : r.host;
  if (!org) return { kind: 'individual' };
  const reg = org.registrationNumber?.trim() || null;
  return {
    kind: 'organisation',
    id: org.id,
    name: org.name,
    charityNumber: reg && CHARITY_FORMS.has(org.legalForm) ? reg : null,
    companyNumber: reg && COMPANY_FORMS.has(org.legalForm) ? reg : null,
    legalForm: org.legalForm,
  };
}

export interface Giving360Files {
  json: Record<string, unknown>;
  csv: string;
  grants: number;
}

/**
 * The awarded grants of one decided round, or of every decided round (`roundId` null), as a 360Giving
 * package and CSV. Rounds not yet decided have no awards to publish.
 */
export async function giving360Export(actor: Actor, roundId: string | null, now = Date.now()): Promise<Giving360Files> {
  authorize(actor, 'fundGrants.export');
  let rounds = await db.selectFrom('fund_rounds').selectAll().where('status', '=', 'decided').orderBy('decided_at').execute();
  if (roundId !== null) {
    rounds = rounds.filter((r) => r.id === roundId);
    if (!rounds.length) throw new Response('Not found', { status: 404 });
  }
  const identity = await giving360Identity();
  const rows = await awardRows(rounds.map((r) => r.id));
  const grants: Record<string, unknown>[] = [];
  const csvParts: string[] = [];
  for (const round of rounds) {
    const evidence = await roundEvidence(round.id);
    const forExport: RoundForExport = {
      id: round.id,
      name: round.name,
      prefix: identity.prefix,
      funderOrgId: identity.orgId,
      funderName: identity.name,
      source: evidence.source,
      modified: new Date(round.decided_at ?? round.updated_at),
    };
    const awards: AwardForExport[] = rows
      .filter((r) => r.roundId === round.id)
      .map((r, n) => ({
        // Not the application's id: inside the network that id leads back to the person. Awards are fixed
        // once a round is decided (in confirmation order), so the number is stable between exports.
        awardId: `${round.id}-${n + 1}`,
        title: r.title,
        summary: r.summary,
        amountApplied: r.requested ?? r.amount,
        amountAwarded: r.amount,
        awardDate: new Date(r.confirmedAt),
        city: cityName(cityOf(r)),
        themes: r.themes,
        recipient: recipientOf(r),
      }));
    grants.push(...(packageFor(forExport, awards).grants as Record<string, unknown>[]));
    const csv = csvFor(forExport, awards).replace(/^\uFEFF/, '');
    // One header for the whole file.
    csvParts.push(csvParts.length ? csv.slice(csv.indexOf('\r\n') + 2) : csv);
  }
  const title = roundId === null || !rounds[0] ? `${identity.name}: seed fund grants` : `${identity.name}: ${rounds[0].name}`;
  const emptyCsv = csvFor({ id: '', name: '', prefix: identity.prefix, funderOrgId: identity.orgId, funderName: identity.name, source: null, modified: new Date(now) }, []).replace(/^\uFEFF/, '');
  return {
    json: { version: '1.4', title, issued: new Date(now).toISOString().slice(0, 10), grants },
    csv: '\uFEFF' + (csvParts.length ? csvParts.join('') : emptyCsv),
    grants: grants.length,
  };
}

/** City slugs as the place names a funder's map understands. */
const CITY_NAMES: Record<string, string> = { birmingham: 'Birmingham', coventry: 'Coventry', wolverhampton: 'Wolverhampton', 'west-midlands': 'West Midlands' };
const cityName = (slug: string | null) => (slug ? (CITY_NAMES[slug] ?? null) : null);

// --- CIC34 ---------------------------------------------------------------------------------------------

export interface SeedFundYear {
  grants: number;
  amount: number;
  /** People reached by those grants, suppressed under 5 (null = "<5"). */
  people: RoundFigures['people'];
  byCity: RoundFigures['byCity'];
}

/**
 * The seed-fund section of the CIC34 report: grants awarded in [from, to) with their amounts and people
 * reached, by city — the round report's figures with the same suppression, over a financial year.
 */
export async function seedFundYear(from: number, to: number): Promise<SeedFundYear> {
  const rows = await awardRows([], { from, to });
  const reports = await reportFacts(rows.map((r) => r.applicationId));
  const f = roundFigures({ pot: 0, applications: { submitted: 0, withdrawn: 0, funded: 0, notFunded: 0, inReview: 0, amountRequested: 0 }, awards: factsOf(rows, reports.people), cities: [], themes: [] });
  return { grants: f.grants, amount: f.awarded, people: f.people, byCity: f.byCity };
}
