/**
 * 360Giving Data Standard export (https://standard.threesixtygiving.org, schema 1.4.3) of the grants a
 * round awarded, as JSON (a grant package) and as the standard's flattened CSV.
 *
 * Individuals are anonymised as the standard's guidance for grants to individuals asks: the recipient
 * is "Individual Recipient" with an identifier that means nothing outside this file, the description
 * says what kind of project it was without naming anyone, and the location is the city only.
 *
 * Re-grants: when a round's pot came from another funder, each onward grant says so — a
 * `relatedActivity` pointing at that funder's grant to the network, and a classification
 * "Re-grant". (`regrantType` belongs on the funder's grant *to* the network, FRG010, not on ours.)
 */
export interface AwardForExport {
  awardId: string;
  title: string;
  /** The applicant's public summary — used only for organisations. */
  summary: string;
  amountApplied: number;
  amountAwarded: number;
  awardDate: Date;
  city: string | null;
  themes: string[];
  recipient:
    | { kind: 'individual' }
    | { kind: 'organisation'; id: string; name: string; charityNumber?: string | null; companyNumber?: string | null; legalForm: string };
  plannedStart?: Date | null;
  plannedEnd?: Date | null;
}

export interface RoundForExport {
  id: string;
  name: string;
  /** The network's 360Giving identifier prefix, e.g. "360G-nomi". */
  prefix: string;
  funderOrgId: string;
  funderName: string;
  /** Where the pot came from, if it was re-granted. */
  source: { funderName: string; grantId: string } | null;
  modified: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function orgIdentifier(prefix: string, r: Extract<AwardForExport['recipient'], { kind: 'organisation' }>): string {
  if (r.charityNumber) return `GB-CHC-${r.charityNumber}`;
  if (r.companyNumber) return `GB-COH-${r.companyNumber}`;
  // Unincorporated groups have no register number: an identifier under our own prefix.
  return `${prefix}-ORG-${r.id}`;
}

export function grantsFor(round: RoundForExport, awards: readonly AwardForExport[]): Record<string, unknown>[] {
  return awards.map((a, index) => {
    const individual = a.recipient.kind === 'individual';
    const themes = a.themes.join(', ');
    const grant: Record<string, unknown> = {
      id: `${round.prefix}-${a.awardId}`,
      title: individual ? `Seed grant to an individual: ${round.name}` : a.title,
      description: individual ? `Seed grant for a community project${themes ? ` (${themes})` : ''}.` : a.summary || a.title,
      currency: 'GBP',
      amountAppliedFor: a.amountApplied,
      amountAwarded: a.amountAwarded,
      awardDate: day(a.awardDate),
      fromOpenCall: 'Yes',
      fundingOrganization: [{ id: round.funderOrgId, name: round.funderName }],
      grantProgramme: [{ code: round.id, title: round.name }],
      dateModified: round.modified.toISOString(),
    };
    if (individual) {
      // Index in this file, not any id from our database: nothing links back to the person.
      grant.recipientIndividual = { id: `${round.prefix}-IND-${round.id}-${index + 1}`, name: 'Individual Recipient' };
      grant.toIndividualsDetails = { primaryGrantReason: 'GTIR120', grantPurpose: ['GTIP160'] };
    } else {
      const r = a.recipient as Extract<AwardForExport['recipient'], { kind: 'organisation' }>;
      const org: Record<string, unknown> = { id: orgIdentifier(round.prefix, r), name: r.name };
      if (r.charityNumber) org.charityNumber = r.charityNumber;
      if (r.companyNumber) org.companyNumber = r.companyNumber;
      if (a.city) org.addressLocality = a.city;
      org.addressCountry = 'GB';
      grant.recipientOrganization = [org];
    }
    if (a.city) grant.beneficiaryLocation = [{ name: a.city, countryCode: 'GB' }];
    if (a.plannedStart && a.plannedEnd) grant.plannedDates = [{ startDate: day(a.plannedStart), endDate: day(a.plannedEnd) }];
    if (a.themes.length) grant.classifications = a.themes.map((t) => ({ vocabulary: `${round.prefix}-themes`, code: t, title: t }));
    if (round.source) {
      grant.relatedActivity = [round.source.grantId];
      grant.classifications = [
        ...((grant.classifications as unknown[]) ?? []),
        { vocabulary: `${round.prefix}-funding-source`, code: 'regrant', title: `Re-grant of funds from ${round.source.funderName}` },
      ];
    }
    return grant;
  });
}

export function packageFor(round: RoundForExport, awards: readonly AwardForExport[]): Record<string, unknown> {
  return {
    version: '1.4',
    title: `${round.funderName}: ${round.name}`,
    issued: day(round.modified),
    grants: grantsFor(round, awards),
  };
}

/** The standard's CSV column titles for the fields we publish. */
const COLUMNS: [string, (g: Record<string, any>) => unknown][] = [
  ['Identifier', (g) => g.id],
  ['Title', (g) => g.title],
  ['Description', (g) => g.description],
  ['Currency', (g) => g.currency],
  ['Amount Applied For', (g) => g.amountAppliedFor],
  ['Amount Awarded', (g) => g.amountAwarded],
  ['Award Date', (g) => g.awardDate],
  ['Recipient Org:Identifier', (g) => g.recipientOrganization?.[0]?.id],
  ['Recipient Org:Name', (g) => g.recipientOrganization?.[0]?.name],
  ['Recipient Org:Charity Number', (g) => g.recipientOrganization?.[0]?.charityNumber],
  ['Recipient Org:Company Number', (g) => g.recipientOrganization?.[0]?.companyNumber],
  ['Recipient Ind:Identifier', (g) => g.recipientIndividual?.id],
  ['Recipient Ind:Name', (g) => g.recipientIndividual?.name],
  ['To Individuals Details:Primary Grant Reason', (g) => g.toIndividualsDetails?.primaryGrantReason],
  ['To Individuals Details:Grant Purpose', (g) => g.toIndividualsDetails?.grantPurpose?.join(';')],
  ['Funding Org:Identifier', (g) => g.fundingOrganization[0].id],
  ['Funding Org:Name', (g) => g.fundingOrganization[0].name],
  ['Grant Programme:Code', (g) => g.grantProgramme[0].code],
  ['Grant Programme:Title', (g) => g.grantProgramme[0].title],
  ['Beneficiary Location:Name', (g) => g.beneficiaryLocation?.[0]?.name],
  ['Beneficiary Location:Country Code', (g) => g.beneficiaryLocation?.[0]?.countryCode],
  ['Planned Dates:Start Date', (g) => g.plannedDates?.[0]?.startDate],
  ['Planned Dates:End Date', (g) => g.plannedDates?.[0]?.endDate],
  ['From An Open Call?', (g) => g.fromOpenCall],
  ['Related Activity', (g) => g.relatedActivity?.join(';')],
  ['Last Modified', (g) => g.dateModified],
];

function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no spreadsheet formulas
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvFor(round: RoundForExport, awards: readonly AwardForExport[]): string {
  const grants = grantsFor(round, awards);
  const rows = [COLUMNS.map(([h]) => h), ...grants.map((g) => COLUMNS.map(([, f]) => f(g)))];
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
