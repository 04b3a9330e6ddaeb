// GET /push/config: where MQTT over WebSocket listens and how often short polling asks.

import { getText } from './http.js';
import { paths } from './protocol.js';
import { endpointUrl } from './urls.js';

export const DEFAULT_POLL_INTERVAL_MS = 2000;
const CONFIG_TIMEOUT_MS = 5000;

/** Answers a loader that fetches the config once; a failed fetch is retried on the next call. */
export function createPushConfigLoader({ baseUrl, token, globals }) {
  let pending = null;
  return function loadPushConfig() {
    pending ??= fetchPushConfig({ baseUrl, token, globals }).catch((error) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

async function fetchPushConfig({ baseUrl, token, globals }) {
  const url = endpointUrl(baseUrl, paths.config());
  const { text } = await getText(url, { ...globals, token, timeoutMs: CONFIG_TIMEOUT_MS });
  const body = JSON.parse(text);
  const pollIntervalMs = Number.isFinite(body.pollIntervalMs) && body.pollIntervalMs > 0
    ? body.pollIntervalMs
    : DEFAULT_POLL_INTERVAL_MS;
  const mqttUrl = typeof body.mqttUrl === 'string' && body.mqttUrl !== '' ? body.mqttUrl : null;
  return Object.freeze({ mqttUrl, pollIntervalMs });
}
