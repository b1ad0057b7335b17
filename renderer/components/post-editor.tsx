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
import { onCodeLanguageLoaded } from '../../shared/markdown';
import { composePost, partsOf } from '../../shared/post-text';
import { assertNever } from '../../shared/result';
import { ok } from '../../shared/result';
import type { AppError, Result } from '../../shared/result';
import type { FieldValue } from '../../shared/document';
import { schemaOrder } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { checkedTextOf } from '../app/checks';
import type { CheckTarget } from '../app/checks';
import { fileAfterSave } from '../app/file-after-save';
import { applyEdits, removed } from '../app/field-edits';
import type { FieldEdits } from '../app/field-edits';
import type { FolderFacts } from '../app/folder-facts';
import { measureFormKeys } from '../app/form-measure';
import { messageOf } from '../app/global-errors';
import { usePostChecks } from '../app/post-checks';
import type { Status } from '../app/status';
import { attachPreviewImages } from '../preview/images';
import { createEditorFeed } from '../editor/editor-feed';
import { handlePreviewClick } from '../preview/links';
import { createPreviewRenderer } from '../preview/preview-renderer';
import type { PreviewRenderer } from '../preview/preview-renderer';
import { createScrollSync } from '../preview/scroll-sync';
import { BodyEditor } from './body-editor';
import { ChecksPanel } from './checks-panel';
import { EditorToolbar } from './editor-toolbar';
import { FrontMatterForm, formPlaces } from './front-matter-form';
import type { FrontMatterFormHandle } from './front-matter-form';
import { RawFrontMatter } from './raw-front-matter';
import type { RawFrontMatterHandle } from './raw-front-matter';
import { LayoutSwitch } from './layout-switch';
import { PublishChecklist } from './publish-checklist';
import { usePublishGuard } from './publish-confirm';
import { SplitView } from './split-view';
import { StatusBar } from './status-bar';

