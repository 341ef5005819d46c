import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../test/factories';
import { ProfileSchema } from './directory.schema';
import { saveProfile } from './profiles.server';
import { searchMembers, searchOrgs } from './search.server';
import { createOrg } from './orgs.server';
import { OrgSchema } from './directory.schema';
import { editDistance, foldWord, namedBy } from './search-terms.server';

async function member(name: string, over: { city?: string; languages?: string[]; headline?: string; bio?: string; publicProfile?: boolean }) {
  const m = await makeMember({ name });
  await saveProfile(m.id, ProfileSchema.parse({ city: over.city, languages: over.languages ?? [], headline: over.headline ?? '', bio: over.bio ?? '', publicProfile: over.publicProfile ? 'on' : undefined }));
  return m;
}
const names = async (q: string, opts: { publicOnly?: boolean } = {}) => (await searchMembers({ q }, 1, opts)).items.map((i) => i.name).sort();

describe('searching the directory by city and language, in every UI language', () => {
  it('"Coventry" finds every Coventry member, not only those who wrote the word', async () => {
    const coventry = [];
    for (let i = 1; i <= 6; i++) coventry.push(await member(`Cov Person ${i}`, { city: 'coventry', headline: i === 1 ? 'Based in Coventry city centre' : 'Youth work' }));
    await member('Brum Person', { city: 'birmingham', headline: 'Youth work' });
    expect(await names('Coventry')).toEqual(coventry.map((m) => m.name).sort());
    // The city's name as the other UI languages write it, and a typo.
    for (const q of ['كوفنتري', 'کاونتری', 'کوونٹری', 'coventy']) expect((await names(q)).length, q).toBe(6);
    // With another word, both must match: a city word does not widen the rest of the query.
    expect(await names('Coventry centre')).toEqual(['Cov Person 1']);
  });

  it('"Arabic", "عربي", "العربية", "عربی", "arabski" and "arabă" find the Arabic speakers', async () => {
    const speakers = [await member('Speaker One', { languages: ['ar', 'en'] }), await member('Speaker Two', { languages: ['ku', 'ar'] })];
    await member('Not A Speaker', { languages: ['fa'] });
    for (const q of ['Arabic', 'arab', 'عربي', 'العربية', 'عربی', 'arabski', 'arabă', 'Arabic speaker']) {
      expect(await names(q.replace(' speaker', '')), q).toEqual(speakers.map((s) => s.name).sort());
    }
    expect(await names('Farsi')).toContain('Not A Speaker');
    expect(await names('فارسی')).toContain('Not A Speaker');
  });
});

describe('organisations by city', () => {
  it('"Wolverhampton" (or ولفرهامبتون) finds the organisations based there', async () => {
    const lead = await makeMember({ name: 'Org Lead' });
    await createOrg(lead.id, OrgSchema.parse({ name: 'Upcycle Group', slug: 'upcycle-group', legalForm: 'unincorporated', city: 'wolverhampton', description: 'Furniture' }));
    await createOrg(lead.id, OrgSchema.parse({ name: 'Brum Group', slug: 'brum-group', legalForm: 'unincorporated', city: 'birmingham', description: 'Furniture' }));
    for (const q of ['Wolverhampton', 'ولفرهامبتون']) expect((await searchOrgs({ q })).items.map((o) => o.name), q).toEqual(['Upcycle Group']);
  });
});

describe('typos', () => {
  it('"budjet" finds the budget people and says what it searched for instead; visitors get no suggestion', async () => {
    await member('Budget Person', { headline: 'Budget planning for small charities', publicProfile: false });
    const page = await searchMembers({ q: 'budjet' }, 1);
    expect(page.items.map((i) => i.name)).toContain('Budget Person');
    expect(page.suggestion).toBe('budget');
    // A visitor searches public profiles only, and the word list also holds private profiles' words.
    const visitor = await searchMembers({ q: 'budjet' }, 1, { publicOnly: true });
    expect(visitor.suggestion ?? null).toBeNull();
    expect(visitor.items).toEqual([]);
  });

  it('measures typos as people make them (a swap of two letters is one)', () => {
    expect(editDistance('budjet', 'budget')).toBe(1);
    expect(editDistance('bugdet', 'budget')).toBe(1);
    expect(editDistance('coventy', 'coventry')).toBe(1);
    expect(editDistance('abc', 'xyz', 2)).toBe(3);
    expect(foldWord('العربيّة')).toBe(foldWord('عربية'));
    expect(namedBy('the').languages).toEqual([]);
  });
});
