import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { editorExtensions } from '../editor/extensions';

/** Props of {@link BodyEditor}. */
export interface BodyEditorProps {
  /** The text the editor starts with; later changes to this prop are ignored (remount to reset). */
  readonly initialText: string;
  /** Called after every change to the text. */
  readonly onChange: (view: EditorView) => void;
  /** Receives the view once it exists, and `null` when it is gone. */
  readonly onView: (view: EditorView | null) => void;
}

/**
 * The CodeMirror editor for a post's body. CodeMirror owns the text; React only mounts it, so a
 * keystroke never re-renders the component tree.
 */
export function BodyEditor({ initialText, onChange, onView }: BodyEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  // The latest callbacks, so the editor (created once) never calls a stale closure.
  const callbacks = useRef({ onChange, onView });
  useLayoutEffect(() => {
    callbacks.current = { onChange, onView };
  });
  const initial = useRef(initialText);

  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial.current,
        extensions: editorExtensions({ onChange: (v) => callbacks.current.onChange(v) }),
      }),
    });
    callbacks.current.onView(view);
    return () => {
      callbacks.current.onView(null);
      view.destroy();
    };
  }, []);

  return <div className="body-editor" ref={host} />;
}
