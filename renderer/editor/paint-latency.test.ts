import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPaint } from './paint-latency';
import type { PaintLatencyDetail } from './paint-latency';
import { frame, frames, tasks } from './test-frames';

/** Waits `ms` without yielding to tasks, as a page busy with other work (or a held task) does. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
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

  it('ends the work at the last key event handled before the frame when no task runs before it', async () => {
    // Chromium holds every task after a key until its frame: the task marking the work done runs
    // after the frame, so the end of the key's last event (keypress, input) has to mark it.
    const callbacks = frames();
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    const start = performance.now();
    const watch = watchPaint();
    watch.record('test:held', start);
    spin(5); // The key's handlers, counted.
    page.dispatchEvent(new Event('input'));
    await Promise.resolve(); // The mark is taken in a microtask after the listeners.
    spin(20); // Idle until the frame; no task ran meanwhile.
    frame(callbacks);
    // A later input (the next key) belongs to another measure.
    page.dispatchEvent(new Event('input'));
    await tasks();
    const { duration, detail } = entry('test:held');
    expect(detail.frameWait).toBeGreaterThanOrEqual(19);
    expect(detail.frameWait).toBeLessThan(detail.toPaint - 4);
    expect(duration).toBeCloseTo(detail.toPaint - detail.frameWait, 5);
    expect(duration).toBeGreaterThanOrEqual(5);
  });

  it('counts it all when neither a task nor a key event marked the work done before the frame', async () => {
    const callbacks = frames();
    vi.stubGlobal('window', new EventTarget());
    const start = performance.now();
    const watch = watchPaint();
    watch.record('test:unmarked', start);
    spin(20);
    frame(callbacks);
    await tasks();
    const { duration, detail } = entry('test:unmarked');
    expect(detail.frameWait).toBe(0);
    expect(duration).toBeGreaterThanOrEqual(20);
  });

  it('ends at an input handled after the frame when the task ending the measure waits behind it', async () => {
    // The key's keyup arrives just after its frame: Chromium then holds every task until the
    // next frame, the measure's own included; the keyup's handling shows the frame was done.
    const callbacks = frames();
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    const start = performance.now();
    const watch = watchPaint();
    watch.record('test:keyup', start);
    spin(5);
    page.dispatchEvent(new Event('input'));
    await Promise.resolve();
    frame(callbacks);
    page.dispatchEvent(new Event('keyup'));
    spin(25); // The next frame, which the task ending the measure was held back for.
    await tasks();
    const { duration, detail } = entry('test:keyup');
    expect(detail.toPaint).toBeGreaterThanOrEqual(5);
    expect(detail.toPaint).toBeLessThan(20);
    expect(duration).toBeCloseTo(detail.toPaint - detail.frameWait, 5);
  });
});
