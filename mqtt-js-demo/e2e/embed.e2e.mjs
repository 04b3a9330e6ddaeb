// <reddot-bell> on a page that is not Reddot's (REDDOT_URL, REDDOT_EMBED_ORIGIN): a tiny static server on another port
// serves a page that loads the element from Reddot with one <script type="module">. Served from REDDOT_EMBED_ORIGIN,
// which the server under test lists in reddot.security.allowed-origins, the page shows the live count, lists and marks
// read; served from any other port of 127.0.0.1 (an origin the server must NOT list), it can load the element but
// read nothing. With REDDOT_JWT_SECRET (token mode) the page holds the user's token, as a foreign page would.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { notify, panelItems, waitForItems } from './bell-support.mjs';
import { launchBrowser, mintToken, putCount, serverUrl, uniqueUser, waitForBadge } from './support.mjs';

const EMBED_ORIGIN = process.env.REDDOT_EMBED_ORIGIN;
const SECRET = process.env.REDDOT_JWT_SECRET;

/** A page of another site: the element from Reddot, nothing else of Reddot's. */
function embeddingPage(url) {
  const params = new URL(url, 'http://page').searchParams;
  const attribute = (name) => (params.has(name) ? ` ${name}="${params.get(name).replace(/[^\w.-]/g, '')}"` : '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A shop</title>
<script type="module" src="${serverUrl()}/reddot-bell.js"></script></head>
<body><h1>A shop that is not Reddot</h1>
<reddot-bell id="unread-count" base-url="${serverUrl()}"${attribute('user')}${attribute('token')}${attribute('transport')}></reddot-bell>
</body></html>`;
}

/** Serves the page on 127.0.0.1:port (0: any free port); answers its origin and a close(). */
async function servePage(port) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(embeddingPage(request.url));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('<reddot-bell> on a page of another origin', {
  skip: EMBED_ORIGIN ? false : 'REDDOT_EMBED_ORIGIN is not set (an origin in the server\'s reddot.security.allowed-origins)',
}, () => {
  let browser;
  let allowed;
  let foreign;
  const admin = SECRET ? mintToken(SECRET, 'e2e-admin', 'admin') : undefined;

  before(async () => {
    browser = await launchBrowser();
    allowed = await servePage(Number(new URL(EMBED_ORIGIN).port));
    foreign = await servePage(0);
  });

  after(async () => {
    await browser?.close();
    await allowed?.close();
    await foreign?.close();
  });

  async function open(page, user, transport) {
    const tab = await browser.context.newPage();
    tab.reddotErrors = [];
    tab.on('pageerror', (error) => tab.reddotErrors.push(error.message));
    const token = SECRET ? `&token=${mintToken(SECRET, user, 'user')}` : '';
    await tab.goto(`${page.origin}/?user=${user}&transport=${transport}${token}`);
    return tab;
  }

  it('shows the live count, lists and marks read from a page of an allowed origin', async () => {
    const user = uniqueUser('embed');
    const tab = await open(allowed, user, 'sse');
    await tab.waitForFunction(() => document.querySelector('reddot-bell')?.dataset.transport === 'sse');

    await notify(user, { title: 'Parcel shipped', body: 'It is on its way' }, admin);
    await notify(user, { title: 'Invoice ready' }, admin);
    await waitForBadge(tab, 2, 5000);

    await tab.locator('reddot-bell .bell').click();
    await waitForItems(tab, 2);
    assert.deepEqual((await panelItems(tab)).map((item) => item.title), ['Invoice ready', 'Parcel shipped']);
    await tab.locator('reddot-bell .item', { hasText: 'Parcel shipped' }).click();
    await waitForBadge(tab, 1, 5000);
    assert.deepEqual((await panelItems(tab)).map((item) => item.unread), [true, false]);

    assert.deepEqual(tab.reddotErrors, []);
    await tab.close();
  });

  it('reads no count from a page of an origin that is not allowed, on any transport', async () => {
    const user = uniqueUser('embed-foreign');
    await putCount(user, 5, admin);
    const tabs = await Promise.all(['sse', 'long-poll', 'poll'].map((transport) => open(foreign, user, transport)));
    // the element itself loads (its script is public) ...
    for (const tab of tabs) {
      await tab.waitForFunction(() => customElements.get('reddot-bell') !== undefined);
    }
    // ... and an allowed page sees the count in the same time
    const witness = await open(allowed, user, 'poll');
    await waitForBadge(witness, 5, 10_000);
    for (const tab of tabs) {
      assert.equal(await tab.$eval('#unread-count', (bell) => bell.textContent), '', 'no count on a foreign page');
    }
    const direct = await tabs[0].evaluate(async ([base, id]) => {
      try {
        await fetch(`${base}/api/users/${id}/notifications`);
        return 'read';
      } catch (error) {
        return error.name;
      }
    }, [serverUrl(), user]);
    assert.equal(direct, 'TypeError', 'the browser keeps the answer from the foreign page');
    await Promise.all([...tabs, witness].map((tab) => tab.close()));
  });
});
