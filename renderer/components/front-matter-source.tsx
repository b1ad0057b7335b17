import { defaultKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { Ref } from 'react';
import type { FrontMatterProblem } from '../../shared/front-matter';
import { accessibleName } from '../editor/accessible-name';
import { markdownHighlighting } from '../editor/highlight';
import { minimalChange } from '../editor/minimal-change';

/** What the post editor can ask of the source view. */
export interface FrontMatterSourceHandle {
  /** Selects a 1-based line of the front matter text and focuses the editor there. */
  focusLine(line: number): void;
}

/** Props of {@link FrontMatterSource}. */
export interface FrontMatterSourceProps {
  /** The current front matter text; a change from elsewhere (form, undo, disk) is shown here. */
  readonly text: string;
  /** YAML gets highlighting and its parse problem inline; TOML is plain text. */
  readonly language: 'yaml' | 'toml';
  /** Why `text` does not parse (line and column in the text), or null. */
  readonly problem: FrontMatterProblem | null;
  /** The file line of the text's first line, so the gutter shows the file's line numbers. */
  readonly firstLine: number;
  /** After the author changed the text here. */
  readonly onChange: (text: string) => void;
  readonly ref?: Ref<FrontMatterSourceHandle>;
}

/** Marks the transactions that show a change made elsewhere, which are not reported back. */
const fromOutside = Annotation.define<boolean>();

function diagnosticsOf(state: EditorState, problem: FrontMatterProblem | null): Diagnostic[] {
  if (problem === null) return [];
  const doc = state.doc;
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(problem.column - 1, 0), line.to);
  // A problem at the end of a line (an unclosed quote) still gets a visible mark.
  const to = from < line.to ? line.to : Math.min(from + 1, doc.length);
  return [{ from, to, severity: 'error', message: problem.message, source: 'YAML' }];
}

/**
 * The raw front matter in a small CodeMirror editor, with the YAML parse problem underlined where
 * it is. It has no undo history of its own: Mod-z here undoes in the post's one history (the post
 * editor routes it), and every change goes out through `onChange` to the front matter state.
 */
export function FrontMatterSource({
  text,
  language,
  problem,
  firstLine,
  onChange,
  ref,
}: FrontMatterSourceProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange });
  useLayoutEffect(() => {
    latest.current = { onChange };
  });
  const initial = useRef({ text, language, firstLine });

  useLayoutEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const start = initial.current;
    const created = new EditorView({
      parent,
      state: EditorState.create({
        doc: start.text,
        extensions: [
          lineNumbers({ formatNumber: (n) => String(n + start.firstLine - 1) }),
          start.language === 'yaml' ? yaml() : [],
          markdownHighlighting(),
          keymap.of(defaultKeymap),
          EditorView.lineWrapping,
          accessibleName('Front matter source'),
          EditorView.contentAttributes.of({ spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromOutside)))
              latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      view.current = null;
      created.destroy();
    };
  }, []);

  // A change from elsewhere replaces only what changed, so the cursor stays where it was; the
  // author's own typing comes back as the text this editor already holds, and changes nothing.
  useLayoutEffect(() => {
    const current = view.current;
    if (current === null) return;
    const change = minimalChange(current.state.doc.toString(), text);
    if (change !== null) current.dispatch({ changes: change, annotations: fromOutside.of(true) });
  }, [text]);

  useLayoutEffect(() => {
    const current = view.current;
    if (current === null) return;
    current.dispatch(
      setDiagnostics(
        current.state,
        diagnosticsOf(current.state, language === 'yaml' ? problem : null),
      ),
    );
  }, [text, problem, language]);

  useImperativeHandle(
    ref,
    () => ({
      focusLine(line) {
        const current = view.current;
        if (current === null) return;
        const doc = current.state.doc;
        const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
        current.dispatch({
          selection: { anchor: target.from, head: target.to },
          effects: EditorView.scrollIntoView(target.from, { y: 'center' }),
        });
        current.focus();
      },
    }),
    [],
  );

  return <div className="front-matter-source" ref={host} />;
}
