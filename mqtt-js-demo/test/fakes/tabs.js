// Fakes of what tabs of one origin share: BroadcastChannel and navigator.locks.

export function createChannelNetwork() {
  const channels = new Set();
  class FakeBroadcastChannel {
    constructor(name) {
      this.name = name;
      this.onmessage = null;
      this.closed = false;
      this.dead = false;
      channels.add(this);
    }
    postMessage(data) {
      if (this.closed) throw new Error('BroadcastChannel is closed');
      if (this.dead) return;
      const copy = structuredClone(data);
      for (const other of channels) {
        if (other !== this && other.name === this.name) {
          // delivered later, like the real one
          queueMicrotask(() => {
            if (!other.closed && !other.dead) other.onmessage?.({ data: copy });
          });
        }
      }
    }
    close() {
      this.closed = true;
      channels.delete(this);
    }
  }
  return { BroadcastChannel: FakeBroadcastChannel, channels };
}

/** One lock manager per browser: a request waits until the holder's callback promise settles. */
export function createFakeLocks() {
  const queues = new Map();
  const held = new Set();

  function grantNext(name) {
    if (held.has(name)) return;
    const queue = queues.get(name) ?? [];
    const next = queue.shift();
    if (!next) return;
    held.add(name);
    next.signal?.removeEventListener('abort', next.onAbort);
    Promise.resolve()
      .then(() => next.callback({ name, mode: 'exclusive' }))
      .then(next.resolve, next.reject)
      .finally(() => {
        held.delete(name);
        grantNext(name);
      });
  }

  return {
    held: (name) => held.has(name),
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const signal = options?.signal;
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const entry = { callback, resolve, reject, signal };
        entry.onAbort = () => {
          const queue = queues.get(name);
          queue.splice(queue.indexOf(entry), 1);
          reject(new DOMException('The request was aborted.', 'AbortError'));
        };
        signal?.addEventListener('abort', entry.onAbort, { once: true });
        if (!queues.has(name)) queues.set(name, []);
        queues.get(name).push(entry);
        grantNext(name);
      });
    },
  };
}
