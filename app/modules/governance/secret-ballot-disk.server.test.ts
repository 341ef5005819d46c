/**
 * Issue 15.7: a forensic look at the database file and its WAL after a secret election.
 * The adversary holds a copy of the data folder (database, WAL — but not the ballot key, which lives
 * outside it) and tries to pair ballots with voters by where they sit on disk: in the database file
 * by the order of cells (SQLite fills a page's cell area in insertion order), in the WAL by the frame
 * in which each ballot and each "has voted" row first appears. Before the fix, both were written in
 * one transaction, and this pairing linked nearly every ballot to its voter.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { env } from '~/env.server';
import { makeMember } from '../../../test/factories';
import { castVote } from './proposal-voting.server';
import { closeProposal, createProposal } from './proposal-lifecycle.server';
import { getProposal } from './proposal-read.server';
import { draftProposal } from './test-helpers';
import { nearestPairing, occurrences, permutations, rankPairing } from './disk-forensics';

const VOTERS = 60;

describe('secret ballots on disk (issue 15.7)', () => {
  it(`after an election of ${VOTERS} voters, physical order in the database file and the WAL pairs ballots with voters no better than chance`, async () => {
    const candidates = [await makeMember(), await makeMember(), await makeMember(), await makeMember(), await makeMember()];
    const voters: Awaited<ReturnType<typeof makeMember>>[] = [];
    for (let i = 0; i < VOTERS; i++) voters.push(await makeMember());
    const id = await createProposal(
      draftProposal({ kind: 'election', secret: true, hideResults: true, seats: 2, options: candidates.map((c) => ({ id: c.id, label: c.name })) }),
      candidates[0]!,
    );
    // Each voter casts a different ranking, so each ballot is recognisable on disk.
    const rankings = permutations(candidates.map((c) => c.id)).slice(0, VOTERS);
    for (let i = 0; i < VOTERS; i++) await castVote(id, voters[i]!, voters[i]!.id, { choice: '', ranking: rankings[i]! });

    const readAll = () => ({ file: fs.readFileSync(env.databasePath), wal: fs.existsSync(`${env.databasePath}-wal`) ? fs.readFileSync(`${env.databasePath}-wal`) : Buffer.alloc(0) });
    const ballotNeedle = (i: number) => Buffer.from(JSON.stringify({ kind: 'ranking', ranking: rankings[i] }));
    // A "has voted" row stores proposal id then user id, next to each other in the record.
    const voterNeedle = (i: number) => Buffer.from(`${id}${voters[i]!.id}`);

    // While voting is open, no ballot is readable anywhere in the database or its WAL.
    const during = readAll();
    for (let i = 0; i < VOTERS; i++) {
      expect(occurrences(during.file, ballotNeedle(i))).toHaveLength(0);
      expect(occurrences(during.wal, ballotNeedle(i))).toHaveLength(0);
    }

    await closeProposal(id, null);
    const p = (await getProposal(id))!;
    expect(p.status).toBe('closed');
    const { file, wal } = readAll();

    // The database file: every ballot is there (the count can be verified)…
    const ballotInFile = rankings.map((_, i) => occurrences(file, ballotNeedle(i))[0]);
    expect(ballotInFile.every((x) => x !== undefined)).toBe(true);
    // …and "has voted" rows are the last occurrence of each voter's pattern (electorate rows come first).
    const voterInFile = voters.map((_, i) => occurrences(file, voterNeedle(i)).at(-1));
    expect(voterInFile.every((x) => x !== undefined)).toBe(true);
    // By chance, a random pairing of 60 gets 1 right on average; 8 or more happens with p < 1e-5.
    expect(rankPairing(ballotInFile, voterInFile)).toBeLessThan(8);
    expect(nearestPairing(ballotInFile, voterInFile)).toBeLessThan(8);

    // The WAL: checkpointed and truncated at close, so no frame holds a ballot.
    const pageSize = wal.length >= 32 ? wal.readUInt32BE(8) : 0;
    const frameOf = (pos: number | undefined) => (pos === undefined ? undefined : Math.floor((pos - 32) / (24 + pageSize)));
    const ballotFrames = rankings.map((_, i) => frameOf(occurrences(wal, ballotNeedle(i))[0]));
    const voterFrames = voters.map((_, i) => frameOf(occurrences(wal, voterNeedle(i))[0]));
    expect(nearestPairing(ballotFrames, voterFrames)).toBeLessThan(8);
    expect(rankPairing(ballotFrames, voterFrames)).toBeLessThan(8);
    expect(ballotFrames.filter((f) => f !== undefined)).toHaveLength(0);
  }, 120_000);
});
