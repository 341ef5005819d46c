/**
 * The ballot box's layout on disk (issue 17: a secret ballot among 1,000 members). The padding that
 * hides what is in each ballot is one fill after the entries instead of a string inside every entry,
 * so a vote no longer stringifies and parses 8 MB of spaces; what the file's size says must not change,
 * and a box written by the previous version (a vote open across an upgrade) must still be read.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { env } from '~/env.server';
import { BOX_ENTRY_BYTES, boxDir, boxPlaintext, readBox, writeBox, type BoxEntry } from './ballot-box.server';

const entry = (choice: unknown, reason: string | null = null): BoxEntry => ({
  choice: JSON.stringify(choice),
  reason,
  receiptHash: randomBytes(32).toString('hex'),
  ownerTag: randomBytes(32).toString('hex'),
  tokenTag: randomBytes(32).toString('hex'),
  receiptSealed: randomBytes(60).toString('base64url'),
  proxyTag: randomBytes(32).toString('hex'),
});
const id = () => `box-test-${randomBytes(6).toString('hex')}`;
const fileOf = (proposalId: string) => path.join(boxDir(), `${proposalId}.box`);

describe('the box file says nothing by its size', () => {
  it('is 2 bytes plus one room per ballot, whatever the choices and reasons (a longest reason, in Arabic, with newlines)', () => {
    const longest = 'لا\n'.repeat(666) + 'لا';
    const mixed = [entry({ kind: 'yesno', choice: 'for' }), entry({ kind: 'yesno', choice: 'against' }, longest), entry({ kind: 'ranked', ranking: ['a', 'b', 'c', 'd', 'e'] }, 'ok')];
    const plain = [entry({ kind: 'yesno', choice: 'for' }), entry({ kind: 'yesno', choice: 'for' }), entry({ kind: 'yesno', choice: 'for' })];
    expect(boxPlaintext(mixed).length).toBe(2 + 3 * BOX_ENTRY_BYTES);
    expect(boxPlaintext(plain).length).toBe(boxPlaintext(mixed).length);
    expect(boxPlaintext([]).length).toBe(2);
  });

  it('a ballot larger than one room takes the next multiple, as before', () => {
    const big = entry({ kind: 'ranked', ranking: Array.from({ length: 700 }, (_, i) => `candidate-${i}`) });
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(BOX_ENTRY_BYTES);
    expect(boxPlaintext([big]).length).toBe(2 + 2 * BOX_ENTRY_BYTES);
  });

  it('two boxes of the same number of ballots are the same size on disk', () => {
    const a = id();
    const b = id();
    writeBox(a, [entry({ choice: 'for' }), entry({ choice: 'against' }, 'x'.repeat(2000))]);
    writeBox(b, [entry({ choice: 'for' }), entry({ choice: 'for' })]);
    expect(fs.statSync(fileOf(a)).size).toBe(fs.statSync(fileOf(b)).size);
  });
});

describe('what goes in comes out', () => {
  it('every entry, reasons with newlines and any script included, none of the padding', () => {
    const p = id();
    const entries = [entry({ kind: 'yesno', choice: 'for' }, 'line one\nline two\r\n"quoted" \\ 🙂 ارسال'), entry({ kind: 'yesno', choice: 'against' })];
    writeBox(p, entries);
    const back = readBox(p);
    expect(back).toHaveLength(2);
    const byHash = new Map(back.map((e) => [e.receiptHash, e]));
    for (const e of entries) expect(byHash.get(e.receiptHash)).toEqual(e);
  });

  it('a box written by the previous version (padding inside every entry, no newline) is still read', () => {
    const p = id();
    const entries = [entry({ kind: 'yesno', choice: 'for' }), entry({ kind: 'yesno', choice: 'abstain' }, 'why')];
    // The previous writeBox, verbatim in effect: each entry padded with a `pad` field to BOX_ENTRY_BYTES.
    const padded = entries.map((e) => {
      const bare = Buffer.byteLength(JSON.stringify({ ...e, pad: '' }));
      return { ...e, pad: ' '.repeat(Math.ceil(bare / BOX_ENTRY_BYTES) * BOX_ENTRY_BYTES - bare) };
    });
    const key = Buffer.from(hkdfSync('sha256', env.governanceBallotSecret, 'nomi-ballot-box', 'ballot box v1', 32));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(Buffer.from(JSON.stringify(padded))), c.final()]);
    fs.mkdirSync(boxDir(), { recursive: true });
    fs.writeFileSync(fileOf(p), Buffer.concat([iv, c.getAuthTag(), body]));
    expect(readBox(p)).toEqual(entries);
  });
});
