import type { StateCommand } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import {
  cycleHeading,
  insertHorizontalRule,
  setHeading,
  toggleBulletList,
  toggleCodeBlock,
  toggleNumberedList,
  toggleQuote,
  toggleTaskList,
} from './block-format';
import { insertLink, toggleBold, toggleInlineCode, toggleItalic } from './inline-format';

/** One formatting command as the toolbar shows it and the keymap binds it. */
export interface FormattingCommand {
  /** The button's accessible name. */
  readonly name: string;
  /** CodeMirror key notation (`Mod-b`), or null when only the toolbar has it. */
  readonly key: string | null;
  readonly run: StateCommand;
}

/** The toolbar's commands, in its order; `group` breaks mark where a separator goes. */
export const formattingCommands: readonly (readonly FormattingCommand[])[] = [
  [
    { name: 'Bold', key: 'Mod-b', run: toggleBold },
    { name: 'Italic', key: 'Mod-i', run: toggleItalic },
    { name: 'Inline code', key: 'Mod-e', run: toggleInlineCode },
    { name: 'Link', key: 'Mod-k', run: insertLink },
  ],
  [
    // Cycles none, 1, 2, 3; Mod-Alt-1..3 below pick a level directly.
    { name: 'Heading', key: null, run: cycleHeading },
    { name: 'Quote', key: 'Mod-Shift-.', run: toggleQuote },
    { name: 'Bullet list', key: 'Mod-Shift-8', run: toggleBulletList },
    { name: 'Numbered list', key: 'Mod-Shift-7', run: toggleNumberedList },
    { name: 'Task', key: 'Mod-Shift-9', run: toggleTaskList },
  ],
  [
    { name: 'Code block', key: 'Mod-Alt-c', run: toggleCodeBlock },
    { name: 'Horizontal rule', key: null, run: insertHorizontalRule },
  ],
];

/** Heading levels by key: Mod-Alt-1 to 3 set (or, pressed again, remove) a level; Mod-Alt-0 removes. */
const headingKeys = [0, 1, 2, 3].map((level) => ({
  key: `Mod-Alt-${level}`,
  run: setHeading(level),
}));

/**
 * The formatting shortcuts. They must outrank the default keymap, where Mod-i selects the
 * enclosing syntax node.
 */
export function formattingKeymap(): Extension {
  const bound = formattingCommands
    .flat()
    .flatMap((command) =>
      command.key === null ? [] : [{ key: command.key, run: command.run, preventDefault: true }],
    );
  return keymap.of([...bound, ...headingKeys]);
}

/** A key in CodeMirror notation as the platform writes it: `Ctrl+Shift+8`, or `⇧⌘8` on a Mac. */
export function shortcutLabel(key: string, mac: boolean): string {
  const parts = key.split('-');
  const last = parts.pop() ?? '';
  const base = last.length === 1 ? last.toUpperCase() : last;
  const names: Readonly<Record<string, readonly [string, string]>> = {
    Mod: ['Ctrl', '⌘'],
    Ctrl: ['Ctrl', '⌃'],
    Alt: ['Alt', '⌥'],
    Shift: ['Shift', '⇧'],
  };
  // Mac order is ⌃⌥⇧⌘, elsewhere Ctrl+Alt+Shift.
  const order = mac ? ['Ctrl', 'Alt', 'Shift', 'Mod'] : ['Mod', 'Ctrl', 'Alt', 'Shift'];
  const mods = order
    .filter((mod) => parts.includes(mod))
    .map((mod) => names[mod]?.[mac ? 1 : 0] ?? mod);
  return mac ? [...mods, base].join('') : [...mods, base].join('+');
}
