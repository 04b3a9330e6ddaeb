// The dashboard (/admin) against a live Reddot all-in-one (REDDOT_URL): under load (MQTT clients, an SSE page,
// REST PUTs) its tiles and charts move, every second, without a reload.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLoad } from './load.mjs';
import { launchBrowser, openDemo, serverUrl, waitForTransport } from './support.mjs';

/** The number a tile shows (its data-value), null when unknown in this process. */
async function tile(page, metric) {
  const value = await page.getAttribute(`#tiles [data-metric="${metric}"]`, 'data-value');
  return value === '' || value === null ? null : Number(value);
}

async function waitForTile(page, metric, accept, timeoutMs = 10_000) {
  await page.waitForFunction(
    ([name, minimum]) => {
      const value = document.querySelector(`#tiles [data-metric="${name}"]`)?.dataset.value;
      return value !== undefined && value !== '' && Number(value) >= minimum;
    },
    [metric, accept],
    { timeout: timeoutMs },
  );
}

describe('dashboard', () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows every part healthy and its numbers moving under load', async () => {
    const admin = await browser.context.newPage();
    const errors = [];
    admin.on('pageerror', (error) => errors.push(error.message));
    await admin.goto(`${serverUrl()}/admin`);
    await admin.waitForFunction(() => document.getElementById('status')?.dataset.state === 'live', null, { timeout: 10_000 });
    await admin.waitForFunction(() => document.querySelectorAll('#parts .part[data-state="up"]').length === 4, null, { timeout: 10_000 });
    assert.equal(await admin.locator('#elsewhere').isHidden(), true, 'every part runs in the all-in-one');
    const before = { sse: await tile(admin, 'sse'), websocket: await tile(admin, 'mqtt-websocket') };
    const requests = [];
    admin.on('request', (request) => requests.push(request.url()));

    const load = await startLoad({ clients: 5, putsPerSecond: 20, label: 'dash' });
    let demo;
    try {
      // a browser of one of the loaded users: the counts delivered to it show
      demo = await openDemo(browser.context, { user: load.users[0], transport: 'sse' });
      await waitForTransport(demo, 'sse');
      await waitForTile(admin, 'sse', before.sse + 1);
      await waitForTile(admin, 'mqtt-websocket', before.websocket + 5);
      await waitForTile(admin, 'published', 5);
      await waitForTile(admin, 'messages-in', 5);
      await waitForTile(admin, 'messages-out', 5);
      await waitForTile(admin, 'delivered', 0.1);
      await waitForTile(admin, 'latency-p50', 0.01);
      assert.ok(await tile(admin, 'latency-p99') >= await tile(admin, 'latency-p50'));
      assert.ok(await tile(admin, 'retained') >= 5);
      assert.ok(await tile(admin, 'outbox') <= 5, 'the broker keeps up with 20 counts/s');
    } finally {
      await load.stop();
    }
    await admin.waitForFunction(() => document.querySelector('#tiles [data-metric="published"]').dataset.value === '0',
      null, { timeout: 10_000 });
    await admin.waitForFunction((expected) => Number(document.querySelector('#tiles [data-metric="mqtt-websocket"]').dataset.value) === expected,
      before.websocket, { timeout: 10_000 });

    assert.equal(await admin.locator('.chart canvas').count(), 3);
    const summaries = requests.filter((url) => url.endsWith('/admin/summary')).length;
    assert.ok(summaries >= 3, `polled /admin/summary ${summaries} times`);
    assert.equal(requests.filter((url) => url.includes('/admin/') && !url.endsWith('/admin/summary')).length, 0, 'no reload');
    assert.deepEqual(errors, []);
    await demo?.close();
    await admin.close();
  });

  it('fits a phone: one column of charts, tiles two abreast', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${serverUrl()}/admin`);
    await phone.waitForFunction(() => document.getElementById('status')?.dataset.state === 'live', null, { timeout: 10_000 });
    const layout = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      chartColumns: getComputedStyle(document.querySelector('.charts')).gridTemplateColumns.split(' ').length,
      tileColumns: getComputedStyle(document.querySelector('.tiles')).gridTemplateColumns.split(' ').length,
    }));
    assert.deepEqual(layout, { scrollWidth: 390, chartColumns: 1, tileColumns: 2 });
    await phone.close();
  });
});
