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
 *    a ballot was cast, every entry taking the same room (boxPlaintext), so its size says nothing of
 *    what is in it;
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

/** [iv, tag, body]: written as they are, since the box's body can be megabytes (no copy to join them). */
function sealParts(key: Buffer, plain: Buffer): [Buffer, Buffer, Buffer] {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = c.update(plain);
  const rest = c.final(); // empty for GCM; joined only if it is not
  return [iv, c.getAuthTag(), rest.length ? Buffer.concat([body, rest]) : body];
}

function seal(key: Buffer, plain: Buffer): Buffer {
  return Buffer.concat(sealParts(key, plain));
}

function open(key: Buffer, sealed: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(12, 28));
  const body = d.update(sealed.subarray(28));
  const rest = d.final(); // throws when the tag does not match; empty for GCM
  return rest.length ? Buffer.concat([body, rest]) : body;
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
  const plain = open(boxKey(), raw);
  // The entries end at the first newline (JSON.stringify never writes one); the padding follows. A box
  // written before the padding moved to the end has no newline, and a `pad` in every entry.
  const end = plain.indexOf(0x0a);
  const entries = JSON.parse(plain.toString('utf8', 0, end === -1 ? plain.length : end)) as Array<BoxEntry & { pad?: string }>;
  return entries.map(({ pad: _pad, ...entry }) => entry);
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
 * Every entry takes the same room. Encryption hides the content but not the length, so without this
 * the file's size gives "for" from "against", how many were ranked and whether a reason was given, to
 * anyone holding a copy of the data folder (no key needed), and two copies around one vote pair the
 * new "has voted" row with that ballot. 8 KiB holds the longest reason (2,000 characters, up to 3
 * bytes each) with its ballot; a larger entry (a ranking of well over a hundred candidates) takes the
 * next multiple, which says only that it was that large.
 */
export const BOX_ENTRY_BYTES = 8192;

/**
 * The plaintext: the entries as compact JSON, a newline, then spaces up to 2 bytes plus each entry's
 * room (its JSON and a separator, rounded up to BOX_ENTRY_BYTES). The size is the same as if every
 * entry were padded where it stands, but the padding is one fill at the end: a vote among 1,000 ballots
 * no longer stringifies, parses and keeps 8 MB of spaces (bench/governance.bench.ts).
 */
export function boxPlaintext(entries: BoxEntry[]): Buffer {
  const parts = entries.map((e) => JSON.stringify(e));
  const json = `[${parts.join(',')}]`;
  const room = parts.reduce((sum, part) => sum + Math.ceil((Buffer.byteLength(part) + 1) / BOX_ENTRY_BYTES) * BOX_ENTRY_BYTES, 2);
  const plain = Buffer.alloc(room, 0x20);
  const written = plain.write(json, 0, 'utf8');
  plain[written] = 0x0a;
  return plain;
}

/** Replaces the box with these entries, in a new random order, durably. */
export function writeBox(proposalId: string, entries: BoxEntry[]): void {
  const file = boxFile(proposalId);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    try {
      for (const part of sealParts(boxKey(), boxPlaintext(shuffle(entries)))) {
        // A write may take less than it was given; the rest follows.
        for (let done = 0; done < part.length; ) done += fs.writeSync(fd, part, done);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    // A failed write (disk full) must not leave a copy of the ballots behind, past the close.
    fs.rmSync(tmp, { force: true });
    throw e;
  }
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
