// Fake transports with the real shape; the test decides when they deliver, open or fail.

export function createFakeTransports(userId = 'alice') {
  const instances = [];
  function create(name) {
    const transport = {
      name,
      openedWith: null,
      closed: false,
      open(lastSeq, onCount, onError, onOpen) {
        transport.openedWith = lastSeq;
        Object.assign(transport, { onCount, onError, onOpen });
      },
      close() {
        transport.closed = true;
      },
      emit(count, seq) {
        transport.onCount({ userId, count, seq, ts: 1_700_000_000_000 + seq });
      },
      fail(message = 'boom') {
        transport.onError(new Error(message));
      },
    };
    instances.push(transport);
    return transport;
  }
  return {
    create,
    instances,
    /** The names opened so far, in order. */
    names: () => instances.map((transport) => transport.name),
    latest: () => instances[instances.length - 1],
    /** Factories by transport name, as the client's `transportFactories` option takes them. */
    factories: () => Object.fromEntries(['mqtt', 'sse', 'long-poll', 'poll', 'ws', 'iframe'].map((name) => [name, () => create(name)])),
  };
}
