import { Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Ref } from 'react';
import type { Api, PostFile, Preferences } from '../../shared/api';
import { readFrontMatter } from '../../shared/front-matter';
import { composePost, partsOf } from '../../shared/post-text';
import { assertNever } from '../../shared/result';
import type { AppError } from '../../shared/result';
import { checkedTextOf } from '../app/checks';
import type { CheckTarget } from '../app/checks';
import { fileAfterSave } from '../app/file-after-save';
import { applyFieldEdits } from '../app/front-matter-edits';
import { messageOf } from '../app/global-errors';
import { usePostChecks } from '../app/post-checks';
import type { Status } from '../app/status';
import { handlePreviewClick } from '../preview/links';
import { createPreviewRenderer } from '../preview/preview-renderer';
import type { PreviewRenderer } from '../preview/preview-renderer';
import { createPreviewSchedule } from '../preview/preview-schedule';
import type { PreviewSchedule } from '../preview/preview-schedule';
import { BodyEditor } from './body-editor';
import { ChecksPanel } from './checks-panel';
import { FrontMatterForm, formPlaces } from './front-matter-form';
import type { FrontMatterFormHandle } from './front-matter-form';

/** What the app can ask of the open post. */
export interface PostEditorHandle {
  /**
   * Saves the post if it has changes; reports the outcome through `onStatus`. `overVersion` saves
   * over that version on disk instead of the one opened ("keep mine" after another program's edit).
   */
  save(overVersion?: string): Promise<void>;
  /** The text a save would write now. */
  currentText(): string;
  /**
   * Takes a newer version of the post from disk into the editor (no unsaved edits): only the
   * changed text is replaced, so the cursor, selection and scroll stay where they were.
   */
  adopt(file: PostFile): void;
}

/** Props of {@link PostEditor}. */
export interface PostEditorProps {
  readonly api: Api;
  /** The post as last read or saved. Mount a new PostEditor (a new `key`) for another post. */
  readonly file: PostFile;
  readonly onDirtyChange: (dirty: boolean) => void;
  /** After a save, with the file as it now is on disk. */
  readonly onSaved: (file: PostFile) => void;
  readonly onStatus: (status: Status) => void;
  /** Whether the Checks list is shown; kept by the app so it stays as set from post to post. */
  readonly checksExpanded: boolean;
  readonly onChecksExpandedChange: (expanded: boolean) => void;
  /** The user's preferences (layout, line numbers, spellcheck ...), and how to change them. */
  readonly preferences: Preferences;
  readonly onPreferencesChange: (change: Partial<Preferences>) => void;
  readonly ref?: Ref<PostEditorHandle>;
}

function bodyDiffers(view: EditorView, saved: string): boolean {
  const doc = view.state.doc;
  return doc.length !== saved.length || doc.toString() !== saved;
}

function saveErrorStatus(error: AppError): Status {
  if (error.kind === 'conflict') {
    return {
      tone: 'error',
      text: 'This post changed on disk since you opened it; your text is still here and nothing was written. Copy what you need, then reopen the post.',
    };
  }
  return { tone: 'error', text: `Not saved: ${error.message}. Your text is still here.` };
}

/**
 * One open post: its front matter form, its checks and its body editor, beside the live preview.
 * Holds the front matter edits and whether anything is unsaved; the body text lives in CodeMirror.
 */
