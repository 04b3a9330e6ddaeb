// Shared by the browser scripts: a headless Chromium with a fresh profile, the demo page, the REST API.

import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const TRANSPORTS = ['mqtt', 'sse', 'long-poll', 'poll', 'ws', 'iframe'];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The server under test, e.g. http://127.0.0.1:8080, from REDDOT_URL. */
export function serverUrl() {
  const url = process.env.REDDOT_URL;
  if (!url) throw new Error('REDDOT_URL is not set: the URL of a running Reddot all-in-one, e.g. http://127.0.0.1:8080');
  return url.replace(/\/+$/, '');
}

/** Chromium on a new temporary profile, removed again by close(). */
export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'reddot-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export function uniqueUser(label) {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Opens the demo page; uncaught page errors are collected in `page.reddotErrors`
 * (a transport failing must show in the page's log, never as an uncaught error).
 */
export async function openDemo(context, { user, transport, token, beforeNavigation }) {
  const page = await context.newPage();
  page.reddotErrors = [];
  page.on('pageerror', (error) => page.reddotErrors.push(error.message));
  if (beforeNavigation) await beforeNavigation(page);
  const withToken = token ? `&token=${encodeURIComponent(token)}` : '';
  await page.goto(`${serverUrl()}/?user=${encodeURIComponent(user)}&transport=${encodeURIComponent(transport)}${withToken}`);
  return page;
}

/** Waits until the badge names a transport accepted by `accept`; answers its name. */
export async function waitForTransport(page, accept, timeoutMs = 10_000) {
  const names = typeof accept === 'string' ? [accept] : accept;
  const handle = await page.waitForFunction(
    (wanted) => {
      const name = document.getElementById('unread-count')?.dataset.transport;
      return wanted.includes(name) ? name : false;
    },
    names,
    { timeout: timeoutMs },
  );
  return handle.jsonValue();
}

export async function waitForBadge(page, count, timeoutMs) {
  await page.waitForFunction(
    (expected) => document.getElementById('unread-count')?.textContent === expected,
    String(count),
    { timeout: timeoutMs },
  );
}

export async function badge(page) {
  return page.$eval('#unread-count', (element) => ({
    text: element.textContent,
    transport: element.dataset.transport,
    role: element.dataset.role,
    hidden: element.hidden,
  }));
}

export async function putCount(user, count, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${serverUrl()}/api/users/${user}/unread-count`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ count }),
  });
  if (!response.ok) throw new Error(`PUT unread-count of ${user} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export async function getJson(path) {
  const response = await fetch(`${serverUrl()}${path}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}

/** The short-poll interval the gateway announces, 2000 ms if it announces none. */
export async function pollIntervalMs() {
  const config = await getJson('/push/config');
  return Number.isFinite(config.pollIntervalMs) ? config.pollIntervalMs : 2000;
}

/** A Reddot token (JWT, HS256, claims sub, scope, exp) signed with `secret`, as `reddot-simulator token` prints it. */
export function mintToken(secret, sub, scope, ttlSeconds = 600) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, scope, exp: Math.floor(Date.now() / 1000) + ttlSeconds })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
