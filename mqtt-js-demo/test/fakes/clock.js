// A fake clock for setTimeout/clearTimeout/now: tests advance time instead of sleeping.

/** Lets every pending promise callback and queued microtask run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

export function createFakeClock(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const timers = new Map();
  return {
    now: () => now,
    setTimeout(callback, delayMs = 0) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, delayMs), callback });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
    /** Delays of the timers still pending, soonest first. */
    pendingDelays() {
      return [...timers.values()].map((timer) => timer.at - now).sort((a, b) => a - b);
    },
    /** Runs, in order, every timer due within `ms`, settling promises after each. */
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.values()]
          .filter((timer) => timer.at <= target)
          .sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers.delete(due.id);
        now = due.at;
        due.callback();
        await settle();
      }
      now = target;
    },
  };
}
