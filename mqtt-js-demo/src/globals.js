// The browser objects the client touches, resolved once so tests can hand in fakes.
// Functions are bound: browsers throw "Illegal invocation" when fetch or setTimeout
// are called as methods of another object.

export function resolveGlobals(overrides = {}) {
  const g = globalThis;
  return {
    fetch: g.fetch?.bind(g),
    EventSource: g.EventSource,
    WebSocket: g.WebSocket,
    BroadcastChannel: g.BroadcastChannel,
    locks: g.navigator?.locks,
    document: g.document,
    window: g.window,
    location: g.location,
    setTimeout: g.setTimeout.bind(g),
    clearTimeout: g.clearTimeout.bind(g),
    random: Math.random,
    now: Date.now,
    // undefined: the MQTT transport loads MQTT.js on first use
    mqttConnect: undefined,
    ...overrides,
  };
}
