import { afterNextPaint } from './after-paint';

/**
 * Up to this many milliseconds of work, a render runs with the edit, before the frame: the preview
 * changes in the same frame as the editor. A budget small enough that the keystroke keeps its
 * (16 ms) frame.
 */
const withEditBudgetMs = 3;
/**
 * Nor longer posts than this many characters: a longer preview's style and layout, which the
 * frame does after the patch, cost the keystroke more than the render itself (a 200 KB post: its
 * keystroke p95 went from 12.7 to 17.9 ms with the render before the frame).
 */
const withEditMaxChars = 50_000;
/** Up to this many milliseconds of work, a render runs just after the editor's next paint. */
const afterPaintBudgetMs = 25;
/** Slower renders wait for a pause in typing this long, as every render used to. */
const debounceMs = 60;

/** When the preview renders after an edit. */
export interface PreviewSchedule {
  /** Asks for a render of the current text, `length` characters long (an edit was just made). */
  request(length: number): void;
  /** Drops a pending render (the editor is going away). */
  cancel(): void;
}

/**
 * Schedules preview renders by what they have been costing. `render` gets the time of the oldest
 * edit not yet shown (for the measure) and returns the milliseconds its work took.
 * - Cheap renders of posts of usual length (the incremental preview: a block re-rendered, a
 *   millisecond or two) run with the edit, in a microtask once the editor's own update is done, so
 *   editor and preview change in the same frame; edits made in one task are shown together.
 * - Renders up to about a frame (the incremental preview: a block or two) run just after the
 *   editor's next paint, never before it, so the keystroke shows first and its frame holds none
 *   of the preview's work; edits made meanwhile are shown together.
 * - Slower ones (every block again, on a very long post) wait for a pause in typing.
 */
export function createPreviewSchedule(render: (since: number) => number): PreviewSchedule {
  const channel = new MessageChannel();
  // The most recent renders' cost: the worst of the last few, so one lucky render does not switch
  // a slow post to a render after every paint.
  const recent: number[] = [];
  let since: number | null = null;
  let timer: number | undefined;
  let queued = false;
  let generation = 0;

  const run = (): void => {
    queued = false;
    window.clearTimeout(timer);
    timer = undefined;
    if (since === null) return;
    const edited = since;
    since = null;
    recent.push(render(edited));
    if (recent.length > 3) recent.shift();
  };
  channel.port1.onmessage = run;

  return {
    request(length) {
      since ??= performance.now();
      const cost = recent.length === 0 ? 0 : Math.max(...recent);
      if (cost <= withEditBudgetMs && length <= withEditMaxChars) {
        if (queued) return;
        queued = true;
        const current = generation;
        queueMicrotask(() => {
          if (current === generation) run();
        });
        return;
      }
      if (cost > afterPaintBudgetMs) {
        window.clearTimeout(timer);
        timer = window.setTimeout(run, debounceMs);
        return;
      }
      if (queued) return;
      queued = true;
      const current = generation;
      // Posted from after the paint, so it queues behind what others posted for that moment
      // (the keystroke measure): the render is not counted as the keystroke's.
      afterNextPaint(() => {
        if (current === generation) channel.port2.postMessage(null);
      });
    },
    cancel() {
      generation++;
      since = null;
      queued = false;
      window.clearTimeout(timer);
      channel.port1.close();
    },
  };
}
