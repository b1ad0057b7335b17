import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Api, MenuCommand, PostFile, PostSummary, Workspace } from '../../shared/api';
import { defaultPreferences } from '../../shared/preferences';
import { assertNever } from '../../shared/result';
import { AppHeader } from '../components/app-header';
import { CompareDialog, DiskChangeBanner } from '../components/disk-change';
import type { DiskChange } from '../components/disk-change';
import { ErrorBanner } from '../components/error-banner';
import { OpenFolderDialog } from '../components/open-folder-dialog';
import { PostEditor } from '../components/post-editor';
import type { PostEditorHandle } from '../components/post-editor';
import { PostList } from '../components/post-list';
import { useAutosave } from './autosave';
import { useExportActions } from './export-actions';
import { folderFacts, folderFactsInSlices, noFolderFacts } from './folder-facts';
import { preparePostsInSlices } from '../sidebar/filters';
import { messageOf } from './global-errors';
import type { Load } from './load';
import { usePostActions } from './post-actions';
import { usePreferences } from './preferences';
import { useSchema } from './schema';
import type { Status } from './status';
import { markPostOpening } from '../preview/open-measure';
import { withPost } from '../sidebar/posts-list';

/**
 * The open post's editor renders only when its own props change: not when the app does for the
 * sidebar's sake (index progress, a post changed on disk, the posts list after a save), the header
 * (status, dirty) or a dialog, any of which may land in the frame of a key typed in the form.
 */
const OpenPostEditor = memo(PostEditor);

/** The open post, or why it could not be opened. */
type OpenPost =
  | { readonly state: 'open'; readonly file: PostFile }
  | { readonly state: 'failed'; readonly path: string; readonly message: string };

function isSaveShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's';
}

