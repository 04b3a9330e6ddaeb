// Short-lived tokens against a Reddot in token mode (REDDOT_URL, REDDOT_JWT_SECRET): the page hands the client a new
// token that lives 3 s whenever it asks (window.reddotGetToken, here a function the test exposes, as a page would
// fetch one from its own back end). The gateway ends every stream, WebSocket and long poll at its token's expiry; the
// badge must keep moving across several expiries on every transport, without a fallback and without page errors.
// Skipped against a server in open mode (no REDDOT_JWT_SECRET).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, mintToken, openDemo, pollIntervalMs, putCount, TRANSPORTS, uniqueUser, waitForBadge, waitForTransport } from './support.mjs';

const SECRET = process.env.REDDOT_JWT_SECRET;
const TOKEN_SECONDS = 3;
const ROUNDS = 5;
const ROUND_MS = 2000;
const PUSH_WITHIN_MS = 2000;

describe('demo page with tokens that expire every 3 s', { skip: SECRET ? false : 'REDDOT_JWT_SECRET is not set (a server in open mode)' }, () => {
  let browser;
  let pollMs;
  let admin;

  before(async () => {
    browser = await launchBrowser();
    pollMs = await pollIntervalMs();
    admin = mintToken(SECRET, 'e2e-admin', 'admin');
  });

  after(async () => {
    await browser?.close();
  });

  it('keeps the badge updating across several expiries on every transport', async () => {
    // every transport at once, a user each: ROUNDS × ROUND_MS spans three or four token lifetimes
    const pages = await Promise.all(TRANSPORTS.map(async (transport) => {
      const user = uniqueUser(`expiry-${transport}`);
      let asked = 0;
      const page = await openDemo(browser.context, {
        user,
        transport,
        beforeNavigation: (tab) => tab.exposeFunction('reddotGetToken', () => {
          asked += 1;
          return mintToken(SECRET, user, 'user', TOKEN_SECONDS);
        }),
      });
      await waitForTransport(page, transport);
      return { transport, user, page, asked: () => asked };
    }));

    for (let round = 1; round <= ROUNDS; round++) {
      const startedAt = Date.now();
      await Promise.all(pages.map(async ({ transport, user, page }) => {
        await putCount(user, round, admin);
        await waitForBadge(page, round, (transport === 'poll' ? pollMs : 0) + PUSH_WITHIN_MS);
      }));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, ROUND_MS - (Date.now() - startedAt))));
    }

    for (const { transport, page, asked } of pages) {
      const transportInUse = await page.$eval('#unread-count', (element) => element.dataset.transport);
      assert.equal(transportInUse, transport, `${transport}: no fallback to another transport`);
      assert.deepEqual(page.reddotErrors, [], `${transport}: no page errors`);
      // MQTT keeps its connection (the broker does not end it at exp); every other transport came back with new tokens
      assert.ok(asked() >= (transport === 'mqtt' ? 1 : 3), `${transport}: getToken() asked ${asked()} times`);
      await page.close();
    }
  });
});
