import { redo, undo } from '@codemirror/commands';
import { Transaction } from '@codemirror/state';
import type { EditorState, Extension, Text } from '@codemirror/state';
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
import type { KeyboardEvent, Ref } from 'react';
import { flushSync } from 'react-dom';
import type { Api, FolderSchema, PostFile, Preferences, Problem } from '../../shared/api';
import type { FieldValue } from '../../shared/document';
import { onCodeLanguageLoaded } from '../../shared/markdown';
import { composePost, fileLineOfFrontMatterLine, partsOf } from '../../shared/post-text';
import { assertNever, fail, ok } from '../../shared/result';
import type { AppError, Result } from '../../shared/result';
import { schemaOrder } from '../../shared/schema';
import { checkedTextOf } from '../app/checks';
import type { CheckTarget } from '../app/checks';
import { fileAfterSave } from '../app/file-after-save';
import type { FolderFacts } from '../app/folder-facts';
import { measureFormKeys } from '../app/form-measure';
import { messageOf } from '../app/global-errors';
import { usePostChecks } from '../app/post-checks';
import type { Status } from '../app/status';
import { attachPreviewImages } from '../preview/images';
import { createEditorFeed } from '../editor/editor-feed';
import type { RestoreFit } from '../editor/history-cache';
import { minimalChange } from '../editor/minimal-change';
import {
  frontMatterField,
  frontMatterState,
  frontMatterText,
  removeFieldSpec,
  resetFrontMatter,
  setFieldSpec,
  sourceEditSpec,
} from '../front-matter/state';
import { readFrontMatter } from '../front-matter/reads';
import { handlePreviewClick } from '../preview/links';
import { createPreviewRenderer } from '../preview/preview-renderer';
import type { PreviewRenderer } from '../preview/preview-renderer';
import { createPreviewSchedule } from '../preview/preview-schedule';
import type { PreviewSchedule } from '../preview/preview-schedule';
import { createScrollSync } from '../preview/scroll-sync';
import { BodyEditor } from './body-editor';
import { ChecksPanel } from './checks-panel';
import { EditorToolbar } from './editor-toolbar';
import { FrontMatterForm, formPlaces } from './front-matter-form';
import type { FrontMatterFormHandle } from './front-matter-form';
import { FrontMatterSource } from './front-matter-source';
import type { FrontMatterSourceHandle } from './front-matter-source';
import { PublishChecklist } from './publish-checklist';
import { usePublishGuard } from './publish-confirm';
import { LayoutSwitch } from './layout-switch';
import { SplitView } from './split-view';
import { StatusBar } from './status-bar';

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
  /** The folder's schema and its config's problems (null until loaded). */
  readonly folderSchema: FolderSchema | null;
  /** What the folder's posts use (tags with counts, categories), for the form's suggestions. */
  readonly folder: FolderFacts;
  readonly ref?: Ref<PostEditorHandle>;
}

function bodyDiffers(view: EditorView, saved: string): boolean {
  const doc = view.state.doc;
  return doc.length !== saved.length || doc.toString() !== saved;
}

