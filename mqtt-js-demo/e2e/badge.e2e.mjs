// The demo page against a live Reddot (REDDOT_URL): every transport moves the badge.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  badge, getJson, launchBrowser, openDemo, pollIntervalMs, putCount, TRANSPORTS, uniqueUser, waitForBadge, waitForTransport,
} from './support.mjs';

const PUSH_WITHIN_MS = 2000;

describe('demo page badge', () => {
  let browser;
  let pollMs;

  before(async () => {
    browser = await launchBrowser();
    pollMs = await pollIntervalMs();
  });

  after(async () => {
    await browser?.close();
  });

  const deadlineFor = (transport) => (transport === 'poll' ? pollMs + PUSH_WITHIN_MS : PUSH_WITHIN_MS);

  async function expectChangesShown(pages, user, transport, counts) {
    for (const count of counts) {
      await putCount(user, count);
      for (const page of pages) await waitForBadge(page, count, deadlineFor(transport));
    }
  }

  // first: SSE streams closed by earlier tests may stay counted until the server's next heartbeat
  it('shares one SSE connection between two tabs of one user, and both badges follow', async () => {
    const user = uniqueUser('tabs');
    const first = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForTransport(first, 'sse');
    const second = await openDemo(browser.context, { user, transport: 'sse' });
    await waitForTransport(second, 'sse');

    await expectChangesShown([first, second], user, 'sse', [3, 4]);

    const roles = [(await badge(first)).role, (await badge(second)).role].sort();
    assert.deepEqual(roles, ['follower', 'leader']);
    const stats = await statsOnceSettled((current) => current.sse === 1);
    assert.equal(stats.sse, 1, `one SSE connection for two tabs, stats: ${JSON.stringify(stats)}`);
    assert.deepEqual([...first.reddotErrors, ...second.reddotErrors], []);
    await first.close();
    await second.close();
  });

  for (const transport of TRANSPORTS) {
    it(`shows each change pushed over ${transport}`, async () => {
      const user = uniqueUser(transport);
      const page = await openDemo(browser.context, { user, transport });
      await waitForTransport(page, transport);

      await expectChangesShown([page], user, transport, [5, 6]);

      const shown = await badge(page);
      assert.equal(shown.text, '6');
      assert.equal(shown.transport, transport);
      assert.equal(shown.hidden, false);
      assert.deepEqual(page.reddotErrors, []);
      await page.close();
    });
  }

  it('falls back from a blocked MQTT WebSocket and still shows each change (auto)', async () => {
    const user = uniqueUser('auto');
    const page = await openDemo(browser.context, {
      user,
      transport: 'auto',
      beforeNavigation: (p) => p.routeWebSocket(/\/mqtt$/, (ws) => ws.close()),
    });
    const fallback = await waitForTransport(page, ['sse', 'long-poll', 'poll'], 20_000);

    await expectChangesShown([page], user, fallback, [1, 2, 7]);

    assert.equal((await badge(page)).transport, fallback);
    assert.deepEqual(page.reddotErrors, []);
    await page.close();
  });
});

// /push/stats may lag a closed connection by one heartbeat: ask again for a while before judging
async function statsOnceSettled(isSettled, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let stats = await getJson('/push/stats');
  while (!isSettled(stats) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    stats = await getJson('/push/stats');
  }
  return stats;
}
