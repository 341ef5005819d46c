import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { makeMember } from '../../../test/factories';
import { newId } from '~/modules/auth/tokens.server';
import { tmpDir, type PendingUpload } from '~/modules/uploads/uploads.server';
import { acceptAttachment, attachmentFile, deleteAttachment, listAttachments } from './attachments.server';
import { createBid } from './bids.server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00' + 'x'.repeat(400) + 'This program cannot be run in DOS mode');

function pending(name: string, bytes: Buffer, over: Partial<PendingUpload> = {}): PendingUpload {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const tmp = path.join(tmpDir(), newId());
  fs.writeFileSync(tmp, bytes);
  return { field: 'file', name, size: bytes.length, tmpPath: tmp, problem: null, maxBytes: 20 * 1024 * 1024, ...over };
}

async function bid() {
  const lead = await makeMember();
  const id = await createBid(
    { title: 'Files bid', funder: 'F', deadline: Date.now() + 86_400_000 * 10, amount: 100_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'blank' },
    lead,
    'en',
  );
  return { id, lead };
}

describe('bid attachments (through the shared upload module)', () => {
  it('stores a real PDF under the bid’s folder with a safe name; deleting removes the file', async () => {
    const { id, lead } = await bid();
    const r = await acceptAttachment(lead, id, [pending('../../letter of support.pdf', PDF)]);
    expect('id' in r).toBe(true);
    const row = await attachmentFile(id, (r as { id: string }).id);
    expect(row).toMatchObject({ name: 'letter of support.pdf', mime: 'application/pdf', size: PDF.length });
    expect(row!.path.startsWith(`bids${path.sep}${id}${path.sep}`)).toBe(true);
    const full = path.join(env.uploadDir, row!.path);
    expect(fs.existsSync(full)).toBe(true);
    // Another bid cannot reach it.
    const other = await bid();
    expect(await attachmentFile(other.id, row!.id)).toBeNull();
    expect(await deleteAttachment(lead, id, row!.id)).toBe(true);
    expect(fs.existsSync(full)).toBe(false);
  });

  it('a program disguised by its name, a file over 20 MB and a missing file are refused, and nothing is kept', async () => {
    const { id, lead } = await bid();
    const disguised = pending('budget.pdf', EXE);
    expect(await acceptAttachment(lead, id, [disguised])).toEqual({ problem: 'wrongType' });
    expect(fs.existsSync(disguised.tmpPath ?? '/nonexistent')).toBe(false);
    expect(await acceptAttachment(lead, id, [{ ...pending('big.pdf', PDF), tmpPath: null, problem: 'tooLarge' }])).toEqual({ problem: 'tooLarge' });
    expect(await acceptAttachment(lead, id, [])).toEqual({ problem: 'missing' });
    expect(await listAttachments(id)).toEqual([]);
    expect(await db.selectFrom('bid_attachments').select('id').where('bid_id', '=', id).execute()).toHaveLength(0);
  });

  it('a photo is stored without its GPS position or camera details', async () => {
    const { id, lead } = await bid();
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a73' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SECRET-CAMERA' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 24/1 1234/100' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const r = await acceptAttachment(lead, id, [pending('meeting.jpg', photo)]);
    const row = await attachmentFile(id, (r as { id: string }).id);
    const stored = fs.readFileSync(path.join(env.uploadDir, row!.path));
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['jpeg', 64, undefined]);
    expect(stored.includes(Buffer.from('SECRET-CAMERA'))).toBe(false);
    expect(row!.size).toBe(stored.length);
  });
});
