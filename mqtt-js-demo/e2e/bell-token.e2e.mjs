// <reddot-bell> against a Reddot in token mode (REDDOT_URL, REDDOT_JWT_SECRET): the panel's REST calls carry the
// user's own token, so the user lists and marks read their own notifications; another tab follows the count.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notify, readInTwoTabs, waitForItems } from './bell-support.mjs';
import { launchBrowser, mintToken, openDemo, uniqueUser, waitForTransport } from './support.mjs';

const SECRET = process.env.REDDOT_JWT_SECRET;

describe('<reddot-bell> in token mode', { skip: SECRET ? false : 'REDDOT_JWT_SECRET is not set (a server in open mode)' }, () => {
  let browser;
  let admin;

  before(async () => {
    browser = await launchBrowser();
    admin = mintToken(SECRET, 'e2e-admin', 'admin');
  });

  after(async () => {
    await browser?.close();
  });

  it("lists and marks read with the user's own token; the count drops in a second tab", async () => {
    const user = uniqueUser('bell-token');
    const token = mintToken(SECRET, user, 'user');
    const first = await openDemo(browser.context, { user, transport: 'ws', token });
    await waitForTransport(first, 'ws');
    const second = await openDemo(browser.context, { user, transport: 'ws', token });
    await waitForTransport(second, 'ws');

    const sentTokens = [];
    first.on('request', (request) => {
      if (request.url().includes('/api/')) sentTokens.push(request.headers().authorization);
    });
    await readInTwoTabs({ first, second, user, adminToken: admin, transport: 'ws' });

    assert.ok(sentTokens.length >= 3, `the panel called the API: ${sentTokens.length}`);
    assert.ok(sentTokens.every((header) => header === `Bearer ${token}`), 'every API call carries the user token');
    assert.deepEqual([...first.reddotErrors, ...second.reddotErrors], []);
    await first.close();
    await second.close();
  });

  it("shows a refusal, not another user's notifications, with a token of another user", async () => {
    const user = uniqueUser('bell-other');
    await notify(user, { title: 'Private' }, admin);
    const page = await openDemo(browser.context, { user, transport: 'poll', token: mintToken(SECRET, `${user}-x`, 'user') });

    await page.locator('reddot-bell .bell').click();
    await page.waitForFunction(() => document.querySelector('reddot-bell').shadowRoot
      .querySelector('.message').textContent.includes('403'));
    await waitForItems(page, 0);
    await page.close();
  });
});
