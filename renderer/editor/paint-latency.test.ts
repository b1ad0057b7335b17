import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPaint } from './paint-latency';
import type { PaintLatencyDetail } from './paint-latency';

/** Lets the posted messages queued so far run, and some time pass. */
const tasks = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Animation frame callbacks, run by the test instead of the display. */
function frames(): (() => void)[] {
  const callbacks: (() => void)[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: (time: number) => void) => {
    callbacks.push(() => callback(performance.now()));
    return callbacks.length;
  });
  return callbacks;
}

/** Runs the frame: every callback asked for so far, in order, as a browser does. */
function frame(callbacks: (() => void)[]): void {
  for (const callback of callbacks.splice(0)) callback();
}

function entry(name: string): { duration: number; detail: PaintLatencyDetail } {
  const [measure] = performance.getEntriesByName(name, 'measure') as PerformanceMeasure[];
  if (measure === undefined) throw new Error(`No ${name} measure`);
  return { duration: measure.duration, detail: measure.detail as PaintLatencyDetail };
}

describe('key to paint', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    performance.clearMeasures();
  });

  it('leaves out the idle wait between the work settling and the next frame', async () => {
    const callbacks = frames();
    const start = performance.now();
    const watch = watchPaint();
    watch.record('test:idle', start);
    // The work settles at once; the frame starts some 20 ms later: the page waited for it, idle.
    await tasks();
    frame(callbacks);
    await tasks();
    const { duration, detail } = entry('test:idle');
    expect(detail.frameWait).toBeGreaterThan(10);
    expect(detail.toPaint).toBeGreaterThan(detail.frameWait);
    expect(duration).toBeCloseTo(detail.toPaint - detail.frameWait, 5);
  });

  it('counts it all when the frame came before the work settled', async () => {
    const callbacks = frames();
    const start = performance.now() - 5;
    const watch = watchPaint();
    watch.record('test:busy', start);
    // The frame runs at once, before the task that marks the work done.
    frame(callbacks);
    await tasks();
    const { duration, detail } = entry('test:busy');
    expect(detail.frameWait).toBe(0);
    expect(duration).toBeCloseTo(detail.toPaint, 5);
    expect(duration).toBeGreaterThanOrEqual(5);
  });
});
