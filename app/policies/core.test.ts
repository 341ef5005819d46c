import { describe, expect, it } from 'vitest';
import { abilitiesFor, authorize, can } from './index';

const lead = { id: 'u1', role: 'member' as const };

describe('policy core', () => {
  it('answers can() and builds abilities from the same rule', () => {
    expect(can(lead, 'bid.manage', { role: 'lead' })).toBe(true);
    expect(can(lead, 'bid.manage', { role: 'partner' })).toBe(false);
    expect(abilitiesFor(lead, { role: 'reviewer' }, ['bid.read', 'bid.edit'])).toEqual({ 'bid.read': true, 'bid.edit': false });
  });

  it('throws 404 where existence is private and 403 where it is not', () => {
    const status = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return (e as Response).status;
      }
      return 200;
    };
    expect(status(() => authorize(lead, 'bid.read', { role: null }))).toBe(404);
    expect(status(() => authorize(lead, 'bid.edit', { role: 'reviewer' }))).toBe(403);
    expect(status(() => authorize(null, 'bid.read', { role: 'lead' }))).toBe(404);
    expect(status(() => authorize(lead, 'bid.edit', { role: 'partner' }))).toBe(200);
  });
});
