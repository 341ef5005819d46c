/**
 * A decided, re-granted round for the evidence tests (./evidence.server.test.ts): six applications —
 * two members applying alone, a group through its host, two organisations — five awards and one not
 * funded, so the round report, the 360Giving file and the CIC34 grants section have known figures.
 * It opens before every demo round, so what a later round leaves never rolls into it. (It was part of
 * the demo until the demo became one closed and one open round, issue 14 "Demo data".)
 */
import { db } from '~db/connection';
import { createRound, openRound } from './rounds.server';
import { respondAsHost, saveApplication, startApplication } from './applications.server';
import { confirmAwards, openReview } from './panel.server';
import { submitScores } from './reviews.server';
import { saveRoundEvidence } from './evidence.server';

const DAY = 24 * 60 * 60_000;
export const EVIDENCE_ROUND = 'Seed fund: autumn 2025';

export async function seedEvidenceRound(people: Record<string, string>): Promise<string> {
  const name = EVIDENCE_ROUND;
  const steward = { id: people.steward!, role: 'steward' as const };
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  const org = async (slug: string) => (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst())?.id ?? null;
  const now = Date.now();
  // Before every other demo round, as its name says: what a later round leaves rolls forward, never
  // into this one, so its awards are the same whichever seeds ran.
  const opened = now - 450 * DAY;
  const closed = now - 420 * DAY;
  const r = await createRound(
    steward,
    {
      name,
      description: 'The first seed fund round: grants of £500 to £3,000, re-granted from the Example Community Foundation.',
      pot: 10_500,
      minGrant: 500,
      maxGrant: 3_000,
      themes: ['housing', 'language-culture', 'environment', 'arts-media'],
      cities: ['birmingham', 'coventry', 'wolverhampton'],
      eligibility: [],
      questions: [{ text: 'What do you want to do, and for whom?', wordLimit: 200 }],
      criteria: [
        { label: 'Need and community benefit', weight: 2 },
        { label: 'A realistic plan and budget', weight: 1 },
      ],
      decisionMethod: 'panel',
      allowPartial: true,
      minLivedExperience: 2,
      opensAt: opened,
      closesAt: closed,
      panel: [people.mentor1!, people.mentor2!, people.mentor3!],
    },
    opened - DAY,
  );
  if (!('id' in r)) throw new Error(`seed evidence round refused: ${r.problems.join(', ')}`);
  await openRound(steward, r.id, opened);

  const applications: { id: string; scores: [number, number] }[] = [];
  const apply = async (key: string, a: { title: string; summary: string; amount: number; themes: string[]; kind: 'member' | 'group' | 'organisation'; orgId?: string | null; hostOrgId?: string | null }, scores: [number, number]) => {
    const s = await startApplication(member(key), r.id, {}, opened + DAY);
    if (!('id' in s)) return null;
    await saveApplication(
      member(key),
      s.id,
      { title: a.title, summary: a.summary, amount: a.amount, budgetLines: [{ label: 'Activities', amount: a.amount }], themes: a.themes, kind: a.kind, orgId: a.orgId ?? null, hostOrgId: a.hostOrgId ?? null, coApplicantIds: [], answers: { q1: a.summary }, media: {}, removeMedia: [] },
      { submit: true },
      opened + 2 * DAY,
    );
    applications.push({ id: s.id, scores });
    return s.id;
  };
  const somali = await org('somali-tenants-voice');
  const brumTrust = await org('brum-community-trust');
  const upcycle = await org('upcycle-brum-cic');
  const covHub = await org('coventry-migrant-hub-cic');
  const groupApp = await apply('amina', { title: 'Know your tenancy rights', summary: 'Workshops in Somali on tenancy rights and disrepair, with a caseworker on hand.', amount: 3_000, themes: ['housing'], kind: 'group', orgId: somali, hostOrgId: brumTrust }, [5, 4]);
  await apply('kwame', { title: 'Upcycling apprenticeships', summary: 'Young people learn carpentry by restoring donated furniture for families setting up home.', amount: 2_500, themes: ['environment'], kind: 'organisation', orgId: upcycle }, [4, 4]);
  await apply('layla', { title: 'Stories from home', summary: 'Kurdish women write and illustrate stories from home for a library exhibition.', amount: 1_500, themes: ['arts-media'], kind: 'member' }, [4, 3]);
  await apply('bilal', { title: 'Urdu–English conversation café', summary: 'A weekly conversation café pairing Urdu and English speakers.', amount: 1_200, themes: ['language-culture'], kind: 'member' }, [4, 4]);
  await apply('sofia', { title: 'Drop-in help with forms', summary: 'Volunteers help newly arrived people with forms and letters in Portuguese and Spanish.', amount: 2_000, themes: ['language-culture'], kind: 'organisation', orgId: covHub }, [3, 4]);
  await apply('chidi', { title: 'Diaspora podcast series', summary: 'A podcast series on settling in Birmingham.', amount: 3_000, themes: ['arts-media'], kind: 'member' }, [2, 2]);
  if (groupApp && brumTrust) await respondAsHost(steward, groupApp, true, opened + 3 * DAY);

  await openReview(steward, r.id, closed + DAY);
  for (const reviewer of ['mentor1', 'mentor3']) {
    for (const a of applications) {
      await submitScores(member(reviewer), a.id, { c1: { score: a.scores[0], comment: 'Clear need and a group ready to start.' }, c2: { score: a.scores[1], comment: 'The budget matches the plan.' } }, closed + 5 * DAY).catch(() => null);
    }
  }
  await confirmAwards(steward, r.id, closed + 10 * DAY);
  await saveRoundEvidence(
    steward,
    r.id,
    {
      source: { funderName: 'Example Community Foundation', grantId: '360G-examplecf-2026-017' },
      lessons: 'Voice answers brought in three applicants who had never applied for a grant before.\nPeople wanted to talk before applying: the next round offers conversation slots.',
    },
    closed + 11 * DAY,
  );
  return r.id;
}
