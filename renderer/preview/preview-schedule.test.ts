import { afterEach, describe, expect, it, vi } from 'vitest';
import { frame, frames as stubFrames, tasks } from '../editor/test-frames';
import { createPreviewSchedule } from './preview-schedule';

/** Frames run by the test; the schedule's timers are the window's. */
function frames(): (() => void)[] {
  vi.stubGlobal('window', globalThis);
  return stubFrames();
}

/** A schedule whose renders report `costs` in turn (the last one again when they run out). */
function scheduleCosting(costs: number[], length = 9_000): { request(): void; renders: number[] } {
  const renders: number[] = [];
  const schedule = createPreviewSchedule((since) => {
    renders.push(since);
    return costs[Math.min(renders.length - 1, costs.length - 1)] ?? 0;
  });
  return { request: () => schedule.request(length), renders };
}

describe('preview schedule', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renders a cheap update with the edit, before the frame, once for the edits of one task', async () => {
    const callbacks = frames();
    const schedule = scheduleCosting([1]);
    const edited = performance.now();
    schedule.request();
    schedule.request();
    expect(schedule.renders).toEqual([]); // Not inside the editor's update itself.
    await Promise.resolve();
    expect(schedule.renders).toHaveLength(1);
    expect(schedule.renders[0]).toBeGreaterThanOrEqual(edited);
    expect(callbacks).toHaveLength(0); // No frame was waited for.
    schedule.request();
    await Promise.resolve();
    expect(schedule.renders).toHaveLength(2);
  });

  it('renders a costlier update after the editor has painted, and a slow one after a pause', async () => {
    const callbacks = frames();
    const schedule = scheduleCosting([10, 10, 40]);
    schedule.request();
    await Promise.resolve(); // The first render's cost is not known yet: with the edit.
    expect(schedule.renders).toHaveLength(1);

    schedule.request();
    await tasks();
    expect(schedule.renders).toHaveLength(1); // Waits for the frame.
    frame(callbacks);
    await tasks();
    expect(schedule.renders).toHaveLength(2);

    schedule.request();
    frame(callbacks);
    await tasks();
    expect(schedule.renders).toHaveLength(3);

    // The last render cost 40 ms: the next waits for typing to pause.
    schedule.request();
    frame(callbacks);
    await tasks();
    expect(schedule.renders).toHaveLength(3);
    await tasks(80);
    expect(schedule.renders).toHaveLength(4);
  });

  it('renders a long post after the paint however cheap its update (its layout costs the frame)', async () => {
    const callbacks = frames();
    const schedule = scheduleCosting([1], 200_000);
    schedule.request();
    await tasks();
    expect(schedule.renders).toHaveLength(0);
    frame(callbacks);
    await tasks();
    expect(schedule.renders).toHaveLength(1);
  });
});
