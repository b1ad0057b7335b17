import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';

// Colours are CSS variables so the light and dark themes (styles/app.css, styles/editor.css) both
// apply. Prose tags first, then the tags the fenced-code grammars use.
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
  { tag: t.meta, color: 'var(--syntax-mark)' },
  // A fence's language name (```ts) and a link's reference label.
  { tag: t.labelName, color: 'var(--syntax-mark)' },
  { tag: [t.angleBracket, t.tagName, t.attributeName], color: 'var(--syntax-html)' },
  { tag: t.attributeValue, color: 'var(--syntax-url)' },

  // Code inside fences, in whatever language the fence names.
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: 'var(--code-comment)' },
  {
    tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword],
    color: 'var(--code-keyword)',
  },
  { tag: [t.string, t.special(t.string), t.character], color: 'var(--code-string)' },
  { tag: [t.regexp, t.escape], color: 'var(--code-regexp)' },
  { tag: [t.number, t.bool, t.null, t.atom, t.unit], color: 'var(--code-number)' },
  {
    tag: [t.function(t.variableName), t.function(t.propertyName), t.macroName],
    color: 'var(--code-function)',
  },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--code-type)' },
  {
    tag: [t.definition(t.variableName), t.definition(t.propertyName)],
    color: 'var(--code-definition)',
  },
  { tag: t.propertyName, color: 'var(--code-property)' },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: 'var(--code-punctuation)' },
  { tag: t.invalid, color: 'var(--danger)' },
]);

/** Markdown highlighting in the app's own palette, covering the code in fenced blocks too. */
export function markdownHighlighting(): Extension {
  return syntaxHighlighting(markdownStyle);
}