/** The config problems while the schema loads: one array, so it never reads as a change. */
const noProblems: readonly Problem[] = [];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Which history command a key press in the front matter area means, as in the body editor. */
function historyCommandOf(event: KeyboardEvent): typeof undo | null {
  if (event.altKey || !(isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey))
    return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? redo : undo;
  if (key === 'y' && !event.shiftKey) return redo;
  return null;
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
  folderSchema,
  folder,
  ref,
}: PostEditorProps) {
  const schema = folderSchema?.schema ?? null;
  const configProblems = folderSchema?.problems ?? noProblems;
  const saved = useMemo(() => partsOf(file), [file]);
  // The front matter lives in the body editor's state (one undo history for both); this copy of
  // its text re-renders the form and the source view when it changes, never per body keystroke.
  const [frontMatter, setFrontMatterText] = useState(saved.frontMatter);
  const isYaml = file.split.format === 'yaml' && file.split.error === null;
  const read = useMemo(() => (isYaml ? readFrontMatter(frontMatter) : null), [isYaml, frontMatter]);
  const [bodyDirty, setBodyDirty] = useState(false);
  const dirty = bodyDirty || frontMatter !== saved.frontMatter;
  // The source view: always for TOML; for YAML on request, or from the start when it does not parse.
  const hasSource = file.split.error === null && file.split.format !== 'none';
  const [sourceAsked, setSourceAsked] = useState(() => read?.problem != null);
  const sourceShown = hasSource && (sourceAsked || file.split.format === 'toml');

  const view = useRef<EditorView | null>(null);
  const form = useRef<FrontMatterFormHandle>(null);
  const source = useRef<FrontMatterSourceHandle>(null);
  const article = useRef<HTMLElement>(null);
  const writingPane = useRef<HTMLElement>(null);
  const previewPane = useRef<HTMLElement>(null);
  // A hidden preview is not rendered while typing; it catches up when shown.
  const previewShown = useRef(preferences.layout !== 'editor');
  const renderer = useRef<PreviewRenderer | null>(null);
  const previewSchedule = useRef<PreviewSchedule | null>(null);
  const saving = useRef(false);
  // What save() and the editor callbacks read: always the latest render's values.
  const latest = useRef({ file, savedBody: saved.body, savedFrontMatter: saved.frontMatter });
  useLayoutEffect(() => {
    latest.current = { file, savedBody: saved.body, savedFrontMatter: saved.frontMatter };
  });

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The text a save would write, read only when a check starts.
  const currentText = useCallback(() => {
    const { file: base, savedBody, savedFrontMatter } = latest.current;
    const state = view.current?.state;
    const body = state?.doc.toString() ?? savedBody;
    return checkedTextOf(base, {
      frontMatter: state === undefined ? savedFrontMatter : frontMatterText(state),
      body,
    });
  }, []);
  const { checks, problems, values, schedule } = usePostChecks(
    api,
    file,
    frontMatter,
    currentText,
    schema,
  );
  const { guard: guardPublish, dialog: publishDialog } = usePublishGuard({
    values,
    problems,
    schema,
  });
  // A front matter change (form, source view, undo, disk) is checked like a body change.
  const onFrontMatterChange = useRef(schedule);
  useLayoutEffect(() => {
    onFrontMatterChange.current = schedule;
  });
  const places = useMemo(() => formPlaces(file, read, schema), [file, read, schema]);
  // While the YAML does not parse the form shows the last fields it could read, read-only.
  const lastRead = useRef(read);
  if (read !== null && read.problem === null) lastRead.current = read;
  const formRead = read?.problem != null ? lastRead.current : read;
  const formArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const area = formArea.current;
    return area === null ? undefined : measureFormKeys(area);
  }, []);

  // After a save the saved body moves on; the editor may hold more typing than was saved.
  useLayoutEffect(() => {
    if (view.current !== null) setBodyDirty(bodyDiffers(view.current, saved.body));
  }, [saved]);

  useEffect(() => () => previewSchedule.current?.cancel(), []);

  // Returns how long the render took, which decides how soon the next one runs.
  const renderPreview = useCallback(
    (since?: number) => {
      const target = article.current;
      const current = view.current;
      if (target === null || current === null || !previewShown.current) return 0;
      attachPreviewImages(target, api, latest.current.file.path);
      renderer.current ??= createPreviewRenderer(target);
      return renderer.current.show(current.state.doc.toString(), since);
    },
    [api],
  );

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
  // A fence's language arrived: the same text now renders highlighted, so every block again.
  useEffect(
    () =>
      onCodeLanguageLoaded(() => {
        renderer.current?.forget();
        renderPreview();
      }),
    [renderPreview],
  );

  const onView = useCallback(
    (next: EditorView | null) => {
      view.current = next;
      if (next === null) return;
      // A kept state (the post was open before) may hold front matter edits.
      setFrontMatterText(frontMatterText(next.state));
      renderPreview();
    },
    [renderPreview],
  );

  // Fixed for the editor's life: the front matter state starts from the text the post opened with,
  // and a kept state comes back only if its front matter is that text too.
  const skipScroll = useRef(false);
  const [frontMatterParts] = useState((): { extension: Extension; keep: RestoreFit } => ({
    extension: [
      // The schema is loaded once per folder, before a post opens, so its order is known here.
      frontMatterState(saved.frontMatter, schema === null ? [] : schemaOrder(schema)),
      // Taken once, by the scroll an undo or redo from the form asks for (see onFrontMatterKeyDown).
      EditorView.scrollHandler.of(() => {
        const skip = skipScroll.current;
        skipScroll.current = false;
        return skip;
      }),
      EditorView.updateListener.of((update) => {
        if (update.state.field(frontMatterField) === update.startState.field(frontMatterField))
          return;
        setFrontMatterText(frontMatterText(update.state));
        onFrontMatterChange.current();
      }),
    ],
    keep: { fits: (state: EditorState) => frontMatterText(state) === saved.frontMatter },
  }));

  const onChange = useCallback(
    (changed: EditorView) => {
      setBodyDirty(bodyDiffers(changed, latest.current.savedBody));
      previewSchedule.current ??= createPreviewSchedule(renderPreview);
      previewSchedule.current.request(changed.state.doc.length);
      schedule();
    },
    [renderPreview, schedule],
  );

  const onSetField = useCallback(
    (key: string, value: FieldValue): Result<null> => {
      const current = view.current;
      if (current === null) return fail('unsupported', 'The editor is not ready yet');
      const spec = setFieldSpec(current.state, key, value);
      if (!spec.ok) return spec;
      const transaction = spec.value;
      // Publishing a post with errors asks first; the edit is applied only if the author agrees.
      if (transaction !== null) guardPublish(key, value, () => current.dispatch(transaction));
      return ok(null);
    },
    [guardPublish],
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

  const onRemoveField = useCallback((key: string) => {
    const current = view.current;
    if (current === null) return;
    const spec = removeFieldSpec(current.state, key);
    if (spec.ok && spec.value !== null) current.dispatch(spec.value);
  }, []);

  const onSourceChange = useCallback((text: string) => {
    const current = view.current;
    if (current === null) return;
    const spec = sourceEditSpec(current.state, text);
    if (spec !== null) current.dispatch(spec);
  }, []);

  // The same string for the same text, so what the form derives from the body (the reading time)
  // is not counted again for a key typed in a field.
  const bodyText = useRef<{ doc: Text | null; text: string }>({ doc: null, text: '' });
  const currentBody = useCallback(() => {
    const doc = view.current?.state.doc;
    if (doc === undefined) return saved.body;
    if (bodyText.current.doc !== doc) bodyText.current = { doc, text: doc.toString() };
    return bodyText.current.text;
  }, [saved]);

  // Undo and redo work the same wherever the focus is: the front matter's edits are in the body
  // editor's history, so its commands run there (the browser's own undo of a field would not).
  const onFrontMatterKeyDown = useCallback((event: KeyboardEvent) => {
    const command = historyCommandOf(event);
    const current = view.current;
    if (command === null || current === null) return;
    event.preventDefault();
    event.stopPropagation();
    const body = current.state.doc;
    command(current);
    // Undo scrolls to the body's cursor; for a front matter step the author's eyes are up here.
    skipScroll.current = current.state.doc === body;
  }, []);

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
        // Rendered now, so the source editor exists to take the focus.
        flushSync(() => setSourceAsked(true));
        source.current?.focusLine(target.line);
        return;
      default:
        assertNever(target);
    }
  }, []);

  const save = useCallback(
    async (overVersion?: string) => {
      const current = view.current;
      if (saving.current || current === null) return;
      const { file: base } = latest.current;
      const parts = {
        frontMatter: frontMatterText(current.state),
        body: current.state.doc.toString(),
      };
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
    const { body, frontMatter: theirs } = partsOf(next);
    // The new text is the saved text now, so the change below does not count as an edit.
    latest.current = { file: next, savedBody: body, savedFrontMatter: theirs };
    const change = minimalChange(current.state.doc.toString(), body);
    // Their front matter becomes the base the form edits; the form and the source view follow
    // without losing the focused field or its cursor.
    const reset = frontMatterText(current.state) === theirs ? [] : [resetFrontMatter(theirs)];
    if (change === null && reset.length === 0) return;
    current.dispatch({
      changes: change ?? [],
      effects: reset,
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
          <div className="front-matter-area" ref={formArea} onKeyDownCapture={onFrontMatterKeyDown}>
            {hasSource && file.split.format === 'yaml' && (
              <div className="front-matter-bar">
                <button
                  type="button"
                  className="source-toggle"
                  aria-pressed={sourceShown}
                  onClick={() => setSourceAsked((shown) => !shown)}
                >
                  Show front matter source
                </button>
              </div>
            )}
            {read?.problem != null && (
              <p className="notice notice-error" role="alert">
                Line {fileLineOfFrontMatterLine(file, read.problem.line)}: {read.problem.message}
              </p>
            )}
            <FrontMatterForm
              ref={form}
              file={file}
              text={frontMatter}
              read={formRead}
              readOnly={read?.problem != null}
              problems={problems}
              body={currentBody}
              onSetField={onSetField}
              onRemoveField={onRemoveField}
              schema={schema}
              folder={folder}
              onOpenUrl={openUrl}
              api={api}
            />
            {sourceShown && (
              <div className="front-matter-source-pane">
                {file.split.format === 'toml' && (
                  <p className="notice notice-info">
                    TOML front matter is edited as text here; the fields form reads YAML.
                  </p>
                )}
                <FrontMatterSource
                  ref={source}
                  text={frontMatter}
                  language={file.split.format === 'toml' ? 'toml' : 'yaml'}
                  problem={read?.problem ?? null}
                  firstLine={fileLineOfFrontMatterLine(file, 1)}
                  onChange={onSourceChange}
                />
              </div>
            )}
          </div>
          <PublishChecklist schema={schema} problems={problems} values={values} />
          {publishDialog}
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
            extensions={[feed.extension, frontMatterParts.extension]}
            keep={frontMatterParts.keep}
          />
          <StatusBar
            feed={feed}
            lineNumbers={preferences.lineNumbers}
            spellcheck={preferences.spellcheck}
            onPreferencesChange={onPreferencesChange}
          />
        </div>
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
