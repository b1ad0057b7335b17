import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import type { Extension } from '@codemirror/state';

/**
 * Markdown with GitHub's extensions (tables, task lists, strikethrough, autolinks), matching what
 * the preview renders. Brings its own keymap: Enter continues lists and quotes, Backspace removes
 * their markup.
 */
export function markdownSyntax(): Extension {
  return markdown({ base: markdownLanguage });
}
