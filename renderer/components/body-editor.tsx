import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { editorExtensions } from '../editor/extensions';
import { rememberState, restoreState } from '../editor/history-cache';
import type { RestoreFit } from '../editor/history-cache';
import { showLineNumbers } from '../editor/line-numbers';
import { checkSpelling } from '../editor/spellcheck';

/** Props of {@link BodyEditor}. */
export interface BodyEditorProps {
  /** The text the editor starts with; later changes to this prop are ignored (remount to reset). */
  readonly initialText: string;
  /**
   * Which post this is (its path). When the same post was open before with this very text, its
   * undo history and cursor come back.
   */
  readonly cacheKey: string;
  /** Called after every change to the text. */
  readonly onChange: (view: EditorView) => void;
  /** Receives the view once it exists, and `null` when it is gone. */
  readonly onView: (view: EditorView | null) => void;
  readonly lineNumbers: boolean;
  readonly spellcheck: boolean;
  /** More extensions, fixed for the editor's life (read once, at mount). */
  readonly extensions?: Extension;
  /** When a kept state (the post was open before) may come back (read once, at mount). */
  readonly keep?: RestoreFit;
}

/**
 * The CodeMirror editor for a post's body. CodeMirror owns the text; React only mounts it, so a
 * keystroke never re-renders the component tree.
 */
export function BodyEditor({
  initialText,
  cacheKey,
  onChange,
  onView,
  lineNumbers,
  spellcheck,
  extensions = [],
  keep,
}: BodyEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, so the editor (created once) never calls a stale closure.
  const callbacks = useRef({ onChange, onView });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onView };
  });
  // What the editor is created with; later changes to these go through the effects below.
  const initial = useRef({ initialText, cacheKey, lineNumbers, spellcheck, extensions, keep });

  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const start = initial.current;
    const created = new EditorView({
      parent,
      state: restoreState(
        start.cacheKey,
        start.initialText,
        editorExtensions({
          onChange: (v) => callbacks.current.onChange(v),
          lineNumbers: start.lineNumbers,
          spellcheck: start.spellcheck,
          extra: start.extensions,
        }),
        start.keep,
      ),
    });
    view.current = created;
    callbacks.current.onView(created);
    return () => {
      rememberState(start.cacheKey, created.state);
      view.current = null;
      callbacks.current.onView(null);
      created.destroy();
    };
  }, []);

  useEffect(() => {
    const current = view.current;
    if (current !== null) current.dispatch({ effects: showLineNumbers(lineNumbers) });
  }, [lineNumbers]);

  useEffect(() => {
    const current = view.current;
    if (current !== null) current.dispatch({ effects: checkSpelling(spellcheck) });
  }, [spellcheck]);

  return <div className="body-editor" ref={host} />;
}
