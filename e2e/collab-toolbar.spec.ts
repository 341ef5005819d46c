import { test, expect, type Locator, type Page } from '@playwright/test';
import { createMember, expectAccessible, visit } from './support';
import { seededBid, pageFor, editor, openDraft } from './collab-support';
import { addPartner } from '../app/modules/bids/bids.server';

/**
 * Issue 13.8: on a 360 px phone every bid section had its own nine-button toolbar, wrapping to four
 * rows. Now only the section being edited shows one compact row (bold, italic, lists, comment) and the
 * rarer commands live in a keyboard-operable "More" menu.
 */

function sectionOf(page: Page, sectionId: string): Locator {
  return page.locator('section.collab-field').filter({ has: page.locator(`.collab-editor[data-field="section-${sectionId}"]`) });
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

/** The toolbar is one row: no taller than its tallest button plus its own padding, and inside the screen. */
async function expectOneRow(page: Page, toolbar: Locator) {
  const bar = await box(toolbar);
  const buttons = toolbar.getByRole('button');
  const count = await buttons.count();
  expect(count).toBeGreaterThan(3);
  let tallest = 0;
  for (let i = 0; i < count; i++) {
    const b = await box(buttons.nth(i));
    // Touch targets of at least 44 × 44 CSS px (WCAG 2.5.5 / the project's own standard).
    expect(b.height).toBeGreaterThanOrEqual(44);
    expect(b.width).toBeGreaterThanOrEqual(44);
    // Every button on the same row as the first one.
    expect(Math.abs(b.y - (await box(buttons.first())).y)).toBeLessThan(1);
    tallest = Math.max(tallest, b.height);
  }
  expect(bar.height).toBeLessThan(tallest * 1.5);
  const viewport = page.viewportSize()!;
  expect(bar.x).toBeGreaterThanOrEqual(0);
  expect(bar.x + bar.width).toBeLessThanOrEqual(viewport.width);
  // Nothing hidden in a sideways scroll either.
  expect(await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
}

test('at 360 px only the focused section has a toolbar, on one row; rarer commands sit in a keyboard-operable More menu', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead } = await seededBid('Toolbar bid');
  const [first, second] = [sections[0]!, sections[1]!];
  const page = await pageFor(browser, lead.id);
  await openDraft(page, id, first.id);
  expect(sections.length).toBeGreaterThan(2);

  // Nothing is being edited yet: no section carries a toolbar.
  await expect(page.getByRole('toolbar')).toHaveCount(0);

  await editor(page, first.id).click();
  await page.keyboard.type('Hot meals three evenings a week');
  const toolbar = sectionOf(page, first.id).getByRole('toolbar');
  await expect(toolbar).toBeVisible();
  // One toolbar on the whole page: the other sections show none.
  await expect(page.getByRole('toolbar')).toHaveCount(1);
  for (const other of sections.slice(1)) await expect(sectionOf(page, other.id).getByRole('toolbar')).toHaveCount(0);
  // The common commands are on the bar itself.
  for (const name of ['Bold', 'Italic', 'Bulleted list', 'Numbered list', 'Comment on selection']) {
    await expect(toolbar.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expectOneRow(page, toolbar);

  // Common commands still work straight from the bar.
  await page.keyboard.press('ControlOrMeta+a');
  await toolbar.getByRole('button', { name: 'Bold', exact: true }).click();
  await expect(editor(page, first.id).locator('strong')).toHaveText('Hot meals three evenings a week');
  await expect(toolbar.getByRole('button', { name: 'Bold', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Keyboard only: from the text, Shift+Tab reaches "More"; Enter opens it and focus moves in.
  await editor(page, first.id).focus();
  await page.keyboard.press('Shift+Tab');
  const more = toolbar.getByRole('button', { name: 'More formatting' });
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const menu = page.getByRole('menu', { name: 'More formatting' });
  await expect(menu).toBeVisible();
  // Commands (menuitem) and toggles such as the headings (menuitemcheckbox, with their state).
  const items = menu.locator('[role="menuitem"], [role="menuitemcheckbox"]');
  await expect(items.first()).toBeFocused();
  // Every item is a 44 px target and the menu stays on the screen.
  for (let i = 0; i < (await items.count()); i++) expect((await box(items.nth(i))).height).toBeGreaterThanOrEqual(44);
  const menuBox = await box(menu);
  expect(menuBox.x).toBeGreaterThanOrEqual(0);
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(360);
  await expectAccessible(page);

  // Arrow keys move through the items; Enter applies the rarer command (a heading) to the text.
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  let steps = 0;
  while (!(await menu.getByRole('menuitemcheckbox', { name: 'Heading', exact: true }).evaluate((el) => el === document.activeElement)) && steps < 20) {
    await page.keyboard.press('ArrowDown');
    steps += 1;
  }
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Heading', exact: true })).toBeFocused();
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Heading', exact: true })).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(editor(page, first.id).locator('h2')).toHaveText('Hot meals three evenings a week');
  // The command returns the member to their text, where typing goes on.
  await expect(editor(page, first.id)).toBeFocused();

  // Escape closes the menu and gives focus back to "More".
  await more.focus();
  await page.keyboard.press('Space');
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(more).toBeFocused();
  // Arrow keys, Home and End move along the toolbar too.
  await page.keyboard.press('ArrowLeft');
  await expect(toolbar.getByRole('button', { name: 'Comment on selection' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(toolbar.getByRole('button', { name: 'Bold', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(more).toBeFocused();

  // A link, from the menu, by keyboard: the address field takes focus.
  await editor(page, first.id).getByText('Hot meals').selectText();
  await more.focus();
  await page.keyboard.press('Enter');
  await menu.getByRole('menuitem', { name: 'Link' }).focus();
  await page.keyboard.press('Enter');
  const address = page.getByLabel('Web address of the link (leave empty to remove it)');
  await expect(address).toBeFocused();
  await page.keyboard.type('example.org/kitchen');
  await page.keyboard.press('Enter');
  await expect(editor(page, first.id).locator('a')).toHaveAttribute('href', 'https://example.org/kitchen');

  // "Clear formatting" takes off bold, the heading and the link, but never a comment's anchor.
  await editor(page, first.id).getByText('Hot meals three evenings a week').selectText();
  await toolbar.getByRole('button', { name: 'Comment on selection' }).click();
  await page.getByLabel('Your comment').fill('Which evenings?');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(editor(page, first.id).locator('mark.collab-comment-anchor')).toHaveCount(1);
  await editor(page, first.id).click();
  await page.keyboard.press('ControlOrMeta+a');
  await more.click();
  await menu.getByRole('menuitem', { name: 'Clear formatting' }).click();
  await expect(editor(page, first.id).locator('h2, strong, a')).toHaveCount(0);
  await expect(editor(page, first.id).locator('p').first()).toContainText('Hot meals three evenings a week');
  await expect(editor(page, first.id).locator('mark.collab-comment-anchor')).toHaveText('Hot meals three evenings a week');

  // Moving to another section moves the toolbar with it.
  await editor(page, second.id).click();
  await expect(sectionOf(page, second.id).getByRole('toolbar')).toBeVisible();
  await expect(sectionOf(page, first.id).getByRole('toolbar')).toHaveCount(0);
  await expect(page.getByRole('toolbar')).toHaveCount(1);
  await expectAccessible(page);
  await page.context().close();
});

test('a table is built and changed from the More menu; undo is there for phones without Ctrl+Z', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead } = await seededBid('Table toolbar bid');
  const section = sections[2]!;
  const page = await pageFor(browser, lead.id);
  await openDraft(page, id, section.id);
  await editor(page, section.id).click();
  const toolbar = sectionOf(page, section.id).getByRole('toolbar');
  const more = toolbar.getByRole('button', { name: 'More formatting' });
  const menu = page.getByRole('menu', { name: 'More formatting' });

  await more.click();
  await menu.getByRole('menuitem', { name: 'Insert table' }).click();
  await expect(editor(page, section.id).locator('table tr')).toHaveCount(3);
  // Inside a table the menu offers the table's own commands.
  await more.click();
  await menu.getByRole('menuitem', { name: 'Add row' }).click();
  await expect(editor(page, section.id).locator('table tr')).toHaveCount(4);
  await more.click();
  await expect(menu.getByRole('menuitem', { name: 'Insert table' })).toHaveCount(0);
  await menu.getByRole('menuitem', { name: 'Undo' }).click();
  // (Yjs may take both quick steps back as one: either way the added row is gone.)
  await expect(editor(page, section.id).locator('table tr')).not.toHaveCount(4);
  await more.click();
  await menu.getByRole('menuitem', { name: 'Redo' }).click();
  await expect(editor(page, section.id).locator('table tr')).toHaveCount(4);
  await editor(page, section.id).locator('table td').first().click();
  await more.click();
  await menu.getByRole('menuitem', { name: 'Delete table' }).click();
  await expect(editor(page, section.id).locator('table')).toHaveCount(0);
  // A click outside closes an open menu.
  await more.click();
  await expect(menu).toBeVisible();
  await page.locator('h1').click();
  await expect(menu).toBeHidden();
  await page.context().close();
});

test('in Arabic (right to left) the toolbar is one row inside the screen and the menu opens inward', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, lead } = await seededBid('RTL toolbar bid');
  const writer = await createMember({ name: 'Amal Arabic', locale: 'ar' });
  await addPartner(id, { userId: writer.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: lead.name });
  const section = sections[0]!;
  const page = await pageFor(browser, writer.id);
  await visit(page, `/bids/${id}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(editor(page, section.id)).toBeVisible({ timeout: 15_000 });
  await editor(page, section.id).click();
  const toolbar = sectionOf(page, section.id).getByRole('toolbar');
  await expect(toolbar).toBeVisible();
  await expectOneRow(page, toolbar);
  const more = toolbar.getByRole('button', { name: 'مزيد من التنسيق' });
  // "More" ends the row on the left; ArrowRight goes back towards the start (the right).
  await more.focus();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'التعليق على النص المحدد' })).toBeFocused();
  await more.click();
  const menu = page.getByRole('menu', { name: 'مزيد من التنسيق' });
  await expect(menu).toBeVisible();
  const menuBox = await box(menu);
  expect(menuBox.x).toBeGreaterThanOrEqual(0);
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  await page.context().close();
});

test('a reviewer reaches the read-only text by keyboard; its toolbar holds only "Comment on selection"', async ({ browser }) => {
  test.setTimeout(90_000);
  const { id, sections, reviewer } = await seededBid('Reviewer toolbar bid');
  const section = sections[1]!;
  const page = await pageFor(browser, reviewer.id);
  await openDraft(page, id, section.id);
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await editor(page, section.id).focus();
  await expect(editor(page, section.id)).toBeFocused();
  const toolbar = sectionOf(page, section.id).getByRole('toolbar');
  await expect(toolbar.getByRole('button')).toHaveCount(1);
  await expect(toolbar.getByRole('button', { name: 'Comment on selection' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'More formatting' })).toHaveCount(0);
  await expect(page.getByRole('toolbar')).toHaveCount(1);
  await expectAccessible(page);
  await page.context().close();
});
