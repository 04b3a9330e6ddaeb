// The admin dashboard against a live Reddot (REDDOT_URL): its charts and latest values follow the gateway.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  launchBrowser, openDemo, putCount, serverUrl, uniqueUser, waitForTransport,
} from './support.mjs';

describe('admin dashboard', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  async function latest(page, series, accept, timeoutMs = 10_000) {
    const handle = await page.waitForFunction(
      ([name, minimum]) => {
        const value = Number(document.querySelector(`#latest tr[data-series="${name}"]`)?.dataset.value);
        return value >= minimum ? value : false;
      },
      [series, accept],
      { timeout: timeoutMs },
    );
    return handle.jsonValue();
  }

  it('charts an open SSE connection and the counts delivered to it', async () => {
    const user = uniqueUser('admin');
    const demo = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForTransport(demo, 'sse');

    const admin = await browser.context.newPage();
    const errors = [];
    admin.on('pageerror', (error) => errors.push(error.message));
    await admin.goto(`${serverUrl()}/admin`);

    assert.ok(await latest(admin, 'sse', 1) >= 1);
    assert.equal(await admin.locator('#connections-chart canvas').count(), 1);
    assert.equal(await admin.locator('#rates-chart canvas').count(), 1);
    assert.equal(await admin.getAttribute('#status', 'data-state'), 'live');

    for (let count = 1; count <= 5; count += 1) await putCount(user, count);
    assert.ok(await latest(admin, 'delivered/s', 0.5) > 0);

    await demo.close();
    await admin.close();
    assert.deepEqual(errors, []);
  });
});
