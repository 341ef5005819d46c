/**
 * Secret ballots under attack (issue 15.5 and 15.7), from an adversarial review of proxies in secret
 * ballots: a refused ballot must leave nothing behind, a resent form must never add a ballot, the box
 * file must not tell choices by its size, and a proxy's ballot must be sealed to the code the member
 * was last given. Each of these failed before the fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateNetworkSettings } from '~/modules/network/settings.server';
import { makeMember } from '../../../test/factories';
import { boxDir, readBox } from './ballot-box.server';
import { appointProxy } from './participation.server';
import { currentTally } from './proposal-count.server';
import { closeProposal, createProposal } from './proposal-lifecycle.server';
import { getProposal, hasVoted } from './proposal-read.server';
import { castVote } from './proposal-voting.server';
import { draftProposal, refusal } from './test-helpers';

beforeAll(() => updateNetworkSettings({ governanceQuorumVoters: 0 }));
const secret = draftProposal({ title: 'Rent a hall', secret: true, hideResults: true });
async function closedTally(id: string) {
  await closeProposal(id, null);
  return currentTally((await getProposal(id))!);
}

describe('a refused change followed by a code-less resend of its form adds no ballot', () => {
  it('the proxy cannot cast two counted ballots for one member; the member voting in person replaces its one', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    const { code } = await appointProxy(member, holder.id, id);
    const first = await castVote(id, holder, member.id, { choice: 'against', formToken: 'proxyFirstToken1234567' });
    // A change with the receipt but an invalid choice: refused (400)… after "has voted" took the new form's tag.
    expect((await refusal(castVote(id, holder, member.id, { choice: 'bogus', changeCode: first.receipt!, formToken: 'proxyChangeToken123456' }))).code).toBe('invalid');
    // The same form token again, valid choice, no receipt: treated as a retry of an unfinished vote.
    await castVote(id, holder, member.id, { choice: 'against', formToken: 'proxyChangeToken123456' }).catch(() => undefined);
    // The member votes in person with the proxy code.
    await castVote(id, member, member.id, { choice: 'for', changeCode: code! });
    // One member, one ballot: expect for 1, against 0.
    expect(await closedTally(id)).toMatchObject({ counts: { for: 1, against: 0 } });
  });

  it('no voter can stuff the box the same way (no proxy needed)', async () => {
    const voter = await makeMember();
    const id = await createProposal(secret, voter);
    let r = await castVote(id, voter, voter.id, { choice: 'for', formToken: 'voterFirstToken1234567' });
    for (let i = 0; i < 3; i++) {
      const tok = `stuffToken${i}aaaaaaaaaaa`.slice(0, 22);
      await refusal(castVote(id, voter, voter.id, { choice: 'bogus', changeCode: r.receipt!, formToken: tok }));
      r = (await castVote(id, voter, voter.id, { choice: 'for', formToken: tok }).catch(() => null)) ?? r;
    }
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
  });
});

describe('a refused first ballot does not mark the member as having voted', () => {
  it('a proxy’s refused (400) ballot leaves no "has voted" row', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    await appointProxy(member, holder.id, id);
    expect((await refusal(castVote(id, holder, member.id, { choice: '' }))).code).toBe('invalid');
    expect(readBox(id)).toHaveLength(0);
    expect(await hasVoted(id, member.id)).toBe(false);
  });

  it('a member who sent the election form without ranking anyone can still vote with a fresh form', async () => {
    const a = await makeMember();
    const b = await makeMember();
    const voter = await makeMember();
    const id = await createProposal(draftProposal({ kind: 'election', secret: true, hideResults: true, seats: 1, options: [{ id: a.id, label: 'A' }, { id: b.id, label: 'B' }] }), a);
    expect((await refusal(castVote(id, voter, voter.id, { choice: '', ranking: [], formToken: 'emptyRankingToken12345' }))).code).toBe('invalid');
    // The page is shown again with a new form token (loaders revalidate), and the member ranks A.
    await castVote(id, voter, voter.id, { choice: '', ranking: [a.id], formToken: 'secondFormToken1234567' });
    expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
  });
});

describe('the ballot box file says nothing by its size (a copy of the data folder, no ballot key)', () => {
  it('every ballot grows the box by the same number of bytes, whatever the choice, ranking or reason', async () => {
    const voters = [];
    for (let i = 0; i < 6; i++) voters.push(await makeMember());
    const id = await createProposal(secret, voters[0]!);
    const file = path.join(boxDir(), `${id}.box`);
    const size = () => (fs.existsSync(file) ? fs.statSync(file).size : 0);
    // The longest reason allowed, in Arabic (two bytes a character in UTF-8), and an empty one.
    const ballots = [{ choice: 'for' }, { choice: 'against' }, { choice: 'abstain' }, { choice: 'against', reason: 'لا '.repeat(700) }, { choice: 'for', reason: 'ok' }, { choice: 'abstain' }];
    const growth: number[] = [];
    for (let i = 0; i < voters.length; i++) {
      const before = size();
      await castVote(id, voters[i]!, voters[i]!.id, { ...ballots[i]!, formToken: `sizeToken${i}aaaaaaaaaaaaa`.slice(0, 22) });
      if (i > 0) growth.push(size() - before);
    }
    expect(new Set(growth).size).toBe(1);
    expect(readBox(id)).toHaveLength(voters.length);
  });

  // A hand-made POST can send what no keyboard types: 2,000 control characters JSON-escape to six
  // bytes each (\u0001), 12 KB, so that one ballot took two rooms and the file's size marked it. Control
  // characters are dropped from a reason (line breaks and tabs kept, CR LF made LF).
  it('a reason of control characters (a hand-made POST) takes one room like any other, and is stored without them', async () => {
    const voters = [];
    for (let i = 0; i < 3; i++) voters.push(await makeMember());
    const id = await createProposal(secret, voters[0]!);
    const file = path.join(boxDir(), `${id}.box`);
    await castVote(id, voters[0]!, voters[0]!.id, { choice: 'for', formToken: 'ctrlToken0aaaaaaaaaaaaa'.slice(0, 22) });
    const one = fs.statSync(file).size;
    await castVote(id, voters[1]!, voters[1]!.id, { choice: 'against', reason: '\u0001\u001b\u0085'.repeat(667), formToken: 'ctrlToken1aaaaaaaaaaaaa'.slice(0, 22) });
    const two = fs.statSync(file).size;
    await castVote(id, voters[2]!, voters[2]!.id, { choice: 'against', reason: 'line one\r\n\tline\u0000 two\u007f', formToken: 'ctrlToken2aaaaaaaaaaaaa'.slice(0, 22) });
    expect(two - one).toBe(fs.statSync(file).size - two);
    const reasons = readBox(id).map((e) => e.reason);
    expect(reasons).toContain('line one\n\tline two');
    // eslint-disable-next-line no-control-regex -- asserting none are left
    expect(reasons.join('')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('a box of mixed ballots is exactly as large as a box of the same number of "for" ballots', async () => {
    const voters = [];
    for (let i = 0; i < 9; i++) voters.push(await makeMember());
    const mixed = await createProposal(secret, voters[0]!);
    const allFor = await createProposal(secret, voters[0]!);
    const choices = ['for', 'against', 'for', 'abstain', 'for', 'against', 'for', 'for', 'for'];
    for (let i = 0; i < voters.length; i++) {
      await castVote(mixed, voters[i]!, voters[i]!.id, { choice: choices[i]!, formToken: `snapToken${i}aaaaaaaaaaaaa`.slice(0, 22) });
      await castVote(allFor, voters[i]!, voters[i]!.id, { choice: 'for', formToken: `calToken${i}aaaaaaaaaaaaaa`.slice(0, 22) });
    }
    expect(fs.statSync(path.join(boxDir(), `${mixed}.box`)).size).toBe(fs.statSync(path.join(boxDir(), `${allFor}.box`)).size);
  });
});

describe('proxies and secret ballots: what must hold', () => {
  it('revocation after the proxy voted: the ballot stands, the member still replaces it with the old code; a new holder cannot vote', async () => {
    const member = await makeMember();
    const h1 = await makeMember();
    const h2 = await makeMember();
    const id = await createProposal(secret, member);
    const { id: pid, code } = await appointProxy(member, h1.id, id);
    await castVote(id, h1, member.id, { choice: 'against' });
    const { revokeProxy } = await import('./participation.server');
    await revokeProxy(member, pid);
    expect((await refusal(castVote(id, h1, member.id, { choice: 'abstain' }))).code).toBe('no_proxy');
    await appointProxy(member, h2.id, id);
    expect((await refusal(castVote(id, h2, member.id, { choice: 'for' }))).code).toBe('code_required');
    await castVote(id, member, member.id, { choice: 'for', changeCode: code! });
    expect(await closedTally(id)).toMatchObject({ counts: { for: 1, against: 0, abstain: 0 } });
  });

  it('concurrent proxy vote and member vote: exactly one ballot counts', async () => {
    for (let round = 0; round < 5; round++) {
      const member = await makeMember();
      const holder = await makeMember();
      const id = await createProposal(secret, member);
      await appointProxy(member, holder.id, id);
      const r = await Promise.allSettled([castVote(id, holder, member.id, { choice: 'against' }), castVote(id, member, member.id, { choice: 'for' })]);
      expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect(readBox(id).filter((e) => !e.replaced)).toHaveLength(1);
    }
  });
});

describe('two live appointments to the same holder', () => {
  it('the code of the appointment made for this ballot opens the proxy’s ballot', async () => {
    const member = await makeMember();
    const holder = await makeMember();
    const id = await createProposal(secret, member);
    await appointProxy(member, holder.id, null); // standing, made long ago
    const { code: forThisVote } = await appointProxy(member, holder.id, id);
    await castVote(id, holder, member.id, { choice: 'against' });
    const r = await castVote(id, member, member.id, { choice: 'for', changeCode: forThisVote! }).then(() => 'ok', (e) => e.code);
    expect(r).toBe('ok');
  });
});
