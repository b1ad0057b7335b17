import markdownIt from 'markdown-it';
import type { MarkdownIt } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';
import {
  codeLanguageReady,
  fenceLanguage,
  highlightCodeHtml,
  loadCodeLanguage,
} from './highlight-code';

export { onCodeLanguageLoaded } from './highlight-code';
import { taskListPlugin } from './task-lists';

/** The attribute that carries a block's 1-based line in the Markdown body, for scroll sync. */
export const sourceLineAttribute = 'data-source-line';

/**
 * Adds `data-source-line` (1-based body line) to every block token that opens an element. It is a
 * core rule rather than a renderer rule so every block renderer, default or plugin, emits it.
 * Footnote bodies are left out: they render at the end of the article but come from anywhere in
 * the source, and scroll sync needs lines that only grow down the page.
 */
export function sourceLinePlugin(md: MarkdownIt): void {
  md.core.ruler.push('source_line', (state) => {
    let inFootnotes = false;
    for (const token of state.tokens) {
      if (token.type === 'footnote_block_open') inFootnotes = true;
      if (token.type === 'footnote_block_close') inFootnotes = false;
      if (inFootnotes || !token.block || token.map === null) continue;
      // Closing tokens carry no map; inline and raw HTML tokens render no attributes of their own.
      if (token.nesting === -1 || token.type === 'inline' || token.type === 'html_block') continue;
      token.attrSet(sourceLineAttribute, String(token.map[0] + 1));
    }
  });
}

/**
 * GitHub's heading ids, which most blog engines follow: lower case, punctuation dropped, spaces
 * to dashes (`## What's new?` is `#whats-new`). markdown-it-anchor numbers repeats (`-1`, `-2`).
 */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * The one Markdown pipeline: the preview, the CLI's `render` and export all use it, so a post
 * looks the same everywhere. CommonMark with tables, strikethrough, task lists, footnotes, heading
 * ids and highlighted code. Raw HTML is allowed because blog posts use it; whoever shows the
 * output in a browser must sanitize it.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({
    html: true,
    linkify: true,
    typographer: false,
    // Escaped HTML only (see highlightCodeHtml); markdown-it wraps it in <pre><code>. A fence
    // whose language has not loaded yet renders plain until `onCodeLanguageLoaded` fires.
    highlight: (code, info) => highlightCodeHtml(code, fenceLanguage(info)),
  });
  md.use(taskListPlugin);
  md.use(footnote);
  md.use(anchor, { slugify, tabIndex: false });
  md.use(sourceLinePlugin);
  return md;
}

/**
 * Loads the grammars for every fenced code block in `body`, so the next render highlights them.
 * Resolves true when a grammar became available that was not before (a render now would differ).
 * `postwright render` awaits it before rendering.
 */
export async function codeLanguagesLoaded(body: string): Promise<boolean> {
  const names = new Set<string>();
  const collect = (tokens: ReturnType<MarkdownIt['parse']>): void => {
    for (const token of tokens) {
      if (token.type === 'fence') names.add(fenceLanguage(token.info));
      if (token.children !== null) collect(token.children);
    }
  };
  collect(fenceParser.parse(body, {}));
  names.delete('');
  const missing = [...names].filter((name) => !codeLanguageReady(name));
  const loaded = await Promise.all(missing.map((name) => loadCodeLanguage(name)));
  return loaded.includes(true);
}

// Only finds fences: no plugins, no HTML, nothing rendered.
const fenceParser = markdownIt('commonmark');

/** Renders a post body to HTML (unsanitized). */
export function renderMarkdown(md: MarkdownIt, body: string): string {
  return md.render(body);
}