/** The whole window: header, posts sidebar, and the open post's editor and preview. */
export function App({ api }: { readonly api: Api }) {
  const [workspace, setWorkspace] = useState<Load<Workspace>>({ state: 'loading' });
  const [posts, setPosts] = useState<Load<readonly PostSummary[]>>({ state: 'loading' });
  const [open, setOpen] = useState<OpenPost | null>(null);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [askingForFolder, setAskingForFolder] = useState(false);
  const [checksExpanded, setChecksExpanded] = useState(true);
  // Another program's change to the open post while it had unsaved edits.
  const [diskChange, setDiskChange] = useState<DiskChange | null>(null);
  const [comparing, setComparing] = useState(false);
  const [indexProgress, setIndexProgress] = useState<{ done: number; total: number } | null>(null);
  // Bumped to remount the editor with a file from disk ("take theirs").
  const [editorGeneration, setEditorGeneration] = useState(0);
  const editor = useRef<PostEditorHandle>(null);
  // Only the newest readPost may open a post, however the responses are ordered.
  const openRequest = useRef(0);
  const dirtyNow = useRef(false);
  useLayoutEffect(() => {
    dirtyNow.current = dirty;
  }, [dirty]);

  const openFile = open?.state === 'open' ? open.file : null;
  const openPath = open === null ? null : open.state === 'open' ? open.file.path : open.path;
  const openSummary =
    posts.state === 'ready' ? posts.value.find((post) => post.path === openPath) : undefined;
  const postTitle =
    openPath === null
      ? null
      : openSummary === undefined || openSummary.title === ''
        ? openPath
        : openSummary.title;
  const folder = workspace.state === 'ready' ? workspace.value : null;
  const folderSchema = useSchema(api);
  // Once per posts list, never per keystroke in the form.
  const facts = useMemo(
    () => (posts.state === 'ready' ? folderFacts(posts.value) : noFolderFacts),
    [posts],
  );

  // Lists asked for: one preparing while a newer one is asked for is dropped, never shown late.
  const listRequest = useRef(0);
  const refreshPosts = useCallback(async () => {
    const asked = ++listRequest.current;
    try {
      const result = await api.listPosts();
      // A whole new list (after a rename or a delete, or when the index is complete) is prepared
      // for the sidebar's filters and its tags counted in slices a key typed meanwhile gets
      // through; then rendered, a render React may interrupt for a key too.
      if (result.ok)
        await Promise.all([preparePostsInSlices(result.value), folderFactsInSlices(result.value)]);
      if (asked !== listRequest.current) return;
      startTransition(() =>
        setPosts(
          result.ok
            ? { state: 'ready', value: result.value }
            : { state: 'failed', message: result.error.message },
        ),
      );
    } catch (error) {
      if (asked === listRequest.current) setPosts({ state: 'failed', message: messageOf(error) });
    }
  }, [api]);

  const showWorkspace = useCallback(
    async (next: Workspace) => {
      setWorkspace({ state: 'ready', value: next });
      // Post paths are relative to the folder: whatever was open belongs to the old one.
      openRequest.current++;
      setOpen(null);
      setDirty(false);
      setPosts({ state: 'loading' });
      await refreshPosts();
    },
    [refreshPosts],
  );

  const loadWorkspace = useCallback(async () => {
    try {
      const result = await api.getWorkspace();
      if (result.ok) await showWorkspace(result.value);
      else setWorkspace({ state: 'failed', message: result.error.message });
    } catch (error) {
      setWorkspace({ state: 'failed', message: messageOf(error) });
    }
  }, [api, showWorkspace]);

  useEffect(() => {
    void loadWorkspace();
  }, [loadWorkspace]);

  const confirmDiscard = useCallback((): boolean => {
    if (!dirtyNow.current) return true;
    return window.confirm('This post has unsaved changes. Discard them?');
  }, []);

  /** Saves the open post if it has unsaved changes; true when nothing is left unsaved. */
  const saveOpenPost = useCallback(async (): Promise<boolean> => {
    const handle = editor.current;
    if (!dirtyNow.current || handle === null || openPath === null) return true;
    await handle.save();
    // Asked of the disk, not of React state, which catches up a render later.
    const disk = await api.readPost(openPath).catch(() => null);
    return disk?.ok === true && disk.value.text === handle.currentText();
  }, [api, openPath]);

  const { preferences, change: changePreferences } = usePreferences(api, (message) =>
    setStatus({ tone: 'error', text: `Preferences: ${message}` }),
  );
  const autosaveOn = preferences?.autosave ?? null;
  useAutosave({
    enabled: autosaveOn,
    dirty,
    // Another program changed the open post: nothing is saved until the author picks a side.
    paused: diskChange !== null,
    save: async () => {
      await editor.current?.save();
    },
  });

  /** Shows a post from disk in the editor, replacing whatever is open, without asking. */
  const loadPost = useCallback(
    async (path: string) => {
      const request = ++openRequest.current;
      const result = await api.readPost(path).catch((error: unknown) => ({
        ok: false as const,
        error: { kind: 'unreadable' as const, message: messageOf(error) },
      }));
      if (request !== openRequest.current) return;
      setDirty(false);
      setStatus(null);
      setDiskChange(null);
      setOpen(
        result.ok
          ? { state: 'open', file: result.value }
          : { state: 'failed', path, message: result.error.message },
      );
    },
    [api],
  );

  const openPost = useCallback(
    async (path: string) => {
      if (path === openPath) return;
      markPostOpening();
      // With autosave on, leaving a post saves it; only a save that fails asks about discarding.
      // Not while another program's change waits for the author: that is theirs to decide.
      const saved = autosaveOn === true && diskChange === null && (await saveOpenPost());
      if (!saved && !confirmDiscard()) return;
      await loadPost(path);
    },
    [autosaveOn, confirmDiscard, diskChange, loadPost, openPath, saveOpenPost],
  );

  /** Closes the open post without asking (it was deleted, with the author's consent). */
  const closePost = useCallback(() => {
    openRequest.current++;
    setOpen(null);
    setDirty(false);
    setDiskChange(null);
  }, []);

  // The sidebar keeps this set to the posts it shows; Export reads it when it opens.
  const shownPosts = useRef<readonly PostSummary[]>([]);
  const exportActions = useExportActions({
    api,
    openPath,
    posts: posts.state === 'ready' ? posts.value : null,
    shown: shownPosts,
    saveOpenPost,
    showStatus: setStatus,
  });

  const postActions = usePostActions({
    api,
    folderRoot: folder?.root ?? null,
    openPath,
    dirty,
    saveOpenPost,
    openPost,
    reopenAs: loadPost,
    closePost,
    refreshPosts,
    showStatus: setStatus,
    exportPost: exportActions.open,
  });

  /** Opens a folder by path (browser mode); resolves to an error message, or null when it worked. */
  const openFolderAt = useCallback(
    async (path: string): Promise<string | null> => {
      try {
        const result = await api.openFolder(path);
        if (!result.ok) return result.error.message;
        setAskingForFolder(false);
        await showWorkspace(result.value);
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
    [api, showWorkspace],
  );

  const chooseFolder = useCallback(async () => {
    if (!confirmDiscard()) return;
    if (api.platform === 'browser') {
      setAskingForFolder(true);
      return;
    }
    const result = await api.openFolder(null);
    if (result.ok) {
      await showWorkspace(result.value);
      return;
    }
    // 'unsupported' is what cancelling the system dialog gives: worth a note, not an alarm.
    const cancelled = result.error.kind === 'unsupported';
    setStatus({
      tone: cancelled ? 'info' : 'error',
      text: cancelled ? result.error.message : `Could not open the folder: ${result.error.message}`,
    });
  }, [api, confirmDiscard, showWorkspace]);

  const save = useCallback(async () => {
    await editor.current?.save();
  }, []);

  // Ctrl/Cmd+S anywhere in the window, including while typing in a front matter field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isSaveShortcut(event)) return;
      event.preventDefault();
      void save();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [save]);

  /**
   * Updates the list with one post's new summary (or removes it), keeping the order; the sidebar's
   * filter model and the folder's facts follow the one row (see `withPost`).
   */
  const upsertPost = useCallback((summary: PostSummary | null, path: string) => {
    setPosts((previous) => {
      if (previous.state !== 'ready') return previous;
      return { state: 'ready', value: withPost(previous.value, summary, path) };
    });
  }, []);

  /** The open post changed on disk: take it in silently when clean, else ask. */
  const onOpenPostChangedOnDisk = useCallback(
    async (path: string) => {
      if (open?.state !== 'open' || open.file.path !== path) return;
      const result = await api.readPost(path).catch(() => null);
      if (result === null || !result.ok) return;
      const theirs = result.value;
      // Our own save, or a touch that changed nothing: the disk already holds what we have.
      if (theirs.version === open.file.version) return;
      if (theirs.text === editor.current?.currentText()) {
        setOpen({ state: 'open', file: theirs });
        setDiskChange(null);
        return;
      }
      if (!dirtyNow.current) {
        editor.current?.adopt(theirs);
        setOpen({ state: 'open', file: theirs });
        setDiskChange(null);
        setStatus({ tone: 'info', text: 'Reloaded: another program changed this post' });
        return;
      }
      setDiskChange({ kind: 'changed', theirs });
    },
    [api, open],
  );

  const onOpenPostRemovedOnDisk = useCallback(
    (path: string) => {
      if (open?.state !== 'open' || open.file.path !== path) return;
      setDiskChange({ kind: 'removed' });
    },
    [open],
  );

  const keepMine = useCallback(async () => {
    const change = diskChange;
    setComparing(false);
    if (change?.kind !== 'changed') return;
    setDiskChange(null);
    await editor.current?.save(change.theirs.version);
  }, [diskChange]);

  const takeTheirs = useCallback(() => {
    const change = diskChange;
    setComparing(false);
    if (change?.kind !== 'changed') return;
    setDiskChange(null);
    setDirty(false);
    setOpen({ state: 'open', file: change.theirs });
    setEditorGeneration((generation) => generation + 1);
  }, [diskChange]);

  // Event listeners subscribe once; they call whatever the latest render provided.
  const latest = {
    chooseFolder,
    save,
    showWorkspace,
    refreshPosts,
    folder,
    onOpenPostChangedOnDisk,
    onOpenPostRemovedOnDisk,
    openExport: exportActions.open,
  };
  const handlers = useRef(latest);
  useLayoutEffect(() => {
    handlers.current = latest;
  });
  useEffect(() => {
    const offMenu = api.on('menuCommand', (command: MenuCommand) => {
      switch (command) {
        case 'save':
          void handlers.current.save();
          return;
        case 'openFolder':
          void handlers.current.chooseFolder();
          return;
        case 'export':
          // The menu has no folder to export from until one is open.
          if (handlers.current.folder !== null) handlers.current.openExport();
          return;
        default:
          assertNever(command);
      }
    });
    const offWorkspace = api.on('workspaceChanged', (next) => {
      const { folder: current, showWorkspace: show, refreshPosts: refresh } = handlers.current;
      void (current?.root === next.root ? refresh() : show(next));
    });
    // A post that appears at the open post's path (deleted, then written back) is a change to it.
    const onPostOnDisk = (summary: PostSummary): void => {
      upsertPost(summary, summary.path);
      void handlers.current.onOpenPostChangedOnDisk(summary.path);
    };
    const offAdded = api.on('postAddedOnDisk', onPostOnDisk);
    const offChanged = api.on('postChangedOnDisk', onPostOnDisk);
    const offRemoved = api.on('postRemovedOnDisk', ({ path }) => {
      upsertPost(null, path);
      handlers.current.onOpenPostRemovedOnDisk(path);
    });
    const offReindexed = api.on('postsReindexed', () => {
      setIndexProgress(null);
      void handlers.current.refreshPosts();
    });
    // The sidebar's progress line: never ahead of a key typed meanwhile.
    const offProgress = api.on('indexProgress', (progress) =>
      startTransition(() => setIndexProgress(progress.done < progress.total ? progress : null)),
    );
    return () => {
      offMenu();
      offWorkspace();
      offAdded();
      offChanged();
      offRemoved();
      offReindexed();
      offProgress();
    };
  }, [api, upsertPost]);

  // The desktop window asks before closing while this is true.
  useEffect(() => {
    void api.setUnsavedChanges(dirty).catch(() => undefined);
  }, [api, dirty]);

  // Closing a browser tab would drop unsaved text silently. (Desktop asks in the main process.)
  useEffect(() => {
    if (api.platform !== 'browser' || !dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [api, dirty]);

  useEffect(() => {
    const parts = [postTitle, folder?.name, 'Postwright'].filter(
      (part) => part != null && part !== '',
    );
    document.title = `${dirty ? '• ' : ''}${parts.join(' — ')}`;
  }, [postTitle, folder, dirty]);

  const onDirtyChange = useCallback((next: boolean) => {
    setDirty(next);
    // "Saved" is about the text as it was; once it changes again the message is stale.
    if (next) setStatus((previous) => (previous?.tone === 'success' ? null : previous));
  }, []);

  const onStatus = useCallback((next: Status) => {
    // A second save right after one (the menu accelerator and the keydown can both fire) finds
    // nothing to do; "Saved" is still the truth and more useful to see.
    setStatus((previous) =>
      next.tone === 'info' && previous?.tone === 'success' && !dirtyNow.current ? previous : next,
    );
  }, []);

  // The saved post's row in the list follows by itself: the Node side reports our own save as
  // `postChangedOnDisk` with the new summary (see upsertPost), so a save (an autosave while typing)
  // never rebuilds the whole list of a large folder.
  const onSaved = useCallback((file: PostFile) => {
    setOpen({ state: 'open', file });
    setDiskChange(null);
    setStatus({ tone: 'success', text: 'Saved' });
  }, []);

  return (
    <div className="app">
      <AppHeader
        folderName={folder?.name ?? null}
        folderPath={folder?.root ?? null}
        postTitle={postTitle}
        dirty={dirty}
        status={status}
        onOpenFolder={() => void chooseFolder()}
        autosave={autosaveOn}
        onAutosaveChange={(on) => changePreferences({ autosave: on })}
        onExport={folder === null ? undefined : () => exportActions.open()}
      />
      <ErrorBanner />
      {workspace.state === 'failed' ? (
        <main className="workspace-failed">
          <div className="notice notice-error" role="alert">
            <h2>The posts folder cannot be opened</h2>
            <p>{workspace.message}</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void chooseFolder()}
            >
              Open folder…
            </button>
          </div>
        </main>
      ) : (
        <>
          <aside className="sidebar">
            <PostList
              api={api}
              folderRoot={folder?.root ?? null}
              preferences={preferences}
              onPreferencesChange={changePreferences}
              posts={workspace.state === 'loading' ? { state: 'loading' } : posts}
              openPath={openPath}
              dirty={dirty}
              onOpen={(path) => void openPost(path)}
              onNewPost={postActions.newPost}
              onAction={postActions.run}
              progress={indexProgress}
              shownRef={shownPosts}
            />
          </aside>
          <main className="main">
            {diskChange !== null && (
              <DiskChangeBanner
                change={diskChange}
                onKeepMine={() => void keepMine()}
                onTakeTheirs={takeTheirs}
                onCompare={() => setComparing(true)}
              />
            )}
            {comparing && diskChange?.kind === 'changed' && (
              <CompareDialog
                mine={editor.current?.currentText() ?? ''}
                theirs={diskChange.theirs.text}
                onKeepMine={() => void keepMine()}
                onTakeTheirs={takeTheirs}
                onClose={() => setComparing(false)}
              />
            )}
            {openFile !== null && (
              <OpenPostEditor
                key={`${openFile.path}#${editorGeneration}`}
                ref={editor}
                api={api}
                file={openFile}
                onDirtyChange={onDirtyChange}
                onSaved={onSaved}
                onStatus={onStatus}
                checksExpanded={checksExpanded}
                onChecksExpandedChange={setChecksExpanded}
                preferences={preferences ?? defaultPreferences}
                onPreferencesChange={changePreferences}
                folderSchema={folderSchema}
                folder={facts}
              />
            )}
            {open?.state === 'failed' && (
              <div className="empty-state">
                <div className="notice notice-error" role="alert">
                  {open.path} could not be opened: {open.message}
                </div>
              </div>
            )}
            {open === null && (
              <div className="empty-state">
                <p className="empty-state-title">Pick a post to start writing</p>
                <p className="empty-state-hint">
                  Your posts are in the list on the left.{' '}
                  {autosaveOn === false
                    ? 'Ctrl+S saves; nothing is written until you do.'
                    : 'Posts save themselves when you pause; Ctrl+S saves at once.'}
                </p>
              </div>
            )}
          </main>
        </>
      )}
      {askingForFolder && (
        <OpenFolderDialog onOpen={openFolderAt} onClose={() => setAskingForFolder(false)} />
      )}
      {postActions.dialog}
      {exportActions.dialog}
    </div>
  );
}
