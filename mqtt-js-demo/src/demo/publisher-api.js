// The publisher's REST API as the demo button uses it: read the count, then set it one higher.

import { paths } from '../protocol.js';

export async function incrementUnreadCount(userId, { baseUrl = '', token, fetch = globalThis.fetch.bind(globalThis) } = {}) {
  const url = baseUrl.replace(/\/+$/, '') + paths.unreadCount(userId);
  const current = await requestJson(fetch, 'GET', url, token);
  return requestJson(fetch, 'PUT', url, token, { count: current.count + 1 });
}

async function requestJson(fetch, method, url, token, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new Error(`could not reach the publisher API (${method} ${url}: ${error.message})`);
  }
  const type = response.headers.get('Content-Type') ?? '';
  const isJson = /\bjson\b/.test(type);
  const payload = isJson ? await response.json() : null;
  if (!response.ok) {
    // a problem+json detail comes from the publisher itself; anything else from whoever serves this origin
    const detail = payload?.detail ?? payload?.title ?? `${response.statusText || 'failed'}; is the publisher API on this origin?`;
    throw new Error(`${method} ${url} answered ${response.status}: ${detail}`);
  }
  if (!isJson || !Number.isSafeInteger(payload?.count)) {
    throw new Error(`${method} ${url} did not answer a count event: is the publisher API on this origin?`);
  }
  return payload;
}
