// The README's screenshots, against a live Reddot all-in-one (REDDOT_URL); not a test. Writes, in ../docs/:
//   demo-bell.png        the demo page with the bell's panel open, notifications created over REST
//   dashboard.png        /admin under load (MQTT clients, an SSE page, REST PUTs), desktop
//   dashboard-phone.png  the same on a phone-sized screen
//
//   REDDOT_URL=http://127.0.0.1:8080 [REDDOT_MQTT_URL=mqtt://127.0.0.1:1883] node e2e/screenshots.mjs

import { fileURLToPath } from 'node:url';
import { notify } from './bell-support.mjs';
import { startLoad } from './load.mjs';
import { launchBrowser, openDemo, serverUrl, waitForBadge, waitForTransport } from './support.mjs';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
const LOAD_SECONDS = 20;

async function demoWithBell(context) {
  // short, for the chip in the top bar; unique, as the server may keep an earlier run's notifications
  const user = `ada.${Date.now().toString(36).slice(-5)}`;
  const page = await openDemo(context, { user, transport: 'mqtt' });
  await page.setViewportSize({ width: 1200, height: 760 });
  await waitForTransport(page, 'mqtt');
  const notifications = [
    { title: 'Welcome to Reddot', body: 'Your notifications arrive here, live.', category: 'info' },
    { title: 'Invoice #1042 is ready', body: 'December, 3 items, €42.00', category: 'billing' },
    { title: 'Temperature high in the server room', body: 'Sensor th-7 reads 31 °C', category: 'alert' },
    { title: 'Parcel shipped', body: 'It should arrive on Thursday.', category: 'shipping' },
  ];
  for (const notification of notifications) await notify(user, notification);
  await waitForBadge(page, notifications.length, 5000);
  await page.locator('reddot-bell .bell').click();
  await page.waitForFunction((expected) => document.querySelector('reddot-bell')?.shadowRoot?.querySelectorAll('.item').length === expected,
    notifications.length, { timeout: 5000 });
  await page.screenshot({ path: `${DOCS}demo-bell.png` });
  await page.close();
}

async function dashboard(context) {
  const load = await startLoad({ clients: 20, putsPerSecond: 40, label: 'shot' });
  const pages = [];
  try {
    for (const transport of ['sse', 'long-poll', 'ws']) {
      const page = await openDemo(context, { user: load.users[pages.length], transport });
      await waitForTransport(page, transport);
      pages.push(page);
    }
    const desktop = await context.newPage();
    await desktop.setViewportSize({ width: 1280, height: 900 });
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const page of [desktop, phone]) await page.goto(`${serverUrl()}/admin`);
    // let the charts fill
    await new Promise((resolve) => { setTimeout(resolve, LOAD_SECONDS * 1000); });
    await desktop.screenshot({ path: `${DOCS}dashboard.png`, fullPage: true });
    await phone.screenshot({ path: `${DOCS}dashboard-phone.png`, fullPage: true });
    await desktop.close();
    await phone.close();
  } finally {
    for (const page of pages) await page.close();
    await load.stop();
  }
}

const browser = await launchBrowser();
try {
  await demoWithBell(browser.context);
  await dashboard(browser.context);
  console.log(`Wrote demo-bell.png, dashboard.png and dashboard-phone.png to ${DOCS}`);
} finally {
  await browser.close();
}
