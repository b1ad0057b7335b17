import { createMarkdown, renderMarkdown } from '../../shared/markdown';
import { rewriteImages } from './images';
import { patchChildren } from './patch-dom';
import { createSanitizer } from './sanitize';

/** The name of the `performance.measure` entry for one preview update, read by benchmarks. */
export const previewMeasure = 'postwright:preview';

/** Renders a post body into one element. */
export interface PreviewRenderer {
  show(body: string): void;
}

/** Renders with the shared Markdown pipeline, sanitizes, and patches only what changed. */
export function createPreviewRenderer(target: HTMLElement): PreviewRenderer {
  const md = createMarkdown();
  const sanitize = createSanitizer();
  const startMark = `${previewMeasure}:start`;
  return {
    show(body) {
      performance.mark(startMark);
      patchChildren(target, rewriteImages(sanitize(renderMarkdown(md, body)), target));
      performance.measure(previewMeasure, startMark);
      performance.clearMarks(startMark);
    },
  };
}
