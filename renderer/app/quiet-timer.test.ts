import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuietTimer } from './quiet-timer';

describe('quiet timer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => vi.useRealTimers());

  it('runs once, the delay after the last poke', () => {
    const callback = vi.fn();
    const quiet = createQuietTimer(callback, 100);
    quiet.poke();
    vi.advanceTimersByTime(60);
    quiet.poke();
    vi.advanceTimersByTime(60);
    quiet.poke();
    vi.advanceTimersByTime(99);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('arms one timer for many pokes, not one per poke', () => {
    const quiet = createQuietTimer(() => undefined, 100);
    const set = vi.spyOn(globalThis, 'setTimeout');
    for (let key = 0; key < 50; key++) {
      quiet.poke();
      vi.advanceTimersByTime(10);
    }
    // The first poke armed it; it fired at 100 ms and waited out the rest once per 100 ms.
    expect(set.mock.calls.length).toBeLessThanOrEqual(6);
    set.mockRestore();
  });

  it('honours a shorter delay than the armed one', () => {
    const callback = vi.fn();
    const quiet = createQuietTimer(callback, 100);
    quiet.poke(750);
    quiet.poke(150);
    vi.advanceTimersByTime(150);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled, and runs again after a new poke', () => {
    const callback = vi.fn();
    const quiet = createQuietTimer(callback, 100);
    quiet.poke();
    quiet.cancel();
    vi.advanceTimersByTime(1000);
    expect(callback).not.toHaveBeenCalled();
    quiet.poke();
    vi.advanceTimersByTime(100);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
