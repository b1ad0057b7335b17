// Bundled by editor.bench.ts and added to the app's page, so the bare pipeline can be timed on the
// same text, in the same page, as the app's own measures.
import { createMarkdown, renderMarkdown } from '../../shared/markdown';
import { createSanitizer } from '../../renderer/preview/sanitize';

/** What the bench calls in the page. */
export interface BenchHooks {
  /** Milliseconds for markdown-it to render `body` to HTML, whole. */
  render(body: string): number;
  /** Milliseconds for a whole render plus DOMPurify: what every preview update cost before. */
  renderAndSanitize(body: string): number;
}

const md = createMarkdown();
const sanitize = createSanitizer();
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
};
(window as unknown as { postwrightBench: BenchHooks }).postwrightBench = hooks;
