/** What a key-to-paint `performance.measure` carries besides its span. */
export interface PaintLatencyDetail {
  /** Milliseconds from the key event to just after the next frame was painted, all of it. */
  readonly toPaint: number;
  /**
   * Of `toPaint`, the milliseconds the page sat idle waiting for the display's next frame: from
   * when the key's own work (and what it queued first) was done to the frame's start. It depends
   * on where in the display's refresh cycle the key landed (0 to 16.7 ms at 60 Hz), not on the app.
   */
  readonly frameWait: number;
}

const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
const waiting: (() => void)[] = [];
if (channel !== null) channel.port1.onmessage = () => waiting.shift()?.();

/** Runs `callback` in a task of its own, behind the tasks already queued this way. */
function postTask(callback: () => void): void {
  waiting.push(callback);
  channel?.port2.postMessage(null);
}

/**
 * Records a `performance.measure` named `name` for an input made at `start` (the event's
 * `timeStamp`): from the input to just after the next frame is painted, minus the time the page
 * sat idle waiting for that frame (see {@link PaintLatencyDetail.frameWait}), so it holds what
 * the input cost: its handlers, the work queued right behind them, and the frame's style, layout
 * and paint. That is the key-to-paint latency on a display that refreshes on demand; `detail`
 * keeps both parts. Call it right after the input's own handling (from an update listener).
 * Costs two posted messages and one animation frame callback.
 */
export function measureToPaint(name: string, start: number): void {
  // When the key's work is done: this task runs after what the key's handlers queued before it
  // (a React render, an immediate preview render), so those count as the key's work.
  let settled: number | null = null;
  postTask(() => (settled = performance.now()));
  requestAnimationFrame((frameStart) => {
    // The frame's start (its vsync) after the work settled: the page waited for it, idle. When the
    // frame came first (the work ran into it), nothing was waited for.
    const frameWait = settled === null ? 0 : Math.max(0, frameStart - settled);
    // Posted from the frame's animation callbacks: runs once its style, layout and paint are done.
    postTask(() => {
      const end = performance.now();
      const detail: PaintLatencyDetail = { toPaint: end - start, frameWait };
      performance.measure(name, { start, duration: Math.max(0, end - start - frameWait), detail });
    });
  });
}
