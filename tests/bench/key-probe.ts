// Times key presses from the page's own side, the same way in every build (a baseline build
// records the app's measures its own way, or not at all). Shared by the editor and form benches:
// the editor bench bundles it into its page script, the form bench adds it as an init script.

/** One key, timed from the page's side. */
export interface KeyTiming {
  /** Key event to just after the next paint, less the idle wait for that frame. */
  readonly latency: number;
  /** The same with the wait left in. */
  readonly toPaint: number;
}

/** What {@link installKeyProbe} puts on the page's `window.postwrightKeys`. */
export interface KeyProbe {
  /** Starts timing every key that types text, from now on (clears what was timed). */
  start(): void;
  /** The keys timed since {@link KeyProbe.start}. */
  keys(): KeyTiming[];
}

/**
 * Installs the probe as `window.postwrightKeys`. Self-contained (no imports, nothing from outside
 * its body), so `page.addInitScript(installKeyProbe)` can run it in the page as it is. Each key
 * that types text is timed from its event to just after the next paint (a user-blocking task after
 * the frame, or the key's keyup if that comes first after it), less the idle wait between the
 * key's work being done (the end of its last event, or a task run before the frame) and the
 * frame's start, as the app's own measure does (renderer/editor/paint-latency.ts).
 */
export function installKeyProbe(): void {
  interface TaskScheduler {
    postTask(callback: () => void, options: { readonly priority: 'user-blocking' }): Promise<void>;
  }
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  const soon = (callback: () => void): void => {
    if (scheduler === undefined) setTimeout(callback, 0);
    else void scheduler.postTask(callback, { priority: 'user-blocking' });
  };
  let timings: KeyTiming[] = [];
  // The key being handled: its time, when the frame after it started (a window capture keydown
  // listener runs before the app's own, whenever it was added, so its animation frame callback is
  // the frame's first), and when its handling was done.
  let pressed: { at: number; frameAt: number | null; handledAt: number | null } | null = null;
  // Marks the end of the pressed key's handling, after the last listener of one of its events
  // (these bubble on the window, so they run last), its layout done: Chromium runs no task between
  // a key and its frame (DeferRendererTasksAfterInput), so a posted task cannot mark it.
  const handled = (): void => {
    const key = pressed;
    if (key === null || key.frameAt !== null) return;
    queueMicrotask(() => {
      if (key.frameAt !== null) return;
      void document.documentElement.offsetHeight;
      key.handledAt = performance.now();
    });
  };
  window.addEventListener(
    'keydown',
    (event) => {
      const key = { at: event.timeStamp, frameAt: null as number | null, handledAt: null };
      pressed = key;
      requestAnimationFrame(() => (key.frameAt = performance.now()));
    },
    true,
  );
  window.addEventListener('keydown', handled);
  window.addEventListener('keypress', handled);
  // Bubbling, on the window: after the app (CodeMirror, React) has handled the text the key typed.
  window.addEventListener('input', () => {
    handled();
    const key = pressed;
    pressed = null;
    if (key === null) return;
    const into = timings;
    // Where the browser runs a task before the frame, the first one marks the work done.
    let settledAt: number | null = null;
    soon(() => (settledAt = performance.now()));
    // The key's keyup handled after its frame: the frame was painted by then, and the task below
    // is held back (Chromium defers tasks after each discrete input) until the frame after.
    let framing = false;
    let paintedBy: number | null = null;
    const onKeyUp = (): void => {
      if (framing) paintedBy ??= performance.now();
    };
    window.addEventListener('keyup', onKeyUp, true);
    requestAnimationFrame(() => {
      framing = true;
      soon(() => {
        window.removeEventListener('keyup', onKeyUp, true);
        const end = Math.min(performance.now(), paintedBy ?? Infinity);
        const ranBeforeFrame =
          settledAt !== null && key.frameAt !== null && settledAt < key.frameAt ? settledAt : null;
        const done = Math.max(ranBeforeFrame ?? -Infinity, key.handledAt ?? -Infinity);
        const wait =
          key.frameAt !== null && Number.isFinite(done) && done < key.frameAt
            ? key.frameAt - done
            : 0;
        into.push({ latency: end - key.at - wait, toPaint: end - key.at });
      });
    });
  });
  const probe: KeyProbe = {
    start() {
      timings = [];
    },
    keys: () => timings,
  };
  (window as unknown as { postwrightKeys: KeyProbe }).postwrightKeys = probe;
}
