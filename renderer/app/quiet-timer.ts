/** Runs a callback once calls to {@link QuietTimer.poke} pause; see {@link createQuietTimer}. */
export interface QuietTimer {
  /** Something happened: run the callback `delayMs` from now (unless poked again meanwhile). */
  poke(delayMs?: number): void;
  /** Drops the pending run, if any. */
  cancel(): void;
}

/**
 * A debounce that costs next to nothing per call: `poke` only notes when the callback is due, and
 * arms a timer only when none is armed (or the armed one would fire too late). When the timer
 * fires early, because pokes came after it was armed, it waits out the rest. Keystrokes poke it,
 * so they never clear and set a timer each, which Chromium makes a key pay up to half a millisecond
 * for (the first timer set while it holds tasks for the key's frame).
 */
export function createQuietTimer(callback: () => void, defaultDelayMs: number): QuietTimer {
  let dueAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const arm = (at: number): void => {
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(fire, Math.max(0, at - performance.now()));
  };
  const fire = (): void => {
    timer = undefined;
    timerAt = Infinity;
    if (dueAt === null) return;
    // Timers may fire a little early; under a millisecond counts as on time.
    if (dueAt - performance.now() > 1) {
      arm(dueAt);
      return;
    }
    dueAt = null;
    callback();
  };

  return {
    poke(delayMs = defaultDelayMs) {
      dueAt = performance.now() + delayMs;
      if (timer === undefined || timerAt > dueAt) arm(dueAt);
    },
    cancel() {
      dueAt = null;
      clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
    },
  };
}
