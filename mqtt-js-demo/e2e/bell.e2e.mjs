// <reddot-bell> on the demo page against a live Reddot in open mode (REDDOT_URL): the panel lists what REST created,
// marking read moves the badge of another tab through the push path, pages load on scroll, the badge starts warm.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keyboardOnly, notify, panelItems, readInTwoTabs, waitForItems } from './bell-support.mjs';
import { launchBrowser, openDemo, putCount, serverUrl, uniqueUser, waitForBadge, waitForTransport } from './support.mjs';

describe('<reddot-bell> in open mode', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('is served by the gateway at /reddot-bell.js as a JavaScript module', async () => {
    const response = await fetch(`${serverUrl()}/reddot-bell.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type'), /javascript/);
    assert.match(await response.text(), /reddot-bell/);
  });

  it('opens a panel with what REST created; reading one and then all drops the count in a second tab', async () => {
    const user = uniqueUser('bell');
    const first = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForTransport(first, 'sse');
    const second = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForTransport(second, 'sse');

    await readInTwoTabs({ first, second, user, transport: 'sse' });

    assert.deepEqual([...first.reddotErrors, ...second.reddotErrors], []);
    await first.close();
    await second.close();
  });

  it('loads the next page when the list is scrolled to its end', async () => {
    const user = uniqueUser('bell-pages');
    for (let i = 1; i <= 25; i += 1) await notify(user, { title: `Note ${i}` });
    const page = await openDemo(browser.context, { user, transport: 'auto' });
    await waitForBadge(page, 25, 10_000);

    await page.locator('reddot-bell .bell').click();
    await waitForItems(page, 20);
    await page.locator('reddot-bell .list').evaluate((list) => { list.scrollTop = list.scrollHeight; });
    await waitForItems(page, 25);

    const titles = (await panelItems(page)).map((item) => item.title);
    assert.equal(titles[0], 'Note 25');
    assert.equal(titles[24], 'Note 1');
    assert.equal(new Set(titles).size, 25);
    await page.close();
  });

  it('works with the keyboard alone: focus stays in the open panel, Escape closes it', async () => {
    const user = uniqueUser('bell-keys');
    await notify(user, { title: 'One' });
    await notify(user, { title: 'Two' });
    const page = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForBadge(page, 2, 5000);

    await keyboardOnly(page);
    await page.close();
  });

  it('shows the last count at once on the next visit, stale until the live transport confirms or replaces it', async () => {
    const user = uniqueUser('bell-warm');
    await putCount(user, 7);
    const page = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForBadge(page, 7, 5000);
    await page.close();
    await putCount(user, 8);

    // the push endpoints answer only after a while: what shows before comes from localStorage
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const next = await openDemo(browser.context, {
      user,
      transport: 'sse',
      beforeNavigation: (p) => p.route('**/push/**', async (route) => {
        await held;
        await route.continue();
      }),
    });
    await next.waitForFunction(() => document.getElementById('unread-count')?.textContent === '7');
    const stale = await next.$eval('#unread-count', (bell) => ({ stale: bell.dataset.stale, seq: bell.dataset.seq }));
    assert.equal(stale.stale, 'true');
    assert.match(await next.locator('reddot-bell .bell').getAttribute('aria-label'), /7 unread notifications \(last known/);

    release();
    await waitForBadge(next, 8, 5000);
    assert.equal(await next.$eval('#unread-count', (bell) => bell.dataset.stale), 'false');
    assert.ok(Number(await next.$eval('#unread-count', (bell) => bell.dataset.seq)) > Number(stale.seq));
    await next.close();
  });
});
