import { test, expect } from '@playwright/test';
import { editor, openDraft, pageFor, seededBid } from './collab-support';

/**
 * Issue 12.1: a failed background request (the comments panel's refresh) must never replace the bid
 * page with an error page. Real faults: the request answered 500, then 404 (as after losing access),
 * then the network gone (setOffline) — the editor stays mounted and typing keeps working throughout.
 */
test('a failing comments refresh (500, 404, offline) leaves the editor mounted and typing working', async ({ browser }) => {
  test.setTimeout(120_000);
  const { id, sections, lead, partner } = await seededBid('Flaky connection bid');
  const section = sections[0]!;
  const a = await pageFor(browser, lead.id);
  const b = await pageFor(browser, partner.id);
  await openDraft(b, id, section.id);

  let answer: 'ok' | 500 | 404 | 'abort' = 500;
  await a.route(/\/documents\/[^/]+\/comments\?.*_data=/, async (route) => {
    if (answer === 'ok') return route.continue();
    if (answer === 'abort') return route.abort('internetdisconnected');
    return route.fulfill({ status: answer, contentType: 'text/plain', body: answer === 404 ? 'Not found' : 'Oops' });
  });
  await openDraft(a, id, section.id);
  const note = a.locator('.collab-background-offline');
  await expect(note).toContainText('Offline — changes are kept on this phone');
  await expect(a.getByText('Sorry, something went wrong')).toHaveCount(0);
  await editor(a, section.id).click();
  await a.keyboard.type('Typed while comments fail.');
  await expect(editor(b, section.id)).toContainText('Typed while comments fail.');

  // A 404, as after losing access: the page says so, quietly; still no error page.
  answer = 404;
  await expect(note).toHaveAttribute('data-failed', '404', { timeout: 15_000 });
  await expect(note).toContainText('no longer have access');
  await expect(editor(a, section.id)).toBeVisible();

  // The network goes: the offline note stays, the editor stays, typing keeps working.
  answer = 'abort';
  await a.context().setOffline(true);
  await expect(note).toHaveAttribute('data-failed', '0', { timeout: 15_000 });
  await editor(a, section.id).click();
  await a.keyboard.press('End');
  await a.keyboard.type(' And while offline.');
  await expect(editor(a, section.id)).toContainText('Typed while comments fail. And while offline.');
  await expect(a.getByText('Sorry, something went wrong')).toHaveCount(0);

  // Back online: comments load again (the retry runs at once), the edits reach the partner.
  answer = 'ok';
  await a.context().setOffline(false);
  await expect(note).toHaveCount(0, { timeout: 15_000 });
  await expect(a.locator('.collab-comments-panel')).toContainText('No comments yet');
  await expect(editor(b, section.id)).toContainText('And while offline.', { timeout: 20_000 });
  await a.context().close();
  await b.context().close();
});
