/**
 * "My applications and grants" (/funds): each member finds their own applications — as lead or as a
 * co-applicant who has not declined — with the state and the next step, and never anyone else's. Read
 * against the demo network (db/seed/funding*.ts), which has a decided and an open round, plus a round
 * decided by the panel while a group's host never answered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { seedFoundation } from '~db/seed/foundation';
import { seedDirectory } from '~db/seed/directory';
import { seedFunding } from '~db/seed/funding';
import { AUTUMN_ROUND } from '~db/seed/funding-autumn';
import { SPRING_ROUND } from '~db/seed/funding-spring';
import { WINTER_ROUND } from '~db/seed/funding-winter';
import { createSessionCookie } from '~/modules/auth/session.server';
import { loader as applicationPage } from '~/routes/funds.applications.$appId';
import { loader as fundsPage } from '~/routes/funds._index';
import { loader as roundPage } from '~/routes/funds.$id._index';
import { makeMember } from '../../../test/factories';
import { myApplications, type MyApplication } from './mine.server';
import { createRound, openRound } from './rounds.server';
import { respondAsCoApplicant, saveApplication, startApplication, type DraftInput } from './applications.server';
import { hostRequestsFor } from './consent.server';
import { confirmAwards, openReview } from './panel.server';
import { submitScores } from './reviews.server';

const DAY = 86_400_000;
let people: Record<string, string>;
const as = (key: string) => ({ id: people[key]!, role: key === 'steward' ? ('steward' as const) : ('member' as const) });
const mine = (key: string) => myApplications(as(key));
const inRound = (list: MyApplication[], round: string) => list.filter((a) => a.roundName === round);

async function call(loader: unknown, url: string, userKey: string, params: Record<string, string> = {}) {
  const cookie = (await createSessionCookie(people[userKey]!)).split(';')[0]!;
  const res = (await (loader as (a: unknown) => Promise<Response>)({ request: new Request(`http://localhost${url}`, { headers: { cookie } }), params, context: { cspNonce: '' } })) as Response;
  return res.json();
}

/** A panel-decided round in which bilal's group named a host that never answered, and sofia declined layla's invitation. */
async function panelRoundWithSilentHost() {
  const steward = as('steward');
  const past = Date.now() - 30 * DAY;
  const r = await createRound(
    steward,
    { name: 'Panel round, silent host', description: 'd', pot: 2_000, minGrant: 100, maxGrant: 1_000, themes: [], cities: [], eligibility: [], questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false, minLivedExperience: 0, opensAt: past, closesAt: Date.now() - 2 * DAY, panel: [people.mentor1!] },
    past,
  );
  if (!('id' in r)) throw new Error('round refused');
  await openRound(steward, r.id, past);
  const host = await db.selectFrom('organisations').select('id').where('slug', '=', 'brum-community-trust').executeTakeFirstOrThrow();
  const ids: Record<string, string> = {};
  const who: [string, Pick<DraftInput, 'kind' | 'hostOrgId' | 'coApplicantIds'>][] = [
    ['bilal', { kind: 'group', hostOrgId: host.id, coApplicantIds: [] }],
    ['farah', { kind: 'member', hostOrgId: null, coApplicantIds: [] }],
    ['layla', { kind: 'member', hostOrgId: null, coApplicantIds: [people.sofia!] }],
  ];
  for (const [key, extra] of who) {
    const s = await startApplication(as(key), r.id, {}, past);
    if (!('id' in s)) throw new Error('application refused');
    ids[key] = s.id;
    await saveApplication(as(key), s.id, { title: `Project of ${key}`, summary: 'S', amount: 800, budgetLines: [{ label: 'All', amount: 800 }], themes: [], orgId: null, answers: { q1: 'Do it.' }, media: {}, removeMedia: [], ...extra }, { submit: true }, past);
  }
  await respondAsCoApplicant(as('sofia'), ids.layla!, false, past + DAY);
  await openReview(steward, r.id, Date.now() - DAY);
  await submitScores(as('mentor1'), ids.farah!, { c1: { score: 4, comment: 'Good.' } }, Date.now() - DAY);
  await confirmAwards(steward, r.id, Date.now() - DAY);
  return ids;
}

let silent: Record<string, string>;

beforeAll(async () => {
  people = await seedFoundation('demo-password-2026');
  await seedDirectory(people);
  await seedFunding(people);
  silent = await panelRoundWithSilentHost();
}, 120_000);

