import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '~/env.server';

/**
 * The ballot box of an open secret ballot: one encrypted file per proposal, outside the database.
 *
 * Why not rows in the database: a ballot row and its "has voted" row written at the same moment sit
 * next to each other in the SQLite file and in successive WAL frames, so a copy of the data folder
 * pairs ballots with voters (issue 15.7). Here the database only records *that* a member voted; the
 * ballot goes into this file, which is
 *  - encrypted (AES-256-GCM) under a key derived from the ballot secret, which is kept outside the
 *    data folder (env.governanceBallotSecret), so a copy of the data folder cannot read it;
 *  - rewritten whole, in a fresh random order, on every change, so its order says nothing about when
 *    a ballot was cast;
 *  - written to a temporary file, fsynced and renamed over the old one before the vote is
 *    acknowledged, so an acknowledged ballot survives kill -9 and a torn write never replaces it.
 * At close the ballots are written to the database in one shuffled batch, the file is deleted and the
 * WAL is checkpointed and truncated (see closing in proposal-lifecycle.server).
 */
export interface BoxEntry {
  choice: string;
  reason: string | null;
  receiptHash: string;
  /** HMAC(secret, proposal:voter:receipt): only the voter holding the receipt can replace it. */
  ownerTag: string;
  /** HMAC(secret, proposal:form token): finds the ballot again when the same form is sent twice. */
  tokenTag: string | null;
  /** The receipt, encrypted under a key derived from the form token (only the voter's browser has it). */
  receiptSealed: string | null;
  /**
   * H(proposal, T) for a ballot a proxy cast, where only the member's proxy code opens T; random for
   * every other ballot, so a proxy's ballot looks like any other (secret-proxy.server.ts).
   */
  proxyTag?: string;
  /** Replaced by its voter: kept for the history written at close, never counted or found again. */
  replaced?: boolean;
}

export function boxDir(): string {
  return path.join(path.dirname(env.databasePath), 'ballot-box');
}

function boxFile(proposalId: string): string {
  if (!/^[\w-]{1,64}$/.test(proposalId)) throw new Error('bad proposal id');
  return path.join(boxDir(), `${proposalId}.box`);
}

function boxKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', env.governanceBallotSecret, 'nomi-ballot-box', 'ballot box v1', 32));
}

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
}

/** Fisher–Yates with a cryptographic source: the order of the file must not be predictable. */
export function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function readBox(proposalId: string): BoxEntry[] {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(boxFile(proposalId));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return (JSON.parse(open(boxKey(), raw).toString('utf8')) as Array<BoxEntry & { pad?: string }>).map(({ pad: _pad, ...entry }) => entry);
}

function fsyncDir(dir: string) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every entry is written at the same size. Encryption hides the content but not the length, so
 * without this the file's size gives "for" from "against", how many were ranked and whether a reason
 * was given, to anyone holding a copy of the data folder (no key needed), and two copies around one
 * vote pair the new "has voted" row with that ballot. 8 KiB holds the longest reason (2,000
 * characters, up to 3 bytes each) with its ballot; a larger entry (a ranking of well over a hundred
 * candidates) takes the next multiple, which says only that it was that large.
 */
export const BOX_ENTRY_BYTES = 8192;
function padded(entry: BoxEntry): BoxEntry & { pad: string } {
  const bare = Buffer.byteLength(JSON.stringify({ ...entry, pad: '' }));
  const size = Math.max(1, Math.ceil(bare / BOX_ENTRY_BYTES)) * BOX_ENTRY_BYTES;
  return { ...entry, pad: ' '.repeat(size - bare) };
}

/** Replaces the box with these entries, in a new random order, durably. */
export function writeBox(proposalId: string, entries: BoxEntry[]): void {
  const file = boxFile(proposalId);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, seal(boxKey(), Buffer.from(JSON.stringify(shuffle(entries).map(padded)))));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export function deleteBox(proposalId: string): void {
  fs.rmSync(boxFile(proposalId), { force: true });
  try {
    fsyncDir(boxDir());
  } catch {
    /* no box folder: nothing was deleted */
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` with the proposal's box to itself: reading, deciding and rewriting the file must not
 * interleave with another vote on the same proposal (one server per database, see server/index.ts).
 */
export function withBox<T>(proposalId: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(proposalId) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(proposalId, settled);
  void settled.then(() => {
    if (queues.get(proposalId) === settled) queues.delete(proposalId);
  });
  return run;
}

// ---------------------------------------------------------------------------------------------
// Form tokens: one vote per form submission, answered the same way however often it is sent.
// ---------------------------------------------------------------------------------------------

/** A fresh one-time token for a vote form (128 random bits). */
export function newFormToken(): string {
  return randomBytes(16).toString('base64url');
}

export function isFormToken(v: unknown): v is string {
  return typeof v === 'string' && /^[\w-]{22}$/.test(v);
}

/** Finds a box entry again from the form token, without anything in the box naming the voter. */
export function tokenTag(proposalId: string, token: string): string {
  return createHmac('sha256', env.governanceBallotSecret).update(`token:${proposalId}:${token}`).digest('hex');
}

/** In the "has voted" row: lets the same form finish a vote whose ballot was not yet in the box. */
export function submissionTag(proposalId: string, voterId: string, token: string): string {
  return createHmac('sha256', env.governanceBallotSecret).update(`submission:${proposalId}:${voterId}:${token}`).digest('hex');
}

function tokenKey(proposalId: string, token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, `nomi-receipt:${proposalId}`, 'receipt under form token', 32));
}

/** The receipt, readable only with the form token the voter's browser sent. */
export function sealReceipt(proposalId: string, token: string, receipt: string): string {
  return seal(tokenKey(proposalId, token), Buffer.from(receipt)).toString('base64url');
}

export function openReceipt(proposalId: string, token: string, sealed: string): string {
  return open(tokenKey(proposalId, token), Buffer.from(sealed, 'base64url')).toString('utf8');
}

export function digest(v: string): string {
  return createHash('sha256').update(v).digest('hex');
}
