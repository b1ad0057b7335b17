import markdownIt from 'markdown-it';
import type { MarkdownIt } from 'markdown-it';

/** The attribute that carries a block's 1-based line in the Markdown body, for scroll sync. */
export const sourceLineAttribute = 'data-source-line';

/**
 * Adds `data-source-line` (1-based body line) to every block token that opens an element. It is a
 * core rule rather than a renderer rule so every block renderer, default or plugin, emits it.
 */
export function sourceLinePlugin(md: MarkdownIt): void {
  md.core.ruler.push('source_line', (state) => {
    for (const token of state.tokens) {
      if (!token.block || token.map === null) continue;
      // Closing tokens carry no map; inline and raw HTML tokens render no attributes of their own.
      if (token.nesting === -1 || token.type === 'inline' || token.type === 'html_block') continue;
      token.attrSet(sourceLineAttribute, String(token.map[0] + 1));
    }
  });
}

/**
 * The one Markdown pipeline: the preview, the CLI's `render` and export all use it, so a post
 * looks the same everywhere. Raw HTML is allowed because blog posts use it; whoever shows the
 * output in a browser must sanitize it.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: true, linkify: true, typographer: false });
  md.use(sourceLinePlugin);
  return md;
}

/** Renders a post body to HTML (unsanitized). */
export function renderMarkdown(md: MarkdownIt, body: string): string {
  return md.render(body);
}