export function PostEditor({
  api,
  file,
  onDirtyChange,
  onSaved,
  onStatus,
  checksExpanded,
  onChecksExpandedChange,
  ref,
}: PostEditorProps) {
  const saved = useMemo(() => partsOf(file), [file]);
  const read = useMemo(
    () =>
      file.split.format === 'yaml' && file.split.error === null
        ? readFrontMatter(saved.frontMatter)
        : null,
    [file, saved],
  );
  const [edits, setEdits] = useState<ReadonlyMap<string, string>>(() => new Map());
  // Front matter edited as text: TOML, or YAML that does not parse. Null until the author types.
  const [rawText, setRawText] = useState<string | null>(null);
  useLayoutEffect(() => setRawText(null), [saved]);
  const edited = useMemo(
    () =>
      read === null || read.problem !== null
        ? { text: rawText ?? saved.frontMatter, errors: new Map<string, string>() }
        : applyFieldEdits(saved.frontMatter, read.fields, edits),
    [read, saved, edits, rawText],
  );
  const [bodyDirty, setBodyDirty] = useState(false);
  const dirty = bodyDirty || edited.text !== saved.frontMatter;

  const view = useRef<EditorView | null>(null);
  const form = useRef<FrontMatterFormHandle>(null);
  const article = useRef<HTMLElement>(null);
  const renderer = useRef<PreviewRenderer | null>(null);
  const previewSchedule = useRef<PreviewSchedule | null>(null);
  const saving = useRef(false);
  // What save() and the editor callbacks read: always the latest render's values.
  const latest = useRef({ file, savedBody: saved.body, frontMatter: edited.text });
  useLayoutEffect(() => {
    latest.current = { file, savedBody: saved.body, frontMatter: edited.text };
  });

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The text a save would write, read only when a check starts.
  const currentText = useCallback(() => {
    const { file: base, savedBody, frontMatter } = latest.current;
    const body = view.current?.state.doc.toString() ?? savedBody;
    return checkedTextOf(base, { frontMatter, body });
  }, []);
  const { checks, configProblems, schedule } = usePostChecks(api, file.path, currentText);
  const places = useMemo(() => formPlaces(file, read), [file, read]);

  // After a save the saved body moves on; the editor may hold more typing than was saved.
  useLayoutEffect(() => {
    if (view.current !== null) setBodyDirty(bodyDiffers(view.current, saved.body));
  }, [saved]);

  useEffect(() => () => previewSchedule.current?.cancel(), []);

  // Returns how long the render took, which decides how soon the next one runs.
  const renderPreview = useCallback((since?: number) => {
    const target = article.current;
    const current = view.current;
    if (target === null || current === null) return 0;
    renderer.current ??= createPreviewRenderer(target);
    return renderer.current.show(current.state.doc.toString(), since);
  }, []);

  const onView = useCallback(
    (next: EditorView | null) => {
      view.current = next;
      if (next !== null) renderPreview();
    },
    [renderPreview],
  );

  const onChange = useCallback(
    (changed: EditorView) => {
      setBodyDirty(bodyDiffers(changed, latest.current.savedBody));
      previewSchedule.current ??= createPreviewSchedule(renderPreview);
      previewSchedule.current.request();
      schedule();
    },
    [renderPreview, schedule],
  );

  const onEdit = useCallback(
    (key: string, value: string) => {
      setEdits((previous) => new Map(previous).set(key, value));
      // The check runs after the pause, by when the render has composed the new front matter.
      schedule();
    },
    [schedule],
  );
  const onRawEdit = useCallback(
    (text: string) => {
      setRawText(text);
      schedule();
    },
    [schedule],
  );

  const goTo = useCallback((target: CheckTarget) => {
    switch (target.kind) {
      case 'body': {
        const current = view.current;
        if (current === null) return;
        const doc = current.state.doc;
        // The check may be a few keystrokes old: a line that has gone since means the last one.
        const line = doc.line(Math.min(Math.max(target.line, 1), doc.lines));
        current.dispatch({
          selection: { anchor: line.from },
          effects: EditorView.scrollIntoView(line.from, { y: 'center' }),
        });
        current.focus();
        return;
      }
      case 'field':
        form.current?.focusField(target.key);
        return;
      case 'front-matter':
        form.current?.focusLine(target.line);
        return;
      default:
        assertNever(target);
    }
  }, []);

  const save = useCallback(
    async (overVersion?: string) => {
      const current = view.current;
      if (saving.current || current === null) return;
      const { file: base, frontMatter } = latest.current;
      const parts = { frontMatter, body: current.state.doc.toString() };
      const text = composePost(base, parts);
      if (text === base.text) {
        onStatus({ tone: 'info', text: 'No changes to save' });
        return;
      }
      saving.current = true;
      onStatus({ tone: 'busy', text: 'Saving…' });
      try {
        const result = await api.savePost(base.path, text, overVersion ?? base.version);
        if (!result.ok) {
          onStatus(saveErrorStatus(result.error));
          return;
        }
        // Re-read so the split comes from the Node side; if another program wrote in between, keep
        // what we wrote so the next save is refused as a conflict rather than overwriting theirs.
        const reread = await api.readPost(base.path);
        onSaved(
          reread.ok && reread.value.text === text
            ? reread.value
            : fileAfterSave(base, parts, text, result.value.version),
        );
      } catch (error) {
        onStatus({
          tone: 'error',
          text: `Not saved: ${messageOf(error)}. Your text is still here.`,
        });
      } finally {
        saving.current = false;
      }
    },
    [api, onSaved, onStatus],
  );

  const adopt = useCallback((next: PostFile) => {
    const current = view.current;
    if (current === null) return;
    const body = partsOf(next).body;
    // The new text is the saved text now, so the change below does not count as an edit.
    latest.current = { ...latest.current, file: next, savedBody: body };
    const old = current.state.doc.toString();
    let start = 0;
    while (start < old.length && start < body.length && old[start] === body[start]) start++;
    let oldEnd = old.length;
    let newEnd = body.length;
    while (oldEnd > start && newEnd > start && old[oldEnd - 1] === body[newEnd - 1]) {
      oldEnd--;
      newEnd--;
    }
    if (start === oldEnd && start === newEnd) return;
    current.dispatch({
      changes: { from: start, to: oldEnd, insert: body.slice(start, newEnd) },
      // Undo is for the author's own edits, not for another program's.
      annotations: Transaction.addToHistory.of(false),
    });
  }, []);

  useImperativeHandle(ref, () => ({ save, currentText: () => currentText().text, adopt }), [
    save,
    currentText,
    adopt,
  ]);

  const reportLinkError = useCallback(
    (message: string) => onStatus({ tone: 'error', text: `Could not open the link: ${message}` }),
    [onStatus],
  );

  return (
    <div className="post-editor">
      <section className="writing-pane" aria-label="Editor">
        <div className="writing-column">
          <FrontMatterForm
            ref={form}
            file={file}
            savedText={saved.frontMatter}
            read={read}
            edits={edits}
            errors={edited.errors}
            onEdit={onEdit}
            rawText={rawText}
            onRawEdit={onRawEdit}
          />
          <ChecksPanel
            checks={checks}
            configProblems={configProblems}
            places={places}
            onGo={goTo}
            expanded={checksExpanded}
            onExpandedChange={onChecksExpandedChange}
          />
          <BodyEditor initialText={saved.body} onChange={onChange} onView={onView} />
        </div>
      </section>
      <section className="preview-pane">
        <article
          className="preview"
          aria-label="Preview"
          ref={article}
          onClick={(event) =>
            handlePreviewClick(event.nativeEvent, event.currentTarget, api, reportLinkError)
          }
          onAuxClick={(event) =>
            handlePreviewClick(event.nativeEvent, event.currentTarget, api, reportLinkError)
          }
        />
      </section>
    </div>
  );
}
