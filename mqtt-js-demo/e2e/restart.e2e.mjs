// The all-in-one restarts under an open page: the page recovers by itself and shows the latest count.
// Needs REDDOT_CONTROL_URL: the test harness restarts the server when asked (POST /restart).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { badge, launchBrowser, openDemo, putCount, uniqueUser, waitForBadge, waitForTransport } from './support.mjs';

const control = process.env.REDDOT_CONTROL_URL;

describe('server restart', { skip: control ? false : 'REDDOT_CONTROL_URL is not set' }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('recovers without a reload and shows the count set after the restart', async () => {
    const user = uniqueUser('restart');
    const page = await openDemo(browser.context, { user, transport: 'auto' });
    const transport = await waitForTransport(page, ['mqtt', 'sse', 'long-poll', 'poll']);
    await putCount(user, 1);
    await waitForBadge(page, 1, 5_000);

    const restarted = await fetch(`${control}/restart`, { method: 'POST' });
    assert.equal(restarted.status, 204);
    await putCount(user, 2);

    // reconnect back-off is capped and jittered: allow it a few rounds
    await waitForBadge(page, 2, 30_000);
    assert.equal((await badge(page)).transport, transport);
    assert.deepEqual(page.reddotErrors, []);
    await page.close();
  });
});
