// How soon <reddot-bell> shows the right count after a page load (REDDOT_URL), cold (empty localStorage) and warm
// (the count of the last visit in localStorage), per transport. Prints medians and p90 of REDDOT_TIMING_RUNS runs,
// in ms from the navigation's start, with the page's own DOMContentLoaded as a yardstick for the machine's speed.
//
//   REDDOT_URL=http://127.0.0.1:8080 node e2e/bell-timing.mjs

import { launchBrowser, openDemo, putCount, uniqueUser } from './support.mjs';

const RUNS = Number(process.env.REDDOT_TIMING_RUNS ?? 10);
const TRANSPORTS = process.env.REDDOT_TIMING_TRANSPORTS?.split(',') ?? ['auto', 'sse', 'ws', 'long-poll'];

// in the page, before its scripts: when the badge first showed the expected count, and when it was confirmed live
function recordBadge(expected) {
  window.reddotTiming = {};
  new MutationObserver(() => {
    const bell = document.getElementById('unread-count');
    if (!bell || bell.textContent !== expected) return;
    window.reddotTiming.shown ??= performance.now();
    if (bell.dataset.stale === 'false') window.reddotTiming.live ??= performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

async function loadOnce(context, user, transport, expected) {
  const page = await openDemo(context, {
    user,
    transport,
    beforeNavigation: (p) => p.addInitScript(recordBadge, expected),
  });
  await page.waitForFunction(() => window.reddotTiming?.live !== undefined, null, { timeout: 15_000 });
  const timing = await page.evaluate(() => ({
    ...window.reddotTiming,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  }));
  await page.close();
  return timing;
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const format = (values) => `median ${quantile(values, 0.5).toFixed(0)} ms, p90 ${quantile(values, 0.9).toFixed(0)} ms`;

for (const transport of TRANSPORTS) {
  const cold = [];
  const coldReady = [];
  const warmShown = [];
  const warmLive = [];
  const warmReady = [];
  for (let run = 0; run < RUNS; run += 1) {
    const user = uniqueUser(`timing-${transport}`);
    await putCount(user, 5);
    // a new profile per run: the HTTP cache is as cold as localStorage
    const browser = await launchBrowser();
    try {
      const first = await loadOnce(browser.context, user, transport, '5');
      cold.push(first.live);
      coldReady.push(first.domContentLoaded);
      const warm = await loadOnce(browser.context, user, transport, '5');
      warmShown.push(warm.shown);
      warmLive.push(warm.live);
      warmReady.push(warm.domContentLoaded);
    } finally {
      await browser.close();
    }
  }
  console.log(`${transport}: cold, to the live count: ${format(cold)}; warm, to the cached count: ${format(warmShown)};`
    + ` warm, to the live confirmation: ${format(warmLive)}; DOMContentLoaded cold ${format(coldReady)},`
    + ` warm ${format(warmReady)} (${RUNS} runs)`);
}
