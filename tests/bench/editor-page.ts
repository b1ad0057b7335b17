// Bundled by editor.bench.ts and added to the app's page, so the bare pipeline can be timed on the
// same text, in the same page, as the app's own measures; and so key-to-paint can be timed the same
// way in every build (a baseline records its own measure its own way).
import { createMarkdown, renderMarkdown } from '../../shared/markdown';
import { createSanitizer } from '../../renderer/preview/sanitize';

/** One key, timed from the page's side. */
export interface KeyTiming {
  /** Key event to just after the next paint, less the idle wait for that frame. */
  readonly latency: number;
  /** The same with the wait left in. */
  readonly toPaint: number;
}

/** What the bench calls in the page. */
export interface BenchHooks {
  /** Milliseconds for markdown-it to render `body` to HTML, whole. */
  render(body: string): number;
  /** Milliseconds for a whole render plus DOMPurify: what every preview update cost before. */
  renderAndSanitize(body: string): number;
  /** Starts timing every key that types text, from now on (clears what was timed). */
  startKeys(): void;
  /** The keys timed since {@link BenchHooks.startKeys}. */
  keys(): KeyTiming[];
}

interface TaskScheduler {
  postTask(callback: () => void, options: { readonly priority: 'user-blocking' }): Promise<void>;
}

/** A task as soon as the page has nothing more urgent (posted messages wait behind rendering). */
function soon(callback: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler === undefined) setTimeout(callback, 0);
  else void scheduler.postTask(callback, { priority: 'user-blocking' });
}

const md = createMarkdown();
const sanitize = createSanitizer();
let timings: KeyTiming[] = [];
let listening = false;
// The key being handled: its time, when the frame after it started (a window capture keydown
// listener, added after the app's, still runs first, so its animation frame callback is the frame's
// first), and when its handling was done.
let pressed: { at: number; frameAt: number | null; handledAt: number | null } | null = null;

/**
 * Marks the end of the pressed key's handling, after the last listener of one of its events (these
 * are added after the app's, so they run last), its layout done: Chromium runs no task between a
 * key and its frame (DeferRendererTasksAfterInput), so a posted task cannot mark it.
 */
function handled(): void {
  const key = pressed;
  if (key === null || key.frameAt !== null) return;
  queueMicrotask(() => {
    if (key.frameAt !== null) return;
    void document.documentElement.offsetHeight;
    key.handledAt = performance.now();
  });
}

function listen(): void {
  if (listening) return;
  listening = true;
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
        timings.push({ latency: end - key.at - wait, toPaint: end - key.at });
      });
    });
  });
}

const hooks: BenchHooks = {
  render(body) {
    const start = performance.now();
    renderMarkdown(md, body);
    return performance.now() - start;
  },
  renderAndSanitize(body) {
    const start = performance.now();
    sanitize(renderMarkdown(md, body));
    return performance.now() - start;
  },
  startKeys() {
    listen();
    timings = [];
  },
  keys: () => timings,
};
(window as unknown as { postwrightBench: BenchHooks }).postwrightBench = hooks;
