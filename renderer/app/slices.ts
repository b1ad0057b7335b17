/** How long one slice of background work may hold the page before it lets input in. */
const sliceMs = 4;

/** A task after the ones queued, so a key pressed meanwhile is handled (and painted) first. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `step(0)` ... `step(count - 1)` in slices of about {@link sliceMs}, each its own task:
 * work over every post of a large folder (10,000 rows: tens of milliseconds) that would otherwise
 * hold a key typed meanwhile for as long.
 */
export async function inSlices(count: number, step: (index: number) => void): Promise<void> {
  let index = 0;
  while (index < count) {
    const until = performance.now() + sliceMs;
    // The clock is read every 64 rows: a row takes microseconds.
    do {
      const end = Math.min(count, index + 64);
      for (; index < end; index++) step(index);
    } while (index < count && performance.now() < until);
    if (index < count) await nextTask();
  }
}
