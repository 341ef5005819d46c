import { test, expect } from '@playwright/test';
import * as Y from 'yjs';
import { baseUrl } from './support';
import { db } from '../db/connection';
import { createSessionCookie } from '../app/modules/auth/session.server';
import { nodeClient, waitFor } from '../app/modules/collab/node-client';
import { editor, localCopies, openDraft, pageFor, seededBid } from './collab-support';

/**
 * Issue 12.4 / 11.3: removing a partner closes their open connections at once — not at the next
 * 30-second re-check (this test's waits are far shorter than that) — refuses whatever they send
 * afterwards, and their page says why and deletes the copy kept on the phone.
 */
test('a partner removed while connected is closed at once, later updates are refused, the local copy is wiped', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, documentId, sections, lead, partner } = await seededBid('Revocation bid');
  const section = sections[0]!;
  const field = `section-${section.id}`;
  const a = await pageFor(browser, lead.id);
  const b = await pageFor(browser, partner.id);
  await openDraft(a, id, section.id);
  await openDraft(b, id, section.id);
  await editor(b, section.id).click();
  await b.keyboard.type('Partner text before removal.');
  await expect(editor(a, section.id)).toContainText('Partner text before removal.');
  expect(await localCopies(b)).toHaveLength(1);

  // A second connection of the partner's: a raw client that only listens, then tries to write.
  const cookie = (await createSessionCookie(partner.id)).split(';')[0]!;
  const raw = nodeClient({ url: `${baseUrl().replace('http', 'ws')}/collab`, documentId, cookie, origin: baseUrl(), maxAttempts: 3 });
  await waitFor(() => raw.events.includes('synced'), 10_000, 'raw client sync');

  // The lead removes the partner (the real form post).
  const row = await db.selectFrom('bid_partners').select('id').where('bid_id', '=', id).where('user_id', '=', partner.id).executeTakeFirstOrThrow();
  const removedAt = Date.now();
  const response = await a.request.post(`/bids/${id}/partners`, { form: { intent: 'remove', partnerId: row.id }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
  expect(response.status()).toBe(302);

  // The partner's page says why and its local copy is gone.
  await expect(b.locator('[data-reason="revoked"]')).toContainText('Your access to this document was removed');
  await expect(b.locator('.collab-status')).toHaveText('Access removed');
  await expect(editor(b, section.id)).toHaveCount(0);
  await expect.poll(() => localCopies(b)).toHaveLength(0);
  await waitFor(() => raw.events.includes('denied:access-revoked'), 5_000, 'raw client told');

  // Whatever the removed partner's client sends now is refused; the lead's later text never reaches it.
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('late update from a removed partner')]);
  raw.doc.getXmlFragment(field).push([p]);
  await editor(a, section.id).click();
  await a.keyboard.press('End');
  await a.keyboard.type(' Lead text after removal.');
  await expect(a.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await b.waitForTimeout(1500); // give a wrongly accepted update time to arrive before checking it did not
  await expect(editor(a, section.id)).not.toContainText('late update');
  expect(raw.doc.getXmlFragment(field).toString()).not.toContain('Lead text after removal');
  const late = await db.selectFrom('collab_updates').select('id').where('document_id', '=', documentId).where('user_id', '=', partner.id).where('created_at', '>=', removedAt).execute();
  expect(late).toEqual([]);
  raw.destroy();
  await a.context().close();
  await b.context().close();
});
