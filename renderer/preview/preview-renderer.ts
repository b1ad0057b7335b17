import { createMarkdown } from '../../shared/markdown';
import { afterNextPaint } from './after-paint';
import { rewriteImages } from './images';
import { createIncrementalPreview } from './incremental-preview';
import type { UpdateStats } from './incremental-preview';
import { measurePostOpened } from './open-measure';
import { createSanitizer } from './sanitize';

/** The name of the `performance.measure` entry for one preview update, read by benchmarks. */
export const previewMeasure = 'postwright:preview';

/** What a `postwright:preview` measure carries besides its span (edit to patched DOM). */
export interface PreviewMeasureDetail extends UpdateStats {
  /** Milliseconds spent rendering, sanitizing and patching, without the wait before. */
  readonly work: number;
}

/** HTML shown at once when a post opens (a few screens); the rest follows this much a frame. */
const firstRenderChars = 30_000;

/** Renders a post body into one element. */
export interface PreviewRenderer {
  /**
   * Shows `body`. `since` is when the oldest edit it includes was made (`performance.now()`
   * time), so the measure spans from the edit to the patched DOM; by default, now.
   * Returns how long the update took, in milliseconds.
   */
  show(body: string, since?: number): number;
  /** Renders every block again on the next `show` (the same text now renders differently). */
  forget(): void;
}

/** Renders with the shared Markdown pipeline, sanitizes, and patches only what changed. */
export function createPreviewRenderer(target: HTMLElement): PreviewRenderer {
  const md = createMarkdown();
  const sanitizeHtml = createSanitizer();
  const sanitize = (html: string): DocumentFragment => {
    // Everything new in an update passes here once, as one fragment, before it is patched in.
    return rewriteImages(sanitizeHtml(html), target);
  };
  const preview = createIncrementalPreview(target, { md, sanitize, firstRenderChars });
  let first = true;
  // Whether the rest of an unfinished render is already scheduled.
  let finishing = false;
  return {
    forget: () => preview.forget(),
    show(body, since) {
      const start = performance.now();
      const stats = preview.update(body);
      const end = performance.now();
      const detail: PreviewMeasureDetail = { ...stats, work: end - start };
      performance.measure(previewMeasure, { start: since ?? start, end, detail });
      if (first) {
        first = false;
        afterNextPaint(measurePostOpened);
      }
      // A long post (or one rendered again after a code language loaded): the rest of it after
      // its top is on screen, a few screens at a time after each paint, so a key pressed
      // meanwhile waits for one piece at most (the next update shows what is left at once).
      if (preview.unfinished && !finishing) {
        finishing = true;
        const step = (): void => {
          const rest = performance.now();
          const patched = preview.finish(firstRenderChars);
          const done = performance.now();
          if (patched > 0) {
            const restDetail: PreviewMeasureDetail = {
              mode: 'full',
              rendered: 0,
              patched,
              work: done - rest,
            };
            performance.measure(previewMeasure, { start: rest, end: done, detail: restDetail });
          }
          if (preview.unfinished) afterNextPaint(step);
          else finishing = false;
        };
        afterNextPaint(step);
      }
      return end - start;
    },
  };
}
