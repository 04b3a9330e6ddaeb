// The demo page against a Reddot in token mode (REDDOT_URL, and REDDOT_JWT_SECRET = its reddot.security.jwt-secret):
// with the user's token in ?token=, every transport gets in and moves the badge; another user's token gets nowhere.
// Skipped against a server in open mode (no REDDOT_JWT_SECRET), where any token would do.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  badge, launchBrowser, mintToken, openDemo, pollIntervalMs, putCount, TRANSPORTS, uniqueUser, waitForBadge, waitForTransport,
} from './support.mjs';

const SECRET = process.env.REDDOT_JWT_SECRET;
const PUSH_WITHIN_MS = 2000;

describe('demo page in token mode', { skip: SECRET ? false : 'REDDOT_JWT_SECRET is not set (a server in open mode)' }, () => {
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

  for (const transport of TRANSPORTS) {
    it(`gets in over ${transport} with the user's own token`, async () => {
      const user = uniqueUser(`token-${transport}`);
      const page = await openDemo(browser.context, { user, transport, token: mintToken(SECRET, user, 'user') });
      await waitForTransport(page, transport);

      await putCount(user, 4, admin);
      await waitForBadge(page, 4, (transport === 'poll' ? pollMs : 0) + PUSH_WITHIN_MS);

      assert.deepEqual(page.reddotErrors, []);
      await page.close();
    });
  }

  it("gets no count over auto with another user's token", async () => {
    const user = uniqueUser('token-wrong');
    await putCount(user, 9, admin);
    const page = await openDemo(browser.context, { user, transport: 'auto', token: mintToken(SECRET, `${user}-not`, 'user') });

    // auto tries mqtt, sse, long-poll and poll in turn; every one of them is refused
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const shown = await badge(page);
    assert.notEqual(shown.text, '9');
    assert.equal(shown.transport, '');
    assert.deepEqual(page.reddotErrors, []);
    await page.close();
  });
});
