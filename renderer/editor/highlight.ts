import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';

// Colours are CSS variables so the light and dark themes (styles/app.css) both apply.
const markdownStyle = HighlightStyle.define([
  { tag: t.heading1, fontWeight: '700', fontSize: '1.25em', color: 'var(--syntax-heading)' },
  { tag: t.heading2, fontWeight: '700', fontSize: '1.12em', color: 'var(--syntax-heading)' },
  {
    tag: [t.heading3, t.heading4, t.heading5, t.heading6],
    fontWeight: '700',
    color: 'var(--syntax-heading)',
  },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: t.link, color: 'var(--syntax-link)' },
  { tag: t.url, color: 'var(--syntax-url)', textDecoration: 'underline' },
  { tag: t.monospace, color: 'var(--syntax-code)' },
  { tag: t.quote, color: 'var(--syntax-quote)', fontStyle: 'italic' },
  // The marks themselves (#, *, `, >, list bullets) recede so the words stand out.
  { tag: [t.processingInstruction, t.contentSeparator], color: 'var(--syntax-mark)' },
  { tag: [t.meta, t.comment], color: 'var(--syntax-mark)' },
  { tag: [t.angleBracket, t.tagName, t.attributeName], color: 'var(--syntax-html)' },
  { tag: t.attributeValue, color: 'var(--syntax-url)' },
]);

/** Markdown highlighting in the app's own palette. */
export function markdownHighlighting(): Extension {
  return syntaxHighlighting(markdownStyle);
}
