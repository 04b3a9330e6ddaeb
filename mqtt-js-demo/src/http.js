// One GET helper for the HTTP transports: a timeout, cancellation, and errors that name the status.

export class HttpError extends Error {
  constructor(status, url) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

/**
 * GETs `url` and answers `{ status, text }`; 304 is an answer, any other non-2xx status throws.
 * `signal` cancels it (the transport was closed); `timeoutMs` guards against a silently dead connection.
 */
export async function getText(url, { fetch, setTimeout, clearTimeout, token, signal, timeoutMs }) {
  const controller = new AbortController();
  const cancel = () => controller.abort(signal.reason);
  signal?.addEventListener('abort', cancel, { once: true });
  const timer = setTimeout(() => controller.abort(new Error(`no answer from ${url} within ${timeoutMs} ms`)), timeoutMs);
  try {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(url, { headers, cache: 'no-store', signal: controller.signal });
    if (response.status === 304) return { status: 304, text: '' };
    if (!response.ok) throw new HttpError(response.status, url);
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // fetch rejects with a generic AbortError; the reason says why we aborted
    throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}

/** Waits `ms`; rejects at once with the signal's reason when the signal aborts. */
export function sleep(ms, { setTimeout, clearTimeout }, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
