// Latency from a REST PUT to the badge showing the new count, per transport, against a live
// Reddot (REDDOT_URL). Not a test: prints median and p99 per transport.
//
//   REDDOT_URL=http://127.0.0.1:8080 node e2e/latency.mjs
//   REDDOT_LATENCY_CHANGES=20 REDDOT_LATENCY_TRANSPORTS=mqtt,sse node e2e/latency.mjs

import { performance } from 'node:perf_hooks';
import { launchBrowser, openDemo, pollIntervalMs, putCount, TRANSPORTS, uniqueUser, waitForTransport } from './support.mjs';

const CHANGES = Number(process.env.REDDOT_LATENCY_CHANGES ?? 100);
const SELECTED = process.env.REDDOT_LATENCY_TRANSPORTS?.split(',').map((name) => name.trim()) ?? TRANSPORTS;

// Records, in the page, when each badge text first appeared (epoch ms, sub-millisecond).
function observeBadge() {
  const badge = document.getElementById('unread-count');
  window.reddotShownAt = {};
  new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now();
    window.reddotShownAt[badge.textContent] ??= at;
  }).observe(badge, { childList: true, characterData: true, subtree: true });
}

// a browser of its own per transport: one transport's trouble does not spoil the next one's numbers
async function measure(transport, waitMs) {
  const browser = await launchBrowser();
  try {
    const user = uniqueUser(`latency-${transport}`);
    const page = await openDemo(browser.context, { user, transport });
    await waitForTransport(page, transport);
    await page.evaluate(observeBadge);
    const latencies = [];
    for (let count = 1; count <= CHANGES; count++) {
      const putAt = performance.timeOrigin + performance.now();
      await putCount(user, count);
      const handle = await page
        .waitForFunction((text) => window.reddotShownAt[text], String(count), { timeout: waitMs })
        .catch((error) => {
          throw new Error(`change ${count}: ${error.message.split('\n')[0]}`);
        });
      latencies.push((await handle.jsonValue()) - putAt);
    }
    if (page.reddotErrors.length > 0) throw new Error(`page errors: ${page.reddotErrors.join('; ')}`);
    return latencies.sort((a, b) => a - b);
  } finally {
    await browser.close();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function row(cells, widths) {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
}

async function main() {
  const pollMs = await pollIntervalMs();
  const rows = [];
  const failures = [];
  for (const transport of SELECTED) {
    try {
      const latencies = await measure(transport, pollMs + 10_000);
      rows.push([transport, latencies.length, percentile(latencies, 50).toFixed(1), percentile(latencies, 99).toFixed(1), latencies.at(-1).toFixed(1)]);
    } catch (error) {
      failures.push(`${transport}: ${error.message}`);
      rows.push([transport, 0, '-', '-', '-']);
    }
  }
  const header = ['transport', 'changes', 'median ms', 'p99 ms', 'max ms'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((cells) => String(cells[i]).length)));
  process.stdout.write(`REST PUT -> badge shown, ${CHANGES} changes per transport\n`);
  process.stdout.write(`${row(header, widths)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const cells of rows) process.stdout.write(`${row(cells, widths)}\n`);
  if (failures.length > 0) {
    process.stderr.write(`failed:\n${failures.map((failure) => `  ${failure}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
