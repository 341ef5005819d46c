/**
 * Where the ballots of an open members' vote wait until the count: governance's ballot box
 * (../governance/ballot-box.server.ts — one encrypted file, rewritten whole in a fresh random order,
 * every entry padded to the same size), not the database.
 *
 * Why: a ballot row written in the same transaction as its "has voted" row lands in the same WAL
 * frames, so a copy of the data folder paired every ballot with its voter (fund-audit,
 * vote-disk.server.test.ts). At close the ballots enter the database in one shuffled batch, the box
 * is deleted and the WAL checkpointed and truncated.
 */
import { sql, type Transaction } from 'kysely';
import { db } from '~db/connection';
import type { Database } from '~db/schema';
import { newId } from '~/modules/auth/tokens.server';
import { deleteBox, readBox, shuffle, tokenTag, withBox, writeBox } from '~/modules/governance/ballot-box.server';

/** The box of one round's vote (the box file's name allows letters, digits, '_' and '-'). */
const boxId = (roundId: string) => `fund-vote-${roundId}`;

/** Runs `fn` with the round's box to itself (casting, closing): nothing interleaves with it. */
export const withFundBox = <T>(roundId: string, fn: () => Promise<T>) => withBox(boxId(roundId), fn);

/** Puts a ballot into the box, unless the same form (token) put it there already. */
export function putBallot(roundId: string, token: string, approved: string[], receiptHash: string): void {
  const entries = readBox(boxId(roundId));
  const tag = tokenTag(boxId(roundId), token);
  if (entries.some((e) => e.tokenTag === tag)) return;
  entries.push({ choice: JSON.stringify(approved), reason: null, receiptHash, ownerTag: '', tokenTag: tag, receiptSealed: null });
  writeBox(boxId(roundId), entries);
}

/** Is a ballot with this receipt hash waiting in the box (the vote is still open)? */
export function inBox(roundId: string, receiptHash: string): boolean {
  return readBox(boxId(roundId)).some((e) => e.receiptHash === receiptHash);
}

/**
 * Moves the box's ballots into fund_vote_ballots, in a random order, inside the closing transaction —
 * after that transaction has moved the vote's proposal from open to closed (only one close gets there).
 */
export async function moveBallotsIn(trx: Transaction<Database>, roundId: string): Promise<void> {
  for (const e of shuffle(readBox(boxId(roundId)))) {
    await trx.insertInto('fund_vote_ballots').values({ id: newId(), round_id: roundId, approved: e.choice, receipt_hash: e.receiptHash }).execute();
  }
}

/** After the count is committed: the box goes, and the WAL is emptied into the file and truncated. */
export async function sealFundBox(roundId: string): Promise<void> {
  deleteBox(boxId(roundId));
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}
