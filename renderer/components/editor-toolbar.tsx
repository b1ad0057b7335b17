import type { EditorView } from '@codemirror/view';
import { Fragment, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { formattingCommands, shortcutLabel } from '../editor/formatting';
import type { FormattingCommand } from '../editor/formatting';

/** Props of {@link EditorToolbar}. */
export interface EditorToolbarProps {
  /** The body editor, read when a button is pressed (it is created after the toolbar renders). */
  readonly view: () => EditorView | null;
}

/** A button's face: a letter where a letter says it best, else a 24-unit stroke icon. */
type Glyph = { readonly letter: string; readonly style?: string } | { readonly path: ReactNode };

const glyphs: Readonly<Record<string, Glyph>> = {
  Bold: { letter: 'B', style: 'toolbar-bold' },
  Italic: { letter: 'I', style: 'toolbar-italic' },
  'Inline code': { path: <path d="m9 7-5 5 5 5M15 7l5 5-5 5" /> },
  Link: {
    path: (
      <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
    ),
  },
  Heading: { letter: 'H' },
  Quote: { path: <path d="M5 5v14M10 8h10M10 12h10M10 16h6" /> },
  'Bullet list': {
    path: <path d="M10 6h11M10 12h11M10 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />,
  },
  'Numbered list': {
    path: (
      <path d="M10 6h11M10 12h11M10 18h11M4 5l1.5-1v6M3.5 14.5c.5-1 2.5-1 2.5.5 0 1-2.5 2-2.5 4H6" />
    ),
  },
  Task: { path: <path d="m3 7 2 2 4-4M3 17l2 2 4-4M13 6h8M13 12h8M13 18h8" /> },
  'Code block': { path: <path d="M4 4h16v16H4zM10 9l-3 3 3 3M14 9l3 3-3 3" /> },
  'Horizontal rule': { path: <path d="M3 12h18M8 6h8M8 18h8" /> },
};

function Face({ name }: { readonly name: string }) {
  const glyph = glyphs[name];
  if (glyph === undefined) return <>{name}</>;
  if ('letter' in glyph) {
    return (
      <span className={`toolbar-letter ${glyph.style ?? ''}`} aria-hidden="true">
        {glyph.letter}
      </span>
    );
  }
  return (
    <svg
      className="toolbar-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {glyph.path}
    </svg>
  );
}

const mac = /Mac|iPhone|iPad/.test(navigator.platform);

function titleOf(command: FormattingCommand): string {
  if (command.name === 'Heading') {
    return `Heading: none, 1, 2, 3 (${shortcutLabel('Mod-Alt-1', mac)} to ${shortcutLabel('Mod-Alt-3', mac)})`;
  }
  return command.key === null
    ? command.name
    : `${command.name} (${shortcutLabel(command.key, mac)})`;
}

/**
 * The formatting buttons above the body editor. Pressing one never takes the focus or the
 * selection from the editor, so the command applies to what the author selected and typing goes
 * on. One Tab stop for the whole bar; the arrow keys, Home and End move between its buttons (the
 * ARIA toolbar pattern).
 */
export function EditorToolbar({ view }: EditorToolbarProps) {
  const commands = formattingCommands.flat();
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const run = (command: FormattingCommand) => {
    const editor = view();
    if (editor === null) return;
    command.run(editor);
    editor.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = commands.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? active === last
          ? 0
          : active + 1
        : event.key === 'ArrowLeft'
          ? active === 0
            ? last
            : active - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };

  let index = 0;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting" onKeyDown={onKeyDown}>
      {formattingCommands.map((group, groupIndex) => (
        <Fragment key={groupIndex}>
          {groupIndex > 0 && <span className="toolbar-separator" aria-hidden="true" />}
          {group.map((command) => {
            const at = index++;
            return (
              <button
                key={command.name}
                ref={(element) => {
                  buttons.current[at] = element;
                }}
                type="button"
                className="toolbar-button"
                aria-label={command.name}
                title={titleOf(command)}
                tabIndex={at === active ? 0 : -1}
                // Keeps the editor focused and its selection as it was.
                onMouseDown={(event) => event.preventDefault()}
                onFocus={() => setActive(at)}
                onClick={() => run(command)}
              >
                <Face name={command.name} />
              </button>
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}
