import { describe, expect, it } from 'vitest';
import { rankPartners, scoreCandidate, WEIGHTS, type MatchCandidate, type MatchProfile } from './ranking';

const me: MatchProfile = { needs: ['bid-writing', 'budgeting'], offers: ['translation'], themes: ['housing', 'health'], city: 'coventry', languages: ['ar', 'en'] };

function cand(id: string, over: Partial<MatchCandidate> = {}): MatchCandidate {
  return { kind: 'member', id, name: id, href: `/members/${id}`, offers: [], needs: [], themes: [], city: null, languages: ['en'], ...over };
}

describe('rankPartners', () => {
  it('puts someone who offers what I need above someone who only needs what I offer', () => {
    const ranked = rankPartners(me, [cand('needsMe', { needs: ['translation'] }), cand('offersMe', { offers: ['bid-writing'] })]);
    expect(ranked.map((r) => r.id)).toEqual(['offersMe', 'needsMe']);
    expect(ranked[0]!.score).toBe(WEIGHTS.offersNeed);
    expect(ranked[1]!.score).toBe(WEIGHTS.needsOffer);
  });

  it('never suggests people with nothing complementary, even in the same city with shared themes', () => {
    expect(rankPartners(me, [cand('x', { city: 'coventry', themes: ['housing'], languages: ['ar'] })])).toEqual([]);
  });

  it('leaves out unavailable (opted out / at capacity) and excluded candidates', () => {
    const ranked = rankPartners(me, [cand('busy', { offers: ['bid-writing'], unavailable: true }), cand('ex', { offers: ['budgeting'] })], {
      exclude: new Set(['member:ex']),
    });
    expect(ranked).toEqual([]);
  });

  it('breaks ties with shared themes, then city (same beats nearby), then non-English languages', () => {
    const base = { offers: ['bid-writing'] };
    const ranked = rankPartners(me, [
      cand('plain', base),
      cand('nearby', { ...base, city: 'birmingham' }),
      cand('same', { ...base, city: 'coventry' }),
      cand('theme', { ...base, themes: ['housing'] }),
      cand('arabic', { ...base, languages: ['ar', 'en'] }),
      cand('far', { ...base, city: 'elsewhere' }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['same', 'arabic', 'theme', 'nearby', 'far', 'plain']);
  });

  it('explains every suggestion with translatable reasons', () => {
    const scored = scoreCandidate(me, cand('t', { offers: ['bid-writing', 'budgeting'], needs: ['translation'], themes: ['health'], city: 'coventry', languages: ['ar'] }));
    expect(scored!.reasons).toEqual([
      { key: 'directory.reasons.offersNeed', values: { tag: 'bid-writing' } },
      { key: 'directory.reasons.offersNeed', values: { tag: 'budgeting' } },
      { key: 'directory.reasons.needsOffer', values: { tag: 'translation' } },
      { key: 'directory.reasons.sharedTheme', values: { theme: 'health' } },
      { key: 'directory.reasons.sameCity', values: { city: 'coventry' } },
      { key: 'directory.reasons.speaks', values: { language: 'ar' } },
    ]);
    expect(scored!.score).toBe(2 * WEIGHTS.offersNeed + WEIGHTS.needsOffer + WEIGHTS.sharedTheme + WEIGHTS.sameCity + WEIGHTS.sharedLanguage);
  });

  it('matches on themes alone when the seeker names no skills (a bid with only themes)', () => {
    const bid: MatchProfile = { needs: [], offers: [], themes: ['environment'], city: null, languages: [] };
    const ranked = rankPartners(bid, [cand('green', { themes: ['environment'] }), cand('other', { themes: ['housing'], offers: ['budgeting'] })]);
    expect(ranked.map((r) => r.id)).toEqual(['green']);
  });

  it('"elsewhere" is not a shared place, and orders equal scores by name', () => {
    const seeker = { ...me, city: 'elsewhere' };
    const ranked = rankPartners(seeker, [cand('b', { name: 'Zed', offers: ['budgeting'], city: 'elsewhere' }), cand('a', { name: 'Ann', offers: ['budgeting'] })]);
    expect(ranked.map((r) => r.name)).toEqual(['Ann', 'Zed']);
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
  });

  it('respects the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => cand(`c${i}`, { offers: ['budgeting'] }));
    expect(rankPartners(me, many, { limit: 5 })).toHaveLength(5);
  });
});
