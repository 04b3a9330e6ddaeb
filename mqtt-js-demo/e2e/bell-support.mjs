// Shared by bell.e2e.mjs (open mode) and bell-token.e2e.mjs (token mode): the <reddot-bell> panel in real Chromium.

import assert from 'node:assert/strict';
import { serverUrl, waitForBadge } from './support.mjs';

/** POSTs a notification for `user` (with an admin token in token mode); answers the stored notification. */
export async function notify(user, notification, adminToken) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (adminToken) headers.Authorization = `Bearer ${adminToken}`;
  const response = await fetch(`${serverUrl()}/api/users/${user}/notifications`, {
    method: 'POST',
    headers,
    body: JSON.stringify(notification),
  });
  if (response.status !== 201) throw new Error(`POST notification for ${user} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The panel's items as the user sees them (Playwright's CSS reaches into the open shadow root). */
export async function panelItems(page) {
  return page.locator('reddot-bell .item').evaluateAll((items) => items.map((item) => ({
    id: item.dataset.id,
    title: item.querySelector('.item-title').textContent,
    body: item.querySelector('.item-body')?.textContent ?? '',
    meta: item.querySelector('.meta').textContent,
    unread: item.classList.contains('unread'),
  })));
}

export async function waitForItems(page, count, timeoutMs = 5000) {
  await page.waitForFunction(
    (expected) => document.querySelector('reddot-bell')?.shadowRoot?.querySelectorAll('.item').length === expected,
    count,
    { timeout: timeoutMs },
  );
}

export async function bellLabel(page) {
  return page.locator('reddot-bell .bell').getAttribute('aria-label');
}

/**
 * Two tabs of one user; the first opens the panel, sees what REST created, marks one read and then all: the badge of
 * both tabs follows through the push path.
 */
export async function readInTwoTabs({ first, second, user, adminToken, transport }) {
  const titles = ['Parcel shipped', 'Invoice ready', 'Welcome'];
  for (const [index, title] of [...titles].reverse().entries()) {
    await notify(user, { title, body: `body of ${title}`, category: index === 0 ? 'billing' : 'info' }, adminToken);
  }
  await waitForBadge(first, 3, 5000);
  await waitForBadge(second, 3, 5000);
  assert.equal(await bellLabel(first), 'Notifications, 3 unread notifications');

  await first.locator('reddot-bell .bell').click();
  await waitForItems(first, 3);
  const items = await panelItems(first);
  assert.deepEqual(items.map((item) => item.title), titles, 'newest first');
  assert.ok(items.every((item) => item.unread));
  assert.equal(items[0].body, 'body of Parcel shipped');
  assert.match(items[0].meta, /^info · (now|\d+ seconds? ago)$/);
  assert.equal(await first.locator('reddot-bell .bell').getAttribute('aria-expanded'), 'true');

  await first.locator('reddot-bell .item', { hasText: 'Invoice ready' }).click();
  await waitForBadge(second, 2, transport === 'poll' ? 5000 : 3000);
  await waitForBadge(first, 2, 3000);
  const afterOne = await panelItems(first);
  assert.deepEqual(afterOne.map((item) => item.unread), [true, false, true]);

  await first.locator('reddot-bell .read-all').click();
  await waitForBadge(second, 0, 5000);
  await waitForBadge(first, 0, 3000);
  await first.waitForFunction(() => ![...document.querySelector('reddot-bell').shadowRoot.querySelectorAll('.item')]
    .some((item) => item.classList.contains('unread')));
}

/** Keyboard only: Enter opens, focus stays inside the panel on Tab, Escape closes and gives the focus back. */
export async function keyboardOnly(page) {
  await page.locator('reddot-bell .bell').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('reddot-bell').shadowRoot.querySelector('.panel').hidden);
  const focusedInPanel = () => page.evaluate(() => {
    const root = document.querySelector('reddot-bell').shadowRoot;
    return root.querySelector('.panel').contains(root.activeElement);
  });
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    assert.equal(await focusedInPanel(), true, `focus left the open panel after ${i + 1} presses`);
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('reddot-bell').shadowRoot.querySelector('.panel').hidden);
  const bellFocused = await page.evaluate(() => {
    const root = document.querySelector('reddot-bell').shadowRoot;
    return root.activeElement === root.querySelector('.bell');
  });
  assert.equal(bellFocused, true, 'Escape gives the focus back to the bell');
}
