/**
 * Written resolutions against the Companies Act 2006, Part 13 Chapter 2 (ss288–300).
 */
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { DAY } from './dates';
import { castVote } from './proposal-voting.server';
import { createProposal, extendProposal } from './proposal-lifecycle.server';
import { getProposal } from './proposal-read.server';
import { appointProxy } from './participation.server';
import { createGroup } from './groups.server';
import { writtenLapseAt } from './dates';
import { draftProposal, refusal } from './test-helpers';

const HOUR = 60 * 60_000;

describe('s297: lapse at midnight UK time at the end of the 28-day period beginning with circulation', () => {
  it('in winter (GMT): circulated Monday 2 Nov 2026 at 10:00 → lapses at 00:00 GMT on 30 Nov', () => {
    expect(writtenLapseAt(Date.UTC(2026, 10, 2, 10, 0))).toBe(Date.UTC(2026, 10, 30, 0, 0));
  });

  it('across the change to BST: circulated 10 Mar 2026 at 15:00 GMT → lapses at 00:00 BST on 7 Apr (23:00 UTC on 6 Apr)', () => {
    expect(writtenLapseAt(Date.UTC(2026, 2, 10, 15, 0))).toBe(Date.UTC(2026, 3, 6, 23, 0));
  });

  it('counts the UK calendar day of circulation as day one, not the UTC day', () => {
    // 23:30 BST on 1 July = 22:30 UTC on 1 July; 28 days beginning with 1 July end at 00:00 BST on 29 July.
    expect(writtenLapseAt(Date.UTC(2026, 6, 1, 22, 30))).toBe(Date.UTC(2026, 6, 28, 23, 0));
    // 00:30 BST on 2 July = 23:30 UTC on 1 July: the UK day is 2 July.
    expect(writtenLapseAt(Date.UTC(2026, 6, 1, 23, 30))).toBe(Date.UTC(2026, 6, 29, 23, 0));
  });

  it('refuses an agreement given after the lapse moment, though less than 28×24 h after circulation', async () => {
    const members = [await makeMember(), await makeMember()];
    // In the future, so the members made now are voting members at circulation (BST starts 28 Mar 2027).
    const circulated = Date.UTC(2027, 2, 10, 15, 0);
    const id = await createProposal(draftProposal({ kind: 'written', opensAt: circulated, closesAt: circulated + 60 * DAY }), members[0]!, circulated);
    const p = (await getProposal(id))!;
    expect(p.closes_at).toBe(Date.UTC(2027, 3, 6, 23, 0));
    // 7 April 10:00 UTC: within 28×24 hours of circulation (7 April 15:00), but after the lapse.
    const e = await refusal(castVote(id, members[1]!, members[1]!.id, { choice: 'for' }, Date.UTC(2027, 3, 7, 10, 0)));
    expect(e).toMatchObject({ code: 'not_open', status: 409 });
    expect(await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    // One minute before the lapse it is accepted.
    await castVote(id, members[1]!, members[1]!.id, { choice: 'for' }, Date.UTC(2027, 3, 6, 22, 59));
  });

  it('an extension can never pass the lapse moment', async () => {
    const a = await makeMember();
    const now = Date.UTC(2026, 10, 2, 10, 0);
    const id = await createProposal(draftProposal({ kind: 'written', opensAt: now, closesAt: now + 7 * DAY }), a, now);
    const e = await refusal(extendProposal(id, { id: a.id, role: 'member' }, Date.UTC(2026, 10, 30, 0, 0) + HOUR, now));
    expect(e.code).toBe('invalid');
    await extendProposal(id, { id: a.id, role: 'member' }, Date.UTC(2026, 10, 30, 0, 0), now);
  });
});

describe('s291: a written resolution goes to every eligible member', () => {
  it('refuses a named-group electorate', async () => {
    const a = await makeMember({ role: 'steward' });
    const group = await createGroup(a, 'Finance circle');
    const e = await refusal(createProposal(draftProposal({ kind: 'written', electorateGroupId: group }), a));
    expect(e).toMatchObject({ code: 'written_all_members', status: 400 });
  });
});

describe('s296(3): agreement is irrevocable, "against" and "abstain" are not', () => {
  it('a member who said no may agree later, until the lapse', async () => {
    const a = await makeMember();
    const id = await createProposal(draftProposal({ kind: 'written' }), a);
    await castVote(id, a, a.id, { choice: 'against' });
    await castVote(id, a, a.id, { choice: 'abstain' });
    await castVote(id, a, a.id, { choice: 'for' });
    const row = await db.selectFrom('governance_ballots').select('choice').where('proposal_id', '=', id).where('voter_id', '=', a.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.choice)).toEqual({ kind: 'resolution', choice: 'for' });
    // …and then it is final.
    expect((await refusal(castVote(id, a, a.id, { choice: 'against' }))).code).toBe('final');
  });
});

describe('s324: a proxy cannot sign a written resolution', () => {
  it('refuses a proxy-cast agreement, nothing stored', async () => {
    const grantor = await makeMember();
    const holder = await makeMember();
    await appointProxy(grantor, holder.id, null);
    const id = await createProposal(draftProposal({ kind: 'written' }), grantor);
    const e = await refusal(castVote(id, holder, grantor.id, { choice: 'for' }));
    expect(e).toMatchObject({ code: 'written_proxy', status: 409 });
    expect(await db.selectFrom('governance_ballots').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
  });
});
