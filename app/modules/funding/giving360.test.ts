/**
 * The 360Giving export validated against the standard's own JSON schema: `schema/360-giving-schema.json`
 * from github.com/ThreeSixtyGiving/standard at commit 9387abcf8fa3db035b1ae9584c1ec68ae561af70 (schema
 * version 1.4.3), copied unchanged to ./fixtures/360-giving-schema.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { csvFor, grantsFor, packageFor, type AwardForExport, type RoundForExport } from './giving360';

const schema = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', '360-giving-schema.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The file declares "http://json-schema.org/draft/2020-12/schema" (http, not https), which Ajv's
// 2020-12 build does not know by that name; the dialect is the same, so compile without the tag.
const { $schema: _dialect, ...schemaBody } = schema;
const validate = ajv.compile(schemaBody);

const round: RoundForExport = {
  id: 'r2026',
  name: 'Seed fund spring 2026',
  prefix: '360G-nomi',
  funderOrgId: 'GB-COH-16000000',
  funderName: 'Network of Migrant Innovators CIC',
  source: { funderName: 'Example Community Foundation', grantId: '360G-examplecf-G123' },
  modified: new Date('2026-06-01T10:00:00Z'),
};
const awards: AwardForExport[] = [
  {
    awardId: 'a1',
    title: 'Kitchen table Arabic–English club',
    summary: 'Weekly language exchange over food in Coventry.',
    amountApplied: 3000,
    amountAwarded: 3000,
    awardDate: new Date('2026-05-20T12:00:00Z'),
    city: 'Coventry',
    themes: ['language-culture'],
    recipient: { kind: 'individual' },
  },
  {
    awardId: 'a2',
    title: 'Repair café',
    summary: 'Fixing furniture with young people leaving care.',
    amountApplied: 4000,
    amountAwarded: 2500,
    awardDate: new Date('2026-05-20T12:00:00Z'),
    city: 'Wolverhampton',
    themes: ['environment'],
    recipient: { kind: 'organisation', id: 'org9', name: 'Upcycle Collective', legalForm: 'unincorporated' },
    plannedStart: new Date('2026-06-01'),
    plannedEnd: new Date('2026-12-01'),
  },
  {
    awardId: 'a3',
    title: 'Health champions',
    summary: 'Peer health navigators.',
    amountApplied: 2000,
    amountAwarded: 2000,
    awardDate: new Date('2026-05-20T12:00:00Z'),
    city: 'Birmingham',
    themes: [],
    recipient: { kind: 'organisation', id: 'org3', name: 'Sahara Health CIC', companyNumber: '12345678', legalForm: 'cic' },
  },
];

describe('360Giving export', () => {
  it('every grant validates against the 360Giving schema', () => {
    for (const g of grantsFor(round, awards)) {
      const ok = validate(g);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema is really checking: a grant without an amount fails', () => {
    const g = { ...grantsFor(round, awards)[0] };
    delete g.amountAwarded;
    expect(validate(g)).toBe(false);
  });

  it('anonymises individuals: no name, no title, no database id', () => {
    const [ind] = grantsFor(round, awards);
    expect(ind.recipientIndividual).toEqual({ id: '360G-nomi-IND-r2026-1', name: 'Individual Recipient' });
    const text = JSON.stringify(ind);
    expect(text).not.toContain('Kitchen table');
    expect(ind.recipientOrganization).toBeUndefined();
  });

  it('marks re-grants with the source funder’s grant', () => {
    for (const g of grantsFor(round, awards)) {
      expect(g.relatedActivity).toEqual(['360G-examplecf-G123']);
      expect(JSON.stringify(g.classifications)).toContain('Re-grant of funds from Example Community Foundation');
    }
    expect(grantsFor({ ...round, source: null }, awards)[0].relatedActivity).toBeUndefined();
  });

  it('uses register numbers for organisation identifiers when there are any', () => {
    const g = grantsFor(round, awards);
    expect((g[1].recipientOrganization as { id: string }[])[0].id).toBe('360G-nomi-ORG-org9');
    expect((g[2].recipientOrganization as { id: string }[])[0].id).toBe('GB-COH-12345678');
  });

  it('writes a package and the standard’s CSV columns', () => {
    expect((packageFor(round, awards).grants as unknown[]).length).toBe(3);
    const csv = csvFor(round, awards);
    const [header, first] = csv.replace('\uFEFF', '').split('\r\n');
    expect(header).toContain('"Recipient Ind:Name"');
    expect(first).toContain('"Individual Recipient"');
    expect(csv).not.toContain('Kitchen table');
  });
});
