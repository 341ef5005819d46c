/** The denials of the admin, membership and directory rules, asked directly (no database needed). */
import { describe, expect, it } from 'vitest';
import { authorize, can } from './index';

const steward = { id: 's', role: 'steward' as const };
const amina = { id: 'a', role: 'member' as const };
const bilal = { id: 'b', role: 'member' as const };

function status(f: () => void): number {
  try {
    f();
  } catch (e) {
    return (e as Response).status;
  }
  return 200;
}

describe('admin', () => {
  it('is for stewards only, with 403 (the pages are no secret)', () => {
    expect(status(() => authorize(steward, 'network.administer'))).toBe(200);
    expect(status(() => authorize(amina, 'network.administer'))).toBe(403);
    expect(status(() => authorize(null, 'network.administer'))).toBe(403);
    expect(status(() => authorize(amina, 'member.changeRole', { id: amina.id }))).toBe(403);
    expect(status(() => authorize(amina, 'tag.manage'))).toBe(403);
  });
});

describe('membership', () => {
  it('lets members invite only when the network allows it; stewards always', () => {
    expect(can(amina, 'invitation.create', { membersCanInvite: false })).toBe(false);
    expect(can(amina, 'invitation.create', { membersCanInvite: true })).toBe(true);
    expect(can(steward, 'invitation.create', { membersCanInvite: false })).toBe(true);
  });

  it('hides another member’s invitation (404) but lets a steward withdraw any', () => {
    expect(status(() => authorize(amina, 'invitation.revoke', { invitedBy: bilal.id }))).toBe(404);
    expect(status(() => authorize(amina, 'invitation.revoke', { invitedBy: amina.id }))).toBe(200);
    expect(status(() => authorize(steward, 'invitation.revoke', { invitedBy: bilal.id }))).toBe(200);
  });

  it('keeps an account its owner’s alone — a steward cannot export someone’s data', () => {
    expect(status(() => authorize(steward, 'account.exportData', { userId: amina.id }))).toBe(404);
    expect(status(() => authorize(amina, 'account.exportData', { userId: amina.id }))).toBe(200);
  });
});

describe('directory', () => {
  it('shows a profile to visitors only when it is public', () => {
    expect(status(() => authorize(null, 'profile.read', { id: amina.id, publicProfile: false }))).toBe(404);
    expect(can(null, 'profile.read', { id: amina.id, publicProfile: true })).toBe(true);
    expect(can(bilal, 'profile.read', { id: amina.id, publicProfile: false })).toBe(true);
  });

  it('shows a contact detail by its own visibility; "only me" is hidden from stewards too', () => {
    const field = (visibility: 'me' | 'members' | 'public') => ({ ownerId: amina.id, visibility });
    expect(can(steward, 'profile.seeField', field('me'))).toBe(false);
    expect(can(amina, 'profile.seeField', field('me'))).toBe(true);
    expect(can(bilal, 'profile.seeField', field('members'))).toBe(true);
    expect(can(null, 'profile.seeField', field('members'))).toBe(false);
    expect(can(null, 'profile.seeField', field('public'))).toBe(true);
  });

  it('lets only leads change an organisation, and only members leave it', () => {
    expect(status(() => authorize(amina, 'org.manage', { publicListing: true, role: 'member' }))).toBe(403);
    expect(status(() => authorize(steward, 'org.manage', { publicListing: true, role: null }))).toBe(403);
    expect(status(() => authorize(amina, 'org.leave', { publicListing: false, role: null }))).toBe(404);
    expect(status(() => authorize(null, 'org.read', { publicListing: false, role: null }))).toBe(404);
  });

  it('keeps a conversation between its two people (404 to anyone else, stewards included)', () => {
    const c = { aId: amina.id, bId: bilal.id };
    expect(can(amina, 'conversation.read', c)).toBe(true);
    expect(status(() => authorize(steward, 'conversation.read', c))).toBe(404);
    expect(status(() => authorize(steward, 'conversation.delete', c))).toBe(404);
  });

  it('never lets a member contact themself', () => {
    expect(status(() => authorize(amina, 'profile.contact', { id: amina.id, publicProfile: true }))).toBe(403);
    expect(can(bilal, 'profile.contact', { id: amina.id, publicProfile: true })).toBe(true);
  });
});
