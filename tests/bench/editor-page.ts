// Bundled by editor.bench.ts and added to the app's page, so the bare pipeline can be timed on the
// same text, in the same page, as the app's own measures; and so key-to-paint can be timed the same
// way in every build (a baseline records its own measure its own way; see key-probe.ts).
import { createMarkdown, renderMarkdown } from '../../shared/markdown';
import { createSanitizer } from '../../renderer/preview/sanitize';
import { installKeyProbe } from './key-probe';
import type { KeyProbe, KeyTiming } from './key-probe';

export type { KeyTiming };

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

const md = createMarkdown();
const sanitize = createSanitizer();
installKeyProbe();
const keyProbe = (window as unknown as { postwrightKeys: KeyProbe }).postwrightKeys;

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
  startKeys: () => keyProbe.start(),
  keys: () => keyProbe.keys(),
};
(window as unknown as { postwrightBench: BenchHooks }).postwrightBench = hooks;
