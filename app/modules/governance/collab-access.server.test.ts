import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { governanceDocumentAccess, governanceDocumentOutline } from './collab-access.server';
import { cic34Figures } from './cic34.server';

describe('governance documents in the collaboration module', () => {
  it('voting members edit, ceased members read, suspended members and unknown documents get nothing', async () => {
    const voting = await makeMember();
    const ceased = await makeMember();
    const suspended = await makeMember();
    await db.updateTable('users').set({ ceased_at: Date.now() }).where('id', '=', ceased.id).execute();
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    expect(await governanceDocumentAccess('articles', voting.id)).toBe('edit');
    expect(await governanceDocumentAccess('articles', ceased.id)).toBe('read');
    expect(await governanceDocumentAccess('articles', suspended.id)).toBeNull();
    expect(await governanceDocumentAccess('somebody-elses-bid', voting.id)).toBeNull();
    expect(await governanceDocumentAccess('articles', 'no-such-user')).toBeNull();
  });

  it('exports fields in a fixed order, never from the request', async () => {
    expect((await governanceDocumentOutline('community_interest_statement')).map((f) => f.name)).toEqual(['community', 'activities', 'benefit', 'surplus']);
    expect(await governanceDocumentOutline('unknown')).toEqual([]);
  });

  it('CIC34 figures suppress small counts', async () => {
    const year = new Date().getUTCMonth() >= 3 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    const f = await cic34Figures(year);
    for (const m of f.membersByCity) expect(m.members === null || m.members >= 5).toBe(true);
  });
});
