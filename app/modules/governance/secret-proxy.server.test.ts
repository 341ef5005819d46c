/**
 * Issue 15.5: members vote by proxy in elections and other secret ballots. The proxy casts the
 * member's ballot; the member may still vote in person before close, which replaces it; and nothing
 * kept — database, WAL, ballot box — links the proxy's ballot to the member.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from '~/env.server';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { db } from '~db/connection';
import { makeMember } from '../../../test/factories';
import { boxDir, readBox } from './ballot-box.server';
import { nearestPairing, occurrences, permutations, rankPairing } from './disk-forensics';
import { appointProxy, myProxies, proxyVotersFor, revokeProxy } from './participation.server';
import { castVote, checkReceipt } from './proposal-voting.server';
import { closeProposal, createProposal } from './proposal-lifecycle.server';
import { currentTally } from './proposal-count.server';
import { getProposal, votedByProxy } from './proposal-read.server';
import { draftProposal, refusal } from './test-helpers';

beforeAll(() => updateNetworkSettings({ governanceQuorumVoters: 0 }));

const secret = draftProposal({ title: 'Rent a hall for the AGM', secret: true, hideResults: true });

async function closedTally(id: string) {
  await closeProposal(id, null);
  return currentTally((await getProposal(id))!);
}

describe('proxy votes in secret ballots', () => {
  it('the proxy votes; the member then votes in person with the proxy code: only the member’s ballot counts at close', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const other = await makeMember();
    const id = await createProposal(secret, member);
    const { code } = await appointProxy(member, holder.id, id);
    expect(code).toMatch(/^([A-Z2-9]{4}-){4}[A-Z2-9]{4}$/);
    expect(await proxyVotersFor(holder.id, id)).toEqual([expect.objectContaining({ id: member.id, votedInPerson: false, votedByProxy: false })]);

    const byProxy = await castVote(id, holder, member.id, { choice: 'against' });
    expect(byProxy.receipt).toBeTruthy();
    expect(await checkReceipt(id, byProxy.receipt!)).toBe(true);
    expect(await votedByProxy(id, member.id)).toBe(true);
    expect((await proxyVotersFor(holder.id, id))[0]).toMatchObject({ votedByProxy: true, votedInPerson: false });
    await castVote(id, other, other.id, { choice: 'against' });

    // Voting in person over the proxy's ballot needs the proxy code.
    expect((await refusal(castVote(id, member, member.id, { choice: 'for' }))).code).toBe('code_required');
    const mine = await castVote(id, member, member.id, { choice: 'for', changeCode: code!.toLowerCase().replace(/-/g, ' ') });
    expect(await votedByProxy(id, member.id)).toBe(false);
    expect(await checkReceipt(id, byProxy.receipt!)).toBe(false);
    expect(await checkReceipt(id, mine.receipt!)).toBe(true);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(2);

    const t = await closedTally(id);
    expect(t).toMatchObject({ counts: { for: 1, against: 1, abstain: 0 } });
    expect(await db.selectFrom('governance_voters').select('proxy_sealed_tag').where('proposal_id', '=', id).where('proxy_sealed_tag', 'is not', null).execute()).toHaveLength(0);
  });

  it('the proxy cannot vote after the member voted in person, even with its receipt', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    const { code } = await appointProxy(member, holder.id, null);
    const byProxy = await castVote(id, holder, member.id, { choice: 'against' });
    await castVote(id, member, member.id, { choice: 'for', changeCode: code! });
    expect((await refusal(castVote(id, holder, member.id, { choice: 'against' }))).code).toBe('final');
    expect((await refusal(castVote(id, holder, member.id, { choice: 'against', changeCode: byProxy.receipt! }))).code).toBe('final');
    expect((await proxyVotersFor(holder.id, id))[0]).toMatchObject({ votedInPerson: true, votedByProxy: false });

    // And a member who votes first is never overridden.
    const id2 = await createProposal(secret, member);
    await castVote(id2, member, member.id, { choice: 'for' });
    expect((await refusal(castVote(id2, holder, member.id, { choice: 'against' }))).code).toBe('final');
    expect(await closedTally(id2)).toMatchObject({ counts: { for: 1, against: 0 } });
  });

  it('the proxy cannot vote twice for the member; it changes its ballot with its receipt until close, and the member can still replace it', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    const { code } = await appointProxy(member, holder.id, id);
    const first = await castVote(id, holder, member.id, { choice: 'against' });
    expect((await refusal(castVote(id, holder, member.id, { choice: 'abstain' }))).code).toBe('code_required');
    const changed = await castVote(id, holder, member.id, { choice: 'abstain', changeCode: first.receipt! });
    expect(await checkReceipt(id, first.receipt!)).toBe(false);
    expect(await checkReceipt(id, changed.receipt!)).toBe(true);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
    // The changed ballot is still the one the member's code finds.
    await castVote(id, member, member.id, { choice: 'for', changeCode: code! });
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
    expect(await closedTally(id)).toMatchObject({ counts: { for: 1, against: 0, abstain: 0 } });
    // After close the proxy's receipt no longer counts anything.
    expect(await checkReceipt(id, changed.receipt!)).toBe(false);
  });

  it('a wrong code, or another member’s proxy code, does not replace the proxy’s ballot', async () => {
    const member = await makeMember();
    const otherMember = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    await appointProxy(member, holder.id, id);
    const { code: otherCode } = await appointProxy(otherMember, holder.id, id);
    await castVote(id, holder, member.id, { choice: 'against' });
    await castVote(id, holder, otherMember.id, { choice: 'against' });
    expect((await refusal(castVote(id, member, member.id, { choice: 'for', changeCode: otherCode! }))).code).toBe('code_unknown');
    expect((await refusal(castVote(id, member, member.id, { choice: 'for', changeCode: 'AAAA-AAAA-AAAA-AAAA-AAAA' }))).code).toBe('code_unknown');
    expect(await votedByProxy(id, member.id)).toBe(true);
    expect(await closedTally(id)).toMatchObject({ counts: { for: 0, against: 2 } });
  });

  it('a proxy typing wrong receipt codes is slowed down without locking the member out of voting over it', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    const { code } = await appointProxy(member, holder.id, id);
    await castVote(id, holder, member.id, { choice: 'against' });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await refusal(castVote(id, holder, member.id, { choice: 'abstain', changeCode: `WRNG-CODE-${i}AAA-AAAA-AAAA` }))).code);
    expect(codes.at(-1)).toBe('code_blocked');
    await castVote(id, member, member.id, { choice: 'for', changeCode: code! });
    expect(await closedTally(id)).toMatchObject({ counts: { for: 1, against: 0, abstain: 0 } });
  });

  it('after appointing again, the proxy’s earlier ballot is found with the code it was cast under', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    const { code: first } = await appointProxy(member, holder.id, id);
    await castVote(id, holder, member.id, { choice: 'against' });
    const { code: second } = await appointProxy(member, holder.id, id);
    expect((await refusal(castVote(id, member, member.id, { choice: 'for', changeCode: second! }))).code).toBe('code_unknown');
    await castVote(id, member, member.id, { choice: 'for', changeCode: first! });
    expect(await closedTally(id)).toMatchObject({ counts: { for: 1, against: 0 } });
  });

  it('the same proxy form sent twice (lost answer) stores one ballot and gives the same receipt', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    await appointProxy(member, holder.id, id);
    const formToken = 'proxyFormToken12345678';
    const a = await castVote(id, holder, member.id, { choice: 'against', formToken });
    const b = await castVote(id, holder, member.id, { choice: 'against', formToken });
    expect(b.receipt).toBe(a.receipt);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
  });

  it('a form token already used for the proxy’s ballot does not pass the holder’s own vote off as a retry', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    await appointProxy(member, holder.id, id);
    // One rendered page, two forms sent with the same token (a page kept open without JavaScript).
    const formToken = 'sharedPageToken1234567';
    const forMember = await castVote(id, holder, member.id, { choice: 'against', formToken });
    const own = await castVote(id, holder, holder.id, { choice: 'for', formToken });
    expect(own.receipt).not.toBe(forMember.receipt);
    expect(await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', id).where('user_id', '=', holder.id).execute()).toHaveLength(1);
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(2);
    expect(await closedTally(id)).toMatchObject({ counts: { for: 1, against: 1 } });
  });
});

describe('who may vote by proxy (policy proposal.voteFor)', () => {
  it('a member who is not the proxy cannot vote for someone; nor a revoked proxy', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const stranger = await makeMember({ role: 'steward' });
    const id = await createProposal(secret, member);
    expect(await refusal(castVote(id, stranger, member.id, { choice: 'for' }))).toMatchObject({ code: 'no_proxy', status: 403 });
    const { id: proxyId } = await appointProxy(member, holder.id, id);
    await revokeProxy(member, proxyId);
    expect((await refusal(castVote(id, holder, member.id, { choice: 'for' }))).code).toBe('no_proxy');
    expect(await db.selectFrom('governance_voters').selectAll().where('proposal_id', '=', id).execute()).toHaveLength(0);
    expect(readBox(id)).toHaveLength(0);
  });

  it('written resolutions still refuse proxies (s324): neither an appointment for one nor a standing proxy', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(draftProposal({ kind: 'written' }), member);
    expect((await refusal(appointProxy(member, holder.id, id))).code).toBe('written_proxy');
    await appointProxy(member, holder.id, null);
    expect((await refusal(castVote(id, holder, member.id, { choice: 'for' }))).code).toBe('written_proxy');
  });

  it('appointing is refused, with nothing written, for oneself, a former member, a closed vote or one the member may not vote in', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const gone = await makeMember();
    await db.updateTable('users').set({ status: 'suspended' }).where('id', '=', gone.id).execute();
    const id = await createProposal(secret, member);
    const outsider = await makeMember(); // joined after voting opened: not in the frozen electorate
    const closed = await createProposal(draftProposal({ title: 'Closed already' }), member);
    await closeProposal(closed, null);
    expect(await refusal(appointProxy(member, member.id, null))).toMatchObject({ code: 'invalid', status: 400 });
    expect(await refusal(appointProxy(member, gone.id, null))).toMatchObject({ code: 'invalid', status: 400 });
    expect(await refusal(appointProxy(member, holder.id, closed))).toMatchObject({ code: 'not_open', status: 409 });
    expect(await refusal(appointProxy(member, holder.id, 'no-such-proposal'))).toMatchObject({ code: 'not_open', status: 409 });
    expect(await refusal(appointProxy(outsider, holder.id, id))).toMatchObject({ code: 'not_eligible', status: 403 });
    const written = await db.selectFrom('governance_proxies').select('id').where('grantor_id', 'in', [member.id, outsider.id]).execute();
    expect(written).toEqual([]);
  });

  it('an appointment made before secret proxies existed (no key) cannot vote in a secret ballot: the member must appoint again', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    await db.insertInto('governance_proxies').values({ id: `legacy-${member.id}`, grantor_id: member.id, holder_id: holder.id, proposal_id: null, created_at: Date.now(), revoked_at: null, ballot_public_key: null, ballot_key_sealed: null }).execute();
    expect((await refusal(castVote(id, holder, member.id, { choice: 'for' }))).code).toBe('secret_proxy');
    expect((await proxyVotersFor(holder.id, id))[0]).toMatchObject({ needsNewAppointment: true });
    // The member is told on the Proxies page; appointing again gives a code and covers secret ballots.
    expect((await myProxies(member.id)).given).toEqual([expect.objectContaining({ misses_secret: 1 })]);
    const { code } = await appointProxy(member, holder.id, null);
    expect(code).toBeTruthy();
    expect((await myProxies(member.id)).given).toEqual([expect.objectContaining({ misses_secret: 0 })]);
    await castVote(id, holder, member.id, { choice: 'for' });
    expect(await votedByProxy(id, member.id)).toBe(true);
  });
});

const VOTERS = 50;
const BY_PROXY = 24; // 8 holders × 3 (PROXY_LIMIT)

describe('proxy ballots on disk (issue 15.5 + 15.7)', () => {
  it(`an election of ${VOTERS} voters, ${BY_PROXY} by proxy (half of them then in person): database, WAL and ballot box hold no member↔ballot link`, async () => {
    const candidates = [await makeMember(), await makeMember(), await makeMember(), await makeMember(), await makeMember()];
    const voters = [];
    for (let i = 0; i < VOTERS; i++) voters.push(await makeMember());
    const holders = [];
    for (let i = 0; i < BY_PROXY / 3; i++) holders.push(await makeMember());
    const id = await createProposal(
      draftProposal({ kind: 'election', secret: true, hideResults: true, seats: 2, options: candidates.map((c) => ({ id: c.id, label: c.name })) }),
      candidates[0]!,
    );
    const codes: string[] = [];
    for (let i = 0; i < BY_PROXY; i++) codes[i] = (await appointProxy(voters[i]!, holders[Math.floor(i / 3)]!.id, id)).code!;
    // Each ballot is recognisable on disk: a different ranking for every one cast.
    const rankings = permutations(candidates.map((c) => c.id));
    const ballotNeedle = (r: string[]) => Buffer.from(JSON.stringify({ kind: 'ranking', ranking: r }));
    for (let i = 0; i < VOTERS; i++) {
      if (i < BY_PROXY) await castVote(id, holders[Math.floor(i / 3)]!, voters[i]!.id, { choice: '', ranking: rankings[i]! });
      else await castVote(id, voters[i]!, voters[i]!.id, { choice: '', ranking: rankings[i]! });
    }
    // Half the members who gave a proxy vote in person over it, with a new ranking.
    const inPerson = (i: number) => rankings[VOTERS + i]!;
    for (let i = 0; i < BY_PROXY; i += 2) await castVote(id, voters[i]!, voters[i]!.id, { choice: '', ranking: inPerson(i), changeCode: codes[i]! });

    const wal = () => (fs.existsSync(`${env.databasePath}-wal`) ? fs.readFileSync(`${env.databasePath}-wal`) : Buffer.alloc(0));
    const boxBytes = fs.readFileSync(path.join(boxDir(), `${id}.box`));
    const during = { file: fs.readFileSync(env.databasePath), wal: wal() };
    const ids = [...voters, ...holders].map((u) => Buffer.from(u.id));

    // While open: no ballot in the database or WAL; the box is ciphertext that names nobody.
    for (let i = 0; i < VOTERS + BY_PROXY; i++) {
      expect(occurrences(during.file, ballotNeedle(rankings[i]!))).toHaveLength(0);
      expect(occurrences(during.wal, ballotNeedle(rankings[i]!))).toHaveLength(0);
      expect(occurrences(boxBytes, ballotNeedle(rankings[i]!))).toHaveLength(0);
    }
    for (const u of ids) expect(occurrences(boxBytes, u)).toHaveLength(0);

    // Even someone who also has the ballot secret (and so can open the box) finds no link: entries
    // name no member or holder, and a proxy's entry looks like any other (same fields, a 64-hex tag).
    const box = readBox(id);
    const plain = JSON.stringify(box);
    for (const u of [...voters, ...holders]) expect(plain).not.toContain(u.id);
    expect(box.every((e) => /^[0-9a-f]{64}$/.test(e.proxyTag ?? ''))).toBe(true);
    expect(new Set(box.filter((e) => !e.replaced).map((e) => Object.keys(e).sort().join()))).toHaveProperty('size', 1);
    // The sealed tags on the "has voted" rows appear nowhere in the box.
    const sealed = await db.selectFrom('governance_voters').select('proxy_sealed_tag').where('proposal_id', '=', id).where('proxy_sealed_tag', 'is not', null).execute();
    expect(sealed).toHaveLength(BY_PROXY / 2);
    for (const s of sealed) for (const part of s.proxy_sealed_tag!.split('.')) expect(plain).not.toContain(part);

    await closeProposal(id, null);
    const counted = (await getProposal(id))!;
    expect(JSON.parse(counted.result!)).toMatchObject({ quorum: { turnout: VOTERS } });
    const after = { file: fs.readFileSync(env.databasePath), wal: wal() };
    expect(fs.existsSync(path.join(boxDir(), `${id}.box`))).toBe(false);

    // The ballots that count, and the proxies' replaced ones (kept for the history), in the file…
    const countedRankings = voters.map((_, i) => (i < BY_PROXY && i % 2 === 0 ? inPerson(i) : rankings[i]!));
    const ballotInFile = countedRankings.map((r) => occurrences(after.file, ballotNeedle(r))[0]);
    expect(ballotInFile.every((x) => x !== undefined)).toBe(true);
    const voterInFile = voters.map((v) => occurrences(after.file, Buffer.from(`${id}${v.id}`)).at(-1));
    expect(voterInFile.every((x) => x !== undefined)).toBe(true);
    // …pair with voters by physical order no better than chance (1 expected; ≥ 8 has p < 1e-5).
    expect(rankPairing(ballotInFile, voterInFile)).toBeLessThan(8);
    expect(nearestPairing(ballotInFile, voterInFile)).toBeLessThan(8);
    // The replaced proxy ballots likewise, against the members who replaced them.
    const replacedInFile = voters.map((_, i) => (i < BY_PROXY && i % 2 === 0 ? occurrences(after.file, ballotNeedle(rankings[i]!))[0] : undefined));
    expect(nearestPairing(replacedInFile, voterInFile)).toBeLessThan(8);
    // No sealed tag survives the close, and the WAL holds no ballot.
    expect(await db.selectFrom('governance_voters').select('user_id').where('proposal_id', '=', id).where('proxy_sealed_tag', 'is not', null).execute()).toHaveLength(0);
    for (const r of rankings.slice(0, VOTERS + BY_PROXY)) expect(occurrences(after.wal, ballotNeedle(r))).toHaveLength(0);
  }, 180_000);
});
