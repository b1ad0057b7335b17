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

/** Times one input's way to the screen; see {@link watchPaint}. */
export interface PaintWatch {
  /**
   * Records a `performance.measure` named `name` for the input made at `start` (the event's
   * `timeStamp`). Call it right after the input's own handling (an update listener).
   */
  record(name: string, start: number): void;
}

/** The Prioritized Task Scheduling API (Chromium), not yet in TypeScript's DOM types. */
interface TaskScheduler {
  postTask(callback: () => void, options: { readonly priority: 'user-blocking' }): Promise<void>;
}

const taskScheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
const waiting: (() => void)[] = [];
if (channel !== null) channel.port1.onmessage = () => waiting.shift()?.();

/**
 * Runs `callback` in a task of its own, as soon as the page has nothing more urgent to do. In
 * Chromium a user-blocking task: a posted message waits behind rendering and input (the key's
 * keyup, the status bar's repaint a frame later), which measured up to a frame too much.
 */
function postTask(callback: () => void): void {
  if (taskScheduler !== undefined) {
    void taskScheduler.postTask(callback, { priority: 'user-blocking' });
    return;
  }
  waiting.push(callback);
  channel?.port2.postMessage(null);
}

/**
 * The events an input's handling ends with. Chromium runs no task between a key and the next frame
 * (it defers them all, so the frame comes first: DeferRendererTasksAfterInput), so the end of the
 * key's work is marked from its last event instead: after its listeners on the window, the last
 * to run.
 */
const inputEvents = ['keydown', 'keypress', 'input'] as const;

/**
 * Discrete inputs that may come after the frame but before the task that ends the measure (the
 * key's own keyup, sent a millisecond after the key by a bench or a fast typist).
 */
const laterInputEvents = ['keydown', 'keyup', 'pointerdown', 'pointerup'] as const;

/**
 * Marks now as when the input's work was done: called in a microtask after the last listener of
 * one of its events. The layout the event's changes need is done first: the browser does it right
 * after the event anyway (to show the caret), and done here it is counted as the input's work, not
 * as time spent waiting for the frame.
 */
function handledNow(): number {
  if (typeof document !== 'undefined') void document.documentElement.offsetHeight;
  return performance.now();
}

/**
 * Starts timing an input: call it first thing in the input's handling (a capture keydown
 * listener), so its animation frame callback is the frame's first and tells when the frame
 * started. The measure {@link PaintWatch.record} makes spans from the input to just after the
 * next frame is painted, minus the time the page sat idle waiting for that frame (see
 * {@link PaintLatencyDetail.frameWait}), so it holds what the input cost: its handlers, the work
 * queued right behind them, and the frame's style, layout and paint: the key-to-paint latency on
 * a display that refreshes on demand. `detail` keeps both parts. Costs two animation frame
 * callbacks, two posted tasks, three window listeners until the frame and four until the end.
 * The end is the task posted after the frame or, if sooner, the first input handled after the
 * frame started (which delays that task by a whole frame in Chromium).
 *
 * When the work was done is the later of: a task posted after the input's handling (where the
 * browser runs tasks before the frame, it runs once the work queued first is done), and the end
 * of the last of the input's events (keydown, keypress, input) handled before the frame (in
 * Chromium, which holds every task until after the frame, the only mark there is).
 */
export function watchPaint(): PaintWatch {
  let frameAt: number | null = null;
  let handledAt: number | null = null;
  const onHandled = (): void =>
    queueMicrotask(() => {
      if (frameAt === null) handledAt = handledNow();
    });
  const page = typeof window === 'undefined' ? null : window;
  // Added now, after the app's own listeners, so they run after them.
  for (const type of inputEvents) page?.addEventListener(type, onHandled);
  requestAnimationFrame(() => {
    frameAt = performance.now();
    for (const type of inputEvents) page?.removeEventListener(type, onHandled);
  });
  return {
    record(name, start) {
      // The first moment the page could run a task after the input's work, where it runs one.
      let settledAt: number | null = null;
      postTask(() => (settledAt = performance.now()));
      // An input handled once the frame has started: the frame was painted by then (nothing runs
      // inside it). It also holds the task below back until the frame after it (Chromium defers
      // tasks after each discrete input), which would count that frame as this input's.
      let framing = false;
      let paintedBy: number | null = null;
      const onLaterInput = (): void => {
        if (framing) paintedBy ??= performance.now();
      };
      for (const type of laterInputEvents)
        page?.addEventListener(type, onLaterInput, { capture: true });
      requestAnimationFrame(() => {
        framing = true;
        // Posted from the frame's animation callbacks: runs once its style, layout and paint are done.
        postTask(() => {
          for (const type of laterInputEvents)
            page?.removeEventListener(type, onLaterInput, { capture: true });
          const end = Math.min(performance.now(), paintedBy ?? Infinity);
          const ranBeforeFrame =
            settledAt !== null && frameAt !== null && settledAt < frameAt ? settledAt : null;
          const done = Math.max(ranBeforeFrame ?? -Infinity, handledAt ?? -Infinity);
          // Nothing marked the work done before the frame: all of it counts.
          const frameWait =
            frameAt !== null && Number.isFinite(done) && done < frameAt ? frameAt - done : 0;
          const detail: PaintLatencyDetail = { toPaint: end - start, frameWait };
          performance.measure(name, {
            start,
            duration: Math.max(0, end - start - frameWait),
            detail,
          });
        });
      });
    },
  };
}
