import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { deleteAccount, exportMyData } from '~/modules/directory/account.server';
import { saveApplication, startApplication } from './applications.server';
import { createRound, openRound } from './rounds.server';

describe('the member’s data covers the seed fund', () => {
  it('exports their application with its answers, and deletion removes drafts and every answer', async () => {
    const steward = await makeMember({ role: 'steward' });
    const amal = await makeMember({ name: 'Amal', password: 'correct horse battery staple' });
    const now = Date.now();
    const r = await createRound(steward, {
      name: 'Data round', description: 'd', pot: 5000, minGrant: 500, maxGrant: 3000, themes: [], cities: [], eligibility: [],
      questions: [{ text: 'What?', wordLimit: 50 }], criteria: [{ label: 'Need', weight: 1 }], decisionMethod: 'panel', allowPartial: false,
      minLivedExperience: 0, opensAt: now - 1000, closesAt: now + 3_600_000, panel: [],
    });
    if (!('id' in r)) throw new Error();
    await openRound(steward, r.id);
    const s = await startApplication(amal, r.id, {});
    if (!('id' in s)) throw new Error();
    await saveApplication(amal, s.id, { title: 'My plan', summary: 'S', amount: 1000, budgetLines: [{ label: 'All', amount: 1000 }], themes: [], kind: 'member', orgId: null, hostOrgId: null, coApplicantIds: [], answers: { q1: 'Private story.' }, media: {}, removeMedia: [] }, { submit: true });
    const data = await exportMyData(amal.id);
    expect(data.seedFund.applications[0]).toMatchObject({ title: 'My plan', answers: [{ question: 'q1', text: 'Private story.' }] });
    expect(await deleteAccount(amal.id, 'correct horse battery staple')).toBe('ok');
    expect(await db.selectFrom('fund_answers').select('text').where('application_id', '=', s.id).execute()).toEqual([]);
    const kept = await db.selectFrom('fund_applications').select(['title', 'summary']).where('id', '=', s.id).executeTakeFirst();
    expect(kept).toEqual({ title: 'My plan', summary: '' });
  });
});
