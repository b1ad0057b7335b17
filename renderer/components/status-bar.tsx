import type { EditorState } from '@codemirror/state';
import { useEffect, useState } from 'react';
import type { Preferences } from '../../shared/api';
import { documentStats } from '../editor/document-stats';
import type { DocumentStats } from '../editor/document-stats';
import type { EditorFeed } from '../editor/editor-feed';
import { createQuietTimer } from '../app/quiet-timer';

/**
 * Counting parses the whole text as Markdown (about 40 ms for a 200 KB post), so it waits for a
 * pause in typing, a longer one in a long post, and then for the browser to be idle: a keystroke
 * that lands during a count waits for it.
 */
function countDelayMs(length: number): number {
  return length > 50_000 ? 750 : 150;
}

/** Props of {@link StatusBar}. */
export interface StatusBarProps {
  /** The body editor's cursor moves and edits. */
  readonly feed: EditorFeed;
  readonly lineNumbers: boolean;
  readonly spellcheck: boolean;
  readonly onPreferencesChange: (change: Partial<Preferences>) => void;
}

interface Cursor {
  readonly line: number;
  readonly column: number;
  /** Characters in the main selection. */
  readonly selected: number;
  /** How many cursors and selections there are. */
  readonly ranges: number;
}

function cursorOf(state: EditorState): Cursor {
  const main = state.selection.main;
  const line = state.doc.lineAt(main.head);
  return {
    line: line.number,
    column: main.head - line.from + 1,
    selected: main.to - main.from,
    ranges: state.selection.ranges.length,
  };
}

const numbers = new Intl.NumberFormat();

function plural(count: number, one: string, many: string): string {
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}

/**
 * Below the body editor: words, characters, reading time and where the cursor is, and the
 * switches for line numbers and spelling. The cursor position follows just after the editor's
 * next paint (the feed reports then, so this render is never a keystroke's work); the counts parse
 * the whole text, so they wait for a pause in typing. Not a live region: a screen reader reads it
 * when asked, not on every keystroke.
 */
export function StatusBar({ feed, lineNumbers, spellcheck, onPreferencesChange }: StatusBarProps) {
  const [cursor, setCursor] = useState<Cursor>({ line: 1, column: 1, selected: 0, ranges: 1 });
  const [stats, setStats] = useState<DocumentStats | null>(null);

  useEffect(() => {
    let idle: number | undefined;
    let counted: EditorState | null = null;
    const pause = createQuietTimer(() => {
      const state = counted;
      if (state === null) return;
      idle = window.requestIdleCallback(() => setStats(documentStats(state.doc.toString())), {
        timeout: 1000,
      });
    }, 0);
    const count = (state: EditorState, delay: number) => {
      counted = state;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      idle = undefined;
      pause.poke(delay);
    };
    const follow = (state: EditorState, docChanged: boolean) => {
      setCursor(cursorOf(state));
      if (docChanged) count(state, countDelayMs(state.doc.length));
    };
    const unsubscribe = feed.subscribe(follow);
    // The editor may have reported its first state before this subscribed.
    const first = feed.current();
    if (first !== null) {
      setCursor(cursorOf(first));
      count(first, 0);
    }
    return () => {
      unsubscribe();
      pause.cancel();
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, [feed]);

  return (
    <footer className="status-bar">
      <div className="status-stats" role="group" aria-label="Post statistics">
        {stats !== null && (
          <>
            <span>{plural(stats.words, 'word', 'words')}</span>
            <span>{plural(stats.characters, 'character', 'characters')}</span>
            <span>{stats.readingTime}</span>
          </>
        )}
        <span className="status-cursor">
          Ln {numbers.format(cursor.line)}, Col {numbers.format(cursor.column)}
          {cursor.selected > 0 && ` (${numbers.format(cursor.selected)} selected)`}
          {cursor.ranges > 1 && ` · ${cursor.ranges} cursors`}
        </span>
      </div>
      <div className="status-toggles" role="group" aria-label="Editor options">
        <button
          type="button"
          className="status-toggle"
          aria-pressed={lineNumbers}
          onClick={() => onPreferencesChange({ lineNumbers: !lineNumbers })}
        >
          Line numbers
        </button>
        <button
          type="button"
          className="status-toggle"
          aria-pressed={spellcheck}
          onClick={() => onPreferencesChange({ spellcheck: !spellcheck })}
        >
          Spelling
        </button>
      </div>
    </footer>
  );
}