/** Long enough to skip renders while a word is typed, short enough to feel live. */
const previewDelayMs = 60;

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
  /** The folder's schema, for the form (null until loaded). */
  readonly schema: Schema | null;
  /** What the folder's posts use (tags with counts, categories), for the form's suggestions. */
  readonly folder: FolderFacts;
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
  preferences,
  onPreferencesChange,
  schema,
  folder,
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
  const [edits, setEdits] = useState<FieldEdits>(() => new Map());
  const order = useMemo(() => (schema === null ? [] : schemaOrder(schema)), [schema]);
  // Front matter edited as text: TOML, or YAML that does not parse. Null until the author types.
  const [rawText, setRawText] = useState<string | null>(null);
  useLayoutEffect(() => setRawText(null), [saved]);
  const edited = useMemo(() => {
    if (read === null || read.problem !== null) return { text: rawText ?? saved.frontMatter };
    const applied = applyEdits(saved.frontMatter, edits, order);
    // onSetField refuses an edit the core cannot apply, so this holds; the saved text otherwise.
    return { text: applied.ok ? applied.value : saved.frontMatter };
  }, [read, saved, edits, rawText, order]);
  // What the form shows: the front matter as edited.
  const formRead = useMemo(
    () =>
      read === null || read.problem !== null || edited.text === saved.frontMatter
        ? read
        : readFrontMatter(edited.text),
    [read, edited.text, saved],
  );
  // Edits made before the saved text moved on are in it now (our save), or belong to a version
  // another program replaced while the post was clean (adopted): either way they are done.
  const editedBefore = useRef({ saved: saved.frontMatter, edited: edited.text });
  useLayoutEffect(() => {
    const before = editedBefore.current;
    if (
      before.saved !== saved.frontMatter &&
      (before.edited === before.saved || before.edited === saved.frontMatter)
    ) {
      setEdits(new Map());
    }
    editedBefore.current = { saved: saved.frontMatter, edited: edited.text };
  });
  const [bodyDirty, setBodyDirty] = useState(false);
  const dirty = bodyDirty || edited.text !== saved.frontMatter;

  const view = useRef<EditorView | null>(null);
  const form = useRef<FrontMatterFormHandle>(null);
  const raw = useRef<RawFrontMatterHandle>(null);
  const formArea = useRef<HTMLDivElement>(null);
  const article = useRef<HTMLElement>(null);
  const writingPane = useRef<HTMLElement>(null);
  const previewPane = useRef<HTMLElement>(null);
  // A hidden preview is not rendered while typing; it catches up when shown.
  const previewShown = useRef(preferences.layout !== 'editor');
  const renderer = useRef<PreviewRenderer | null>(null);
  const previewTimer = useRef<number | undefined>(undefined);
  const saving = useRef(false);
  // What save() and the editor callbacks read: always the latest render's values.
  const latest = useRef({
    file,
    savedBody: saved.body,
    savedFrontMatter: saved.frontMatter,
    frontMatter: edited.text,
  });
  useLayoutEffect(() => {
    latest.current = {
      file,
      savedBody: saved.body,
      savedFrontMatter: saved.frontMatter,
      frontMatter: edited.text,
    };
  });

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The text a save would write, read only when a check starts.
  const currentText = useCallback(() => {
    const { file: base, savedBody, frontMatter } = latest.current;
    const body = view.current?.state.doc.toString() ?? savedBody;
    return checkedTextOf(base, { frontMatter, body });
  }, []);
  const {
    checks,
    problems,
    values,
    schema: checkSchema,
    configProblems,
    schedule,
  } = usePostChecks(api, file, edited.text, currentText);
  const { guard: guardPublish, dialog: publishDialog } = usePublishGuard({
    values,
    problems,
    schema: checkSchema,
  });
  const places = useMemo(() => formPlaces(file, read), [file, read]);

  // After a save the saved body moves on; the editor may hold more typing than was saved.
  useLayoutEffect(() => {
    if (view.current !== null) setBodyDirty(bodyDiffers(view.current, saved.body));
  }, [saved]);

  useEffect(() => () => window.clearTimeout(previewTimer.current), []);

  useEffect(() => {
    const area = formArea.current;
    return area === null ? undefined : measureFormKeys(area);
  }, []);

  const renderPreview = useCallback(() => {
    const target = article.current;
    const current = view.current;
    if (target === null || current === null || !previewShown.current) return;
    attachPreviewImages(target, api, latest.current.file.path);
    renderer.current ??= createPreviewRenderer(target);
    renderer.current.show(current.state.doc.toString());
  }, [api]);

  useLayoutEffect(() => {
    previewShown.current = preferences.layout !== 'editor';
    renderPreview();
  }, [preferences.layout, renderPreview]);

  useEffect(() => {
    const [editorSide, previewSide, target] = [
      writingPane.current,
      previewPane.current,
      article.current,
    ];
    if (editorSide === null || previewSide === null || target === null) return;
    const sync = createScrollSync({
      writingPane: editorSide,
      previewPane: previewSide,
      preview: target,
      view: () => view.current,
    });
    return () => sync.destroy();
  }, []);

  // Code blocks are highlighted once their language has loaded (on demand): render again then.
  useEffect(() => onCodeLanguageLoaded(renderPreview), [renderPreview]);

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
      window.clearTimeout(previewTimer.current);
      previewTimer.current = window.setTimeout(renderPreview, previewDelayMs);
      schedule();
    },
    [renderPreview, schedule],
  );

  // Each form edit is tried on the saved text with the edits so far, so a refused one is reported
  // at its field and never kept.
  const latestEdits = useRef(edits);
  useLayoutEffect(() => {
    latestEdits.current = edits;
  });
  const commitEdit = useCallback(
    (key: string, value: FieldValue | typeof removed): Result<null> => {
      const next = new Map(latestEdits.current).set(key, value);
      const applied = applyEdits(latest.current.savedFrontMatter, next, order);
      if (!applied.ok) return applied;
      latestEdits.current = next;
      setEdits(next);
      // The check runs after the pause, by when the render has composed the new front matter.
      schedule();
      return ok(null);
    },
    [order, schedule],
  );
  const onSetField = useCallback(
    (key: string, value: FieldValue): Result<null> => {
      // Publishing a post with errors asks first; the edit is applied only if the author agrees
      // (then later, so what the field hears now is that nothing went wrong).
      let result: Result<null> = ok(null);
      guardPublish(key, value, () => {
        result = commitEdit(key, value);
      });
      return result;
    },
    [commitEdit, guardPublish],
  );
  const onRemoveField = useCallback(
    (key: string) => {
      commitEdit(key, removed);
    },
    [commitEdit],
  );
  const currentBody = useCallback(
    () => view.current?.state.doc.toString() ?? latest.current.savedBody,
    [],
  );
  const openUrl = useCallback(
    (url: string) => {
      if (api.platform === 'desktop') {
        void api.openExternal(url).then((result) => {
          if (!result.ok)
            onStatus({ tone: 'error', text: `Could not open the link: ${result.error.message}` });
        });
      } else {
        window.open(url, '_blank', 'noopener,noreferrer');
      }
    },
    [api, onStatus],
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
        raw.current?.focusLine(target.line);
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

  // The toolbar and status bar follow the editor without re-rendering this component per keystroke.
  const feed = useMemo(createEditorFeed, []);
  const getView = useCallback(() => view.current, []);

  const reportLinkError = useCallback(
    (message: string) => onStatus({ tone: 'error', text: `Could not open the link: ${message}` }),
    [onStatus],
  );

  return (
    <SplitView
      className="post-editor"
      layout={preferences.layout}
      ratio={preferences.splitRatio}
      onRatioCommit={(splitRatio) => onPreferencesChange({ splitRatio })}
      bar={
        <LayoutSwitch
          layout={preferences.layout}
          onChange={(layout) => onPreferencesChange({ layout })}
        />
      }
    >
      <section className="writing-pane" aria-label="Editor" ref={writingPane}>
        <div className="writing-column">
          <RawFrontMatter
            ref={raw}
            file={file}
            savedText={saved.frontMatter}
            read={read}
            rawText={rawText}
            onRawEdit={onRawEdit}
          />
          <div className="front-matter-area" ref={formArea}>
            <FrontMatterForm
              ref={form}
              file={file}
              text={edited.text}
              read={formRead}
              readOnly={false}
              problems={problems}
              body={currentBody}
              onSetField={onSetField}
              onRemoveField={onRemoveField}
              schema={schema}
              folder={folder}
              onOpenUrl={openUrl}
              api={api}
            />
          </div>
          <PublishChecklist schema={checkSchema} problems={problems} values={values} />
          <ChecksPanel
            checks={checks}
            configProblems={configProblems}
            places={places}
            onGo={goTo}
            expanded={checksExpanded}
            onExpandedChange={onChecksExpandedChange}
          />
          <EditorToolbar view={getView} />
          <BodyEditor
            initialText={saved.body}
            cacheKey={file.path}
            onChange={onChange}
            onView={onView}
            lineNumbers={preferences.lineNumbers}
            spellcheck={preferences.spellcheck}
            extensions={feed.extension}
          />
          <StatusBar
            feed={feed}
            lineNumbers={preferences.lineNumbers}
            spellcheck={preferences.spellcheck}
            onPreferencesChange={onPreferencesChange}
          />
        </div>
        {publishDialog}
      </section>
      <section className="preview-pane" ref={previewPane}>
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
    </SplitView>
  );
}
