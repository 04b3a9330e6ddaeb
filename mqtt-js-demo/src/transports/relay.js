// The callbacks of one transport instance: silent after close(), and at most one error,
// so a socket that reports both "error" and "close" does not fail the connection twice.

export function createRelay(onCount, onError, onOpen) {
  let done = false;
  const relay = {
    get done() {
      return done;
    },
    /** Delivers the event `decode()` returns; a decoding error fails the transport. */
    deliver(decode) {
      if (done) return;
      let event;
      try {
        event = decode();
      } catch (error) {
        relay.fail(error);
        return;
      }
      onCount(event);
    },
    open() {
      if (!done) onOpen?.();
    },
    fail(error) {
      if (done) return;
      done = true;
      onError(error);
    },
    close() {
      done = true;
    },
  };
  return relay;
}
