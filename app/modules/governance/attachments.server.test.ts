import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';
import { pendingFromTmp, storedPath, tmpDir } from '~/modules/uploads/uploads.server';
import { makeMember } from '../../../test/factories';
import { closeProposal, createProposal } from './proposal-lifecycle.server';
import { attachToProposal, attachmentFor, listAttachments } from './attachments.server';
import { draftProposal, refusal } from './test-helpers';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

const base = draftProposal({ title: 'Adopt the articles', body: 'The draft articles are attached.', kind: 'special' });

function pending(bytes: Buffer, name: string) {
  fs.mkdirSync(tmpDir(), { recursive: true });
  const file = path.join(tmpDir(), newId());
  fs.writeFileSync(file, bytes);
  return pendingFromTmp(file, name)!;
}


describe('background documents on a proposal', () => {
  it('the proposer attaches a PDF; others cannot; programs and closed proposals are refused, nothing kept', async () => {
    const proposer = await makeMember();
    const other = await makeMember();
    const id = await createProposal(base, proposer);

    const r = await attachToProposal(id, proposer, pending(PDF, 'draft articles.pdf'));
    expect('id' in r).toBe(true);
    const list = await listAttachments(id);
    expect(list).toMatchObject([{ name: 'draft articles.pdf', mime: 'application/pdf', size: PDF.length }]);
    const row = await attachmentFor(id, list[0]!.id);
    expect(fs.existsSync(storedPath(row!.path)!)).toBe(true);
    expect(row!.path.startsWith('governance' + path.sep)).toBe(true);

    // Someone who is not the proposer or a steward: 403, the temporary file is removed.
    const upload = pending(PDF, 'mine.pdf');
    expect((await refusal(attachToProposal(id, other, upload))).status).toBe(403);
    expect(fs.existsSync(upload.tmpPath ?? '')).toBe(false);
    // A program, even named .pdf: refused, nothing stored.
    expect(await attachToProposal(id, proposer, pending(EXE, 'articles.pdf'))).toEqual({ problem: 'executable' });
    expect(await attachToProposal(id, proposer, pending(Buffer.from('just text'), 'notes.txt'))).toEqual({ problem: 'wrongType' });
    expect(await attachToProposal(id, proposer, undefined)).toEqual({ problem: 'missing' });
    expect(await listAttachments(id)).toHaveLength(1);
    expect(fs.readdirSync(path.join(env.uploadDir, 'governance'))).toHaveLength(1);

    // A steward may attach too; after close nobody can.
    const steward = await makeMember({ role: 'steward' });
    expect('id' in (await attachToProposal(id, steward, pending(PDF, 'budget.pdf')))).toBe(true);
    await closeProposal(id, proposer.id);
    expect((await refusal(attachToProposal(id, proposer, pending(PDF, 'late.pdf')))).code).toBe('not_open');
    expect(await listAttachments(id)).toHaveLength(2);
  });

  it('a document is only found through its own proposal', async () => {
    const proposer = await makeMember();
    const a = await createProposal(base, proposer);
    const b = await createProposal(base, proposer);
    await attachToProposal(a, proposer, pending(PDF, 'a.pdf'));
    const [file] = await listAttachments(a);
    expect(await attachmentFor(a, file!.id)).toBeDefined();
    expect(await attachmentFor(b, file!.id)).toBeUndefined();
    expect(await db.selectFrom('governance_attachments').selectAll().where('proposal_id', '=', b).execute()).toHaveLength(0);
  });

  it('a photo is stored without its GPS position or camera details', async () => {
    const proposer = await makeMember();
    const id = await createProposal(base, proposer);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#37a' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SECRET-CAMERA' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 24/1 1234/100' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const r = await attachToProposal(id, proposer, pending(photo, 'site visit.jpg'));
    const row = await attachmentFor(id, (r as { id: string }).id);
    const stored = fs.readFileSync(storedPath(row!.path)!);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['jpeg', 64, undefined]);
    expect(stored.includes(Buffer.from('SECRET-CAMERA'))).toBe(false);
  });
});
