// Fakes of the browser APIs the transports use, driven by the test.

export function createFakeEventSource() {
  const instances = [];
  class FakeEventSource {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.listeners = new Map();
      this.onerror = null;
      this.closed = false;
      instances.push(this);
    }
    addEventListener(type, listener) {
      if (!this.listeners.has(type)) this.listeners.set(type, []);
      this.listeners.get(type).push(listener);
    }
    close() {
      this.closed = true;
      this.readyState = 2;
    }
    emit(type, data, lastEventId = '') {
      this.readyState = 1;
      for (const listener of this.listeners.get(type) ?? []) listener({ type, data, lastEventId });
    }
    error(readyState) {
      this.readyState = readyState;
      this.onerror?.({ type: 'error' });
    }
  }
  return { EventSource: FakeEventSource, instances };
}

export function createFakeWebSocket() {
  const instances = [];
  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.onmessage = null;
      this.onclose = null;
      this.closedWith = null;
      instances.push(this);
    }
    close(code, reason) {
      this.closedWith = { code, reason };
    }
    receive(data) {
      this.onmessage?.({ data });
    }
    serverClose(code, reason = '') {
      this.onclose?.({ code, reason, wasClean: code === 1000 });
    }
  }
  return { WebSocket: FakeWebSocket, instances };
}

/** fetch whose answers the test gives, one request at a time; an abort rejects like the real one. */
export function createFakeFetch() {
  const requests = [];
  function fetch(url, init = {}) {
    return new Promise((resolve, reject) => {
      const request = {
        url,
        init,
        answered: false,
        respond(status, body = '', headers = {}) {
          request.answered = true;
          resolve(new Response(status === 304 ? null : body, { status, headers }));
        },
        respondJson(value, status = 200) {
          request.respond(status, JSON.stringify(value), { 'Content-Type': 'application/json' });
        },
        reject(error) {
          request.answered = true;
          reject(error);
        },
      };
      init.signal?.addEventListener('abort', () => {
        if (!request.answered) reject(new DOMException('This operation was aborted', 'AbortError'));
      });
      requests.push(request);
    });
  }
  return {
    fetch,
    requests,
    /** The request not yet answered, in order of arrival. */
    pending: () => requests.filter((request) => !request.answered),
  };
}

/** A stand-in for mqtt.connect(): the test fires the broker's side. */
export function createFakeMqtt() {
  const clients = [];
  function connect(url, options) {
    const handlers = new Map();
    const client = {
      url,
      options,
      subscriptions: [],
      ended: false,
      on(event, handler) {
        if (!handlers.has(event)) handlers.set(event, []);
        handlers.get(event).push(handler);
        return client;
      },
      fire(event, ...args) {
        for (const handler of handlers.get(event) ?? []) handler(...args);
      },
      subscribe(topic, subscribeOptions, callback) {
        client.subscriptions.push({ topic, options: subscribeOptions, callback });
      },
      end() {
        client.ended = true;
        client.fire('close');
        return client;
      },
      /** Answers the last SUBSCRIBE; a qos of 0x80 or more is a refusal. */
      suback(qos = 1) {
        const { topic, callback } = client.subscriptions[client.subscriptions.length - 1];
        callback(null, [{ topic, qos }]);
      },
      publish(topic, payload, userProperties) {
        client.fire('message', topic, new TextEncoder().encode(payload), { properties: { userProperties } });
      },
    };
    clients.push(client);
    return client;
  }
  return { connect, clients };
}

/** Just enough document and window for the iframe transport. */
export function createFakeFrameHost() {
  const frames = [];
  const loadListeners = [];
  const window = {
    addEventListener(type, listener) {
      if (type === 'load') loadListeners.push(listener);
    },
  };
  const document = {
    readyState: 'complete',
    createElement(tag) {
      const listeners = new Map();
      const element = {
        tag,
        attributes: {},
        removed: false,
        setAttribute(name, value) {
          element.attributes[name] = value;
        },
        addEventListener(type, listener) {
          listeners.set(type, listener);
        },
        dispatch(type) {
          listeners.get(type)?.({ type });
        },
        remove() {
          element.removed = true;
        },
      };
      return element;
    },
    body: {
      appendChild(element) {
        frames.push(element);
        return element;
      },
    },
  };
  return {
    document,
    window,
    frames,
    /** The page finishes loading. */
    finishLoading() {
      document.readyState = 'complete';
      for (const listener of loadListeners.splice(0)) listener({ type: 'load' });
    },
  };
}
