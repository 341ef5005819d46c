import { describe, expect, it } from 'vitest';
import { abilitiesFor, authorize, can } from './index';
import { BID_PAGE_ABILITIES } from './bids';
import { DOCUMENT_PAGE_ABILITIES } from './documents';

const member = { id: 'u1', role: 'member' as const };
const steward = { id: 's1', role: 'steward' as const };
const status = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as Response).status;
  }
  return 200;
};

describe('bid and document policies', () => {
  it('hides a bid from non-partners, stewards included (404), and refuses partners the lead-only abilities (403)', () => {
    expect(status(() => authorize(steward, 'bid.read', { role: null }))).toBe(404);
    expect(status(() => authorize(null, 'bid.export', { role: 'lead' }))).toBe(404);
    expect(status(() => authorize(member, 'bid.removePartner', { role: 'partner' }))).toBe(403);
    expect(status(() => authorize(member, 'bid.setBudget', { role: 'reviewer' }))).toBe(403);
    expect(status(() => authorize(member, 'bid.removePartner', { role: 'lead' }))).toBe(200);
    expect(can(member, 'bid.showOwnName', { role: 'reviewer', own: true })).toBe(true);
    expect(can(member, 'bid.showOwnName', { role: 'lead', own: false })).toBe(false);
  });

  it('gives reviewers reading and comments only', () => {
    const a = abilitiesFor(member, { role: 'reviewer' }, BID_PAGE_ABILITIES);
    expect(Object.entries(a).filter(([, v]) => v).map(([k]) => k)).toEqual(['bid.read', 'bid.comment']);
  });

  it('turns document access into abilities: none is 404, comment-only cannot write (403)', () => {
    expect(status(() => authorize(member, 'document.read', { access: null }))).toBe(404);
    expect(status(() => authorize(member, 'document.write', { access: 'comment' }))).toBe(403);
    expect(status(() => authorize(member, 'document.comment', { access: 'read' }))).toBe(403);
    expect(abilitiesFor(member, { access: 'edit' }, DOCUMENT_PAGE_ABILITIES)).toEqual(Object.fromEntries(DOCUMENT_PAGE_ABILITIES.map((k) => [k, true])));
    expect(can(null, 'document.read', { access: 'edit' })).toBe(false);
  });
});

describe('govsplit: organisation entries and invitations', () => {
  it('only the partner itself edits its entry; only a lead of the invited organisation answers (404 for anyone else)', () => {
    expect(can(member, 'bid.editOwnEntry', { role: 'partner', own: true })).toBe(true);
    expect(can(member, 'bid.editOwnEntry', { role: 'lead', own: false })).toBe(false);
    expect(status(() => authorize(steward, 'bid.editOwnEntry', { role: null, own: false }))).toBe(403);
    expect(can(member, 'bid.answerOrgInvitation', { leadsInvitedOrg: true })).toBe(true);
    expect(status(() => authorize(steward, 'bid.answerOrgInvitation', { leadsInvitedOrg: false }))).toBe(404);
    expect(status(() => authorize(null, 'bid.answerOrgInvitation', { leadsInvitedOrg: true }))).toBe(404);
  });
});
