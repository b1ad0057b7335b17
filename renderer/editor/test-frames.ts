// Animation frames and tasks for unit tests of code that waits for the display (no browser there).
import { vi } from 'vitest';

/** Animation frame callbacks, run by the test instead of the display (see {@link frame}). */
export function frames(): (() => void)[] {
  const callbacks: (() => void)[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: (time: number) => void) => {
    callbacks.push(() => callback(performance.now()));
    return callbacks.length;
  });
  return callbacks;
}

/** Runs the frame: every callback asked for so far, in order, as a browser does. */
export function frame(callbacks: (() => void)[]): void {
  for (const callback of callbacks.splice(0)) callback();
}

/** Lets the posted messages and timers due so far run, and `ms` pass. */
export const tasks = (ms = 20): Promise<unknown> =>
  new Promise((resolve) => setTimeout(resolve, ms));
