// URLs of the gateway's endpoints, relative to a configurable base URL.

/** `baseUrl` may carry a path prefix (a gateway behind /reddot/): it is kept. */
export function endpointUrl(baseUrl, path, params = {}) {
  const base = (baseUrl ?? '').replace(/\/+$/, '');
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, String(value));
    }
  }
  const search = query.toString();
  return base + path + (search ? `?${search}` : '');
}

/** Same host and port as the HTTP URL, with ws: or wss: to match http: or https:. */
export function toWebSocketUrl(url, pageHref) {
  const resolved = new URL(url, pageHref);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved.href;
}

/** An absolute MQTT URL is kept; a path such as `/mqtt` means the page's own host (a proxy in front). */
export function resolveMqttUrl(mqttUrl, pageHref) {
  return mqttUrl.startsWith('/') ? toWebSocketUrl(mqttUrl, pageHref) : mqttUrl;
}
