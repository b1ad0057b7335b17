/** How long one slice of background work may hold the page before it lets input in. */
const sliceMs = 4;

/** A task after the ones queued, so a key pressed meanwhile is handled (and painted) first. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Calls `step()` until it returns false, in slices of about {@link sliceMs}, each its own task:
 * work over every post of a large folder (10,000 rows: tens of milliseconds) that would otherwise
 * hold a key typed meanwhile for as long. A step must take microseconds: the clock is read every
 * 64 of them.
 */
export async function runInSlices(step: () => boolean): Promise<void> {
  let more = true;
  while (more) {
    const until = performance.now() + sliceMs;
    do {
      for (let done = 0; done < 64 && more; done++) more = step();
    } while (more && performance.now() < until);
    if (more) await nextTask();
  }
}

/** Runs `step(0)` ... `step(count - 1)` in slices (see {@link runInSlices}). */
export async function inSlices(count: number, step: (index: number) => void): Promise<void> {
  let index = 0;
  if (count <= 0) return;
  await runInSlices(() => {
    step(index++);
    return index < count;
  });
}

/**
 * `items` sorted by `compare`, exactly as `[...items].sort(compare)` sorts them (stable: equal
 * items keep their order), in slices (see {@link runInSlices}): in one piece, sorting 10,000
 * posts with a collator is a task of a few milliseconds by date and of tens by title. A natural
 * merge sort: runs already in order are found first (n - 1 comparisons), so a list that arrives
 * sorted, or nearly (the Node side sends posts newest first), costs little more than that check;
 * then neighbouring runs are merged, pass after pass, one item per step.
 */
export async function sortInSlices<T>(
  items: readonly T[],
  compare: (a: T, b: T) => number,
): Promise<T[]> {
  const count = items.length;
  let from = items.slice();
  if (count < 2) return from;
  let to = new Array<T>(count);
  // Where each run starts, and `count` last; the runs of the next pass as they are merged.
  let runs: number[] = [0];
  let merged: number[] = [0];
  let at = 1;
  await runInSlices(() => {
    if (compare(from[at - 1] as T, from[at] as T) > 0) runs.push(at);
    return ++at < count;
  });
  runs.push(count);
  if (runs.length === 2) return from;

  // The pair of runs being merged: `run` indexes `runs`; left is [left, leftEnd), right
  // [right, rightEnd) (empty for a last run without a partner); `out` is where the next item goes.
  let run = 0;
  let left = 0;
  let leftEnd = 0;
  let right = 0;
  let rightEnd = 0;
  let out = 0;
  const startPair = (): void => {
    left = out = runs[run] as number;
    leftEnd = right = runs[run + 1] as number;
    rightEnd = runs[Math.min(run + 2, runs.length - 1)] as number;
  };
  startPair();
  await runInSlices(() => {
    // Ties take the left item: the sort stays stable.
    if (left < leftEnd && (right >= rightEnd || compare(from[left] as T, from[right] as T) <= 0))
      to[out++] = from[left++] as T;
    else to[out++] = from[right++] as T;
    if (out < rightEnd) return true;
    merged.push(rightEnd);
    run += 2;
    if (run < runs.length - 1) {
      startPair();
      return true;
    }
    // A pass is complete: its output is the next pass's input.
    [from, to] = [to, from];
    [runs, merged] = [merged, [0]];
    if (runs.length === 2) return false;
    run = 0;
    startPair();
    return true;
  });
  return from;
}
