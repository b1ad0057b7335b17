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
 * the frame; a posted message would wait behind rendering and input), less the idle wait between
 * the key's work settling and the frame's start (its first animation frame callback: a window
 * capture keydown listener runs before the app's own, whenever it was added).
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
  let pressed: { at: number; frameAt: number | null } | null = null;
  window.addEventListener(
    'keydown',
    (event) => {
      const key = { at: event.timeStamp, frameAt: null as number | null };
      pressed = key;
      requestAnimationFrame(() => (key.frameAt = performance.now()));
    },
    true,
  );
  // Bubbling, on the window: after the app (CodeMirror, React) has handled the text the key typed.
  window.addEventListener('input', () => {
    const key = pressed;
    pressed = null;
    if (key === null) return;
    const into = timings;
    let settledAt: number | null = null;
    soon(() => (settledAt = performance.now()));
    requestAnimationFrame(() =>
      soon(() => {
        const end = performance.now();
        const wait =
          settledAt !== null && key.frameAt !== null && settledAt < key.frameAt
            ? key.frameAt - settledAt
            : 0;
        into.push({ latency: end - key.at - wait, toPaint: end - key.at });
      }),
    );
  });
  const probe: KeyProbe = {
    start() {
      timings = [];
    },
    keys: () => timings,
  };
  (window as unknown as { postwrightKeys: KeyProbe }).postwrightKeys = probe;
}
