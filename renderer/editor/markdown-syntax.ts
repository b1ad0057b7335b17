import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { languages } from '@codemirror/language-data';
import type { Extension } from '@codemirror/state';

/**
 * Markdown with GitHub's extensions (tables, task lists, strikethrough, autolinks), matching what
 * the preview renders. Fenced code is highlighted in its own language: `languages` only names
 * them, and a grammar is loaded (a separate chunk) the first time a fence asks for it, so a post
 * without code pays nothing. Brings its own keymap: Enter continues lists and quotes, renumbering
 * ordered lists; Backspace removes their markup.
 */
export function markdownSyntax(): Extension {
  return markdown({ base: markdownLanguage, codeLanguages: languages });
}