describe('my applications and grants', () => {
  it('shows a grant that closed with both reports, one that stopped early, and one with its end report still due', async () => {
    expect(inRound(await mine('amina'), AUTUMN_ROUND)).toEqual([
      expect.objectContaining({ role: 'lead', stage: 'closed', awarded: 2_000, next: { key: 'see-grant' }, reports: [expect.objectContaining({ kind: 'mid', status: 'submitted' }), expect.objectContaining({ kind: 'end', status: 'submitted' })] }),
    ]);
    expect(inRound(await mine('olena'), AUTUMN_ROUND)[0]).toMatchObject({ stage: 'closed-early' });
    const layla = inRound(await mine('layla'), AUTUMN_ROUND)[0]!;
    expect(layla).toMatchObject({ stage: 'report-due', next: { key: 'write-report', report: 'end', overdue: false } });
    expect(layla.next).toHaveProperty('dueOn');
  });

  it('lists a co-applicant’s grant too, marked as theirs to co-apply', async () => {
    expect(inRound(await mine('sofia'), AUTUMN_ROUND)).toEqual([expect.objectContaining({ title: 'Kurdish women’s story nights', role: 'co-applicant', stage: 'report-due' })]);
  });

  it('shows not funded with the feedback as next step, and a group whose host never answered as not counted', async () => {
    expect(inRound(await mine('chidi'), AUTUMN_ROUND)[0]).toMatchObject({ stage: 'not-funded', next: { key: 'read-feedback' } });
    // The members' vote marked it "not funded" with the rest; it was never reviewed or on the ballot.
    expect(inRound(await mine('bilal'), AUTUMN_ROUND)[0]).toMatchObject({ stage: 'did-not-count', waitingFor: ['host'], next: { key: 'next-round' } });
  });

  it('shows the open round: submitted (edit until the close), waiting for the host, drafts, and a co-applicant asked to confirm', async () => {
    expect(inRound(await mine('ioana'), SPRING_ROUND)[0]).toMatchObject({ stage: 'submitted', next: { key: 'edit' } });
    expect(inRound(await mine('layla'), SPRING_ROUND)[0]).toMatchObject({ stage: 'waiting', waitingFor: ['host'], next: { key: 'chase' } });
    expect(inRound(await mine('mariam'), SPRING_ROUND)[0]).toMatchObject({ stage: 'draft', next: { key: 'finish' } });
    expect(inRound(await mine('sofia'), SPRING_ROUND)[0]).toMatchObject({ role: 'co-applicant', stage: 'draft', next: { key: 'confirm' } });
  });

  it('shows a round in review as such, with nothing to do but wait', async () => {
    expect(inRound(await mine('piotr'), WINTER_ROUND)[0]).toMatchObject({ stage: 'in-review', next: { key: 'wait-panel' } });
  });

  it('after a panel decision, a group whose host never accepted is told it did not count — not "submitted" for ever', async () => {
    const bilal = (await mine('bilal')).find((a) => a.id === silent.bilal)!;
    expect(bilal).toMatchObject({ stage: 'did-not-count', waitingFor: ['host'] });
    // The application page says so too, with no outcome or feedback for a decision it was never part of.
    const page = await call(applicationPage, `/funds/applications/${silent.bilal}`, 'bilal', { appId: silent.bilal! });
    expect(page).toMatchObject({ notCounted: true, outcome: null });
    const roundId = (await db.selectFrom('fund_applications').select('round_id').where('id', '=', silent.bilal!).executeTakeFirstOrThrow()).round_id;
    expect(await call(roundPage, `/funds/${roundId}`, 'bilal', { id: roundId })).toMatchObject({ mine: { id: silent.bilal, notCounted: true } });
    expect(await call(roundPage, `/funds/${roundId}`, 'farah', { id: roundId })).toMatchObject({ mine: { id: silent.farah, notCounted: false } });
    expect((await mine('farah')).find((a) => a.id === silent.farah)).toMatchObject({ stage: 'award-to-accept', next: { key: 'accept-letter' } });
    // Nor is its host still asked: the steward leads Brum Community Trust, the host it named.
    expect((await hostRequestsFor(as('steward'))).map((r) => r.id)).not.toContain(silent.bilal);
  });

  it('never lists another member’s application: not to a panel member, a steward, an outsider, or a co-applicant who declined', async () => {
    expect(await mine('mentor1')).toEqual([]);
    expect(await mine('steward')).toEqual([]);
    const outsider = await makeMember({ name: 'Una Related' });
    expect(await myApplications(outsider)).toEqual([]);
    expect((await mine('sofia')).some((a) => a.id === silent.layla)).toBe(false);
    // Everyone's list holds only applications they lead or co-apply for.
    for (const key of Object.keys(people)) {
      for (const a of await mine(key)) {
        const row = await db.selectFrom('fund_applications').select('lead_id').where('id', '=', a.id).executeTakeFirstOrThrow();
        const co = await db.selectFrom('fund_co_applicants').select('status').where('application_id', '=', a.id).where('user_id', '=', people[key]!).executeTakeFirst();
        expect(row.lead_id === people[key] || (co !== undefined && co.status !== 'declined')).toBe(true);
      }
    }
  });

  it('reaches the /funds page for the member, and for nobody else', async () => {
    const forChidi = (await call(fundsPage, '/funds', 'chidi')) as { mine: MyApplication[] };
    expect(forChidi.mine.map((a) => a.title).sort()).toEqual(['Diaspora radio hour', 'Stories we carried']);
    const forKwame = (await call(fundsPage, '/funds', 'kwame')) as { mine: MyApplication[] };
    expect(JSON.stringify(forKwame)).not.toContain('Diaspora radio hour');
  });
});
