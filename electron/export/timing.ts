import { performance } from 'node:perf_hooks';

/**
 * Where an export's time goes, for the bench and for profiling: milliseconds added up per phase.
 * Steps that run one after another are timed as wall time; work done inside a concurrent step
 * (parsing, hashing, checks: CPU on this thread) is summed per call, so those figures are the
 * thread's own time and may add up to more than their step's wall time only if the work overlaps.
 */
export interface PhaseTimer {
  add(phase: string, ms: number): void;
}

/** A timer that keeps the figures in a map, in the order phases first appeared. */
export function phaseTimes(): PhaseTimer & { readonly times: Map<string, number> } {
  const times = new Map<string, number>();
  return {
    times,
    add(phase, ms) {
      times.set(phase, (times.get(phase) ?? 0) + ms);
    },
  };
}

/** Runs `task` and adds its wall time to `phase` (nothing is measured without a timer). */
export async function timed<T>(
  timer: PhaseTimer | undefined,
  phase: string,
  task: () => Promise<T>,
): Promise<T> {
  if (timer === undefined) return task();
  const start = performance.now();
  try {
    return await task();
  } finally {
    timer.add(phase, performance.now() - start);
  }
}

/** Runs the synchronous `task` and adds its time to `phase`. */
export function timedSync<T>(timer: PhaseTimer | undefined, phase: string, task: () => T): T {
  if (timer === undefined) return task();
  const start = performance.now();
  try {
    return task();
  } finally {
    timer.add(phase, performance.now() - start);
  }
}

/**
 * A lap clock for steps that follow one another: each call adds the time since the previous call
 * (or since the clock was made) to `phase`.
 */
export function laps(timer: PhaseTimer | undefined): (phase: string) => void {
  let mark = performance.now();
  return (phase) => {
    const now = performance.now();
    timer?.add(phase, now - mark);
    mark = now;
  };
}
