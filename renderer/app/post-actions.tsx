import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import type { Api, PostSummary } from '../../shared/api';
import { checkTypedName } from '../../shared/file-names';
import { assertNever } from '../../shared/result';
import { ConfirmDialog } from '../components/confirm-dialog';
import type { PostAction } from '../components/post-menu';
import { PromptDialog } from '../components/prompt-dialog';
import { UndoToast } from '../components/undo-toast';
import { attempt } from './global-errors';
import { nameFromTitle, postNameOf } from './post-names';
import type { Status } from './status';

/** What the post actions need from the app. */
export interface PostActionsOptions {
  readonly api: Api;
  /** The posts folder's full path, for "Copy path"; null while it is not known. */
  readonly folderRoot: string | null;
  /** The open post's path, or null. */
  readonly openPath: string | null;
  /** Whether the open post has unsaved changes. */
  readonly dirty: boolean;
  /** Saves the open post if it has unsaved changes; resolves true when nothing is left unsaved. */
  readonly saveOpenPost: () => Promise<boolean>;
  /** Opens a post in the editor (asking about unsaved changes as switching always does). */
  readonly openPost: (path: string) => Promise<void>;
  /** Opens a post in place of the open one that was just renamed (already saved, nothing to ask). */
  readonly reopenAs: (path: string) => Promise<void>;
  /** Closes the open post without asking (it was just deleted, with the author's consent). */
  readonly closePost: () => void;
  readonly refreshPosts: () => Promise<void>;
  readonly showStatus: (status: Status) => void;
  /** Opens Export for a post. */
  readonly exportPost: (path: string) => void;
}

/** The post actions: what starts them, and the dialog one of them has open (render it). */
export interface PostActions {
  /** "New post": asks for the title. */
  newPost(): void;
  /** An action from a post's menu. */
  run(action: PostAction, post: PostSummary): void;
  /** What the actions show: the dialog one of them has open, and the undo toast of a delete (render it). */
  readonly dialog: ReactNode;
}

/** A delete that can still be undone. */
interface Undoable {
  readonly post: PostSummary;
  /** The deletion's name for `restorePost`. */
  readonly undo: string;
  /** The post was open in the editor: undo opens it again. */
  readonly wasOpen: boolean;
}

type Dialog =
  | { readonly kind: 'new' }
  | { readonly kind: 'rename'; readonly post: PostSummary; readonly start: string }
  | { readonly kind: 'delete'; readonly post: PostSummary };

/** The full path of a post, in the folder's own separator style, for pasting into a terminal. */
function fullPath(root: string, path: string): string {
  const windows = /^[a-zA-Z]:\\/.test(root) || root.startsWith('\\\\');
  const sep = windows ? '\\' : '/';
  return `${root.replace(/[\\/]+$/, '')}${sep}${windows ? path.replaceAll('/', '\\') : path}`;
}

function titleOf(post: PostSummary): string {
  return post.title === '' ? post.path : post.title;
}

/**
 * Create, rename, duplicate, delete and copy the path of posts, with the dialogs that ask first.
 * After each change the list is refreshed; a renamed open post stays open under its new name, a
 * deleted one closes.
 */
export function usePostActions(options: PostActionsOptions): PostActions {
  const { api, folderRoot, openPath, dirty, saveOpenPost, openPost, reopenAs } = options;
  const { closePost, refreshPosts, showStatus, exportPost } = options;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  const endUndo = useCallback(() => setUndoable(null), []);

  const create = useCallback(
    async (title: string): Promise<string | null> => {
      const created = await attempt(() => api.createPost(title.trim()));
      if (!created.ok) return created.error.message;
      setDialog(null);
      void refreshPosts();
      await openPost(created.value.path);
      showStatus({ tone: 'success', text: `Created ${created.value.path}` });
      return null;
    },
    [api, openPost, refreshPosts, showStatus],
  );

  const rename = useCallback(
    async (post: PostSummary, name: string): Promise<string | null> => {
      const isOpen = post.path === openPath;
      // The editor's text is saved first, so the file that moves holds everything typed.
      if (isOpen && !(await saveOpenPost()))
        return 'The post has unsaved changes that could not be saved; save them first.';
      const renamed = await attempt(() => api.renamePost(post.path, name.trim()));
      if (!renamed.ok) return renamed.error.message;
      setDialog(null);
      void refreshPosts();
      if (isOpen) await reopenAs(renamed.value.path);
      showStatus({ tone: 'success', text: `Renamed to ${renamed.value.path}` });
      return null;
    },
    [api, openPath, refreshPosts, reopenAs, saveOpenPost, showStatus],
  );

  const remove = useCallback(
    async (post: PostSummary): Promise<string | null> => {
      const deleted = await attempt(() => api.deletePost(post.path));
      if (!deleted.ok) return deleted.error.message;
      setDialog(null);
      const wasOpen = post.path === openPath;
      if (wasOpen) closePost();
      void refreshPosts();
      showStatus({
        tone: 'success',
        text: `Deleted “${titleOf(post)}”. ${deleted.value.message}.`,
      });
      setUndoable({ post, undo: deleted.value.undo, wasOpen });
      return null;
    },
    [api, closePost, openPath, refreshPosts, showStatus],
  );

  const restore = useCallback(
    async ({ post, undo, wasOpen }: Undoable): Promise<void> => {
      const restored = await attempt(() => api.restorePost(undo));
      if (!restored.ok) {
        showStatus({ tone: 'error', text: `Not undone: ${restored.error.message}` });
        return;
      }
      await refreshPosts();
      if (wasOpen) await openPost(restored.value.path);
      showStatus({ tone: 'success', text: `Restored “${titleOf(post)}”` });
    },
    [api, openPost, refreshPosts, showStatus],
  );

  /** Deletes at once (the toast can undo it); asks first only when unsaved edits would be lost. */
  const askOrDelete = useCallback(
    (post: PostSummary) => {
      if (post.path === openPath && dirty) {
        setDialog({ kind: 'delete', post });
        return;
      }
      void remove(post).then((error) => {
        if (error !== null) showStatus({ tone: 'error', text: `Not deleted: ${error}` });
      });
    },
    [dirty, openPath, remove, showStatus],
  );

  const reveal = useCallback(
    async (post: PostSummary): Promise<void> => {
      const shown = await attempt(() => api.revealPost(post.path));
      if (!shown.ok)
        showStatus({
          tone: 'error',
          text: `Not shown in the file manager: ${shown.error.message}`,
        });
    },
    [api, showStatus],
  );

  const duplicate = useCallback(
    async (post: PostSummary): Promise<void> => {
      // A copy of the open post should include what was typed in it.
      if (post.path === openPath) await saveOpenPost();
      const copied = await attempt(() => api.duplicatePost(post.path));
      if (!copied.ok) {
        showStatus({ tone: 'error', text: `Not duplicated: ${copied.error.message}` });
        return;
      }
      void refreshPosts();
      showStatus({ tone: 'success', text: `Duplicated as ${copied.value.path}` });
    },
    [api, openPath, refreshPosts, saveOpenPost, showStatus],
  );

  const copyPath = useCallback(
    async (post: PostSummary): Promise<void> => {
      const path = folderRoot === null ? post.path : fullPath(folderRoot, post.path);
      try {
        await navigator.clipboard.writeText(path);
        showStatus({ tone: 'info', text: `Copied ${path}` });
      } catch {
        // No clipboard access (an insecure origin, a denied permission): the path is still shown.
        showStatus({ tone: 'info', text: `Could not copy; the path is ${path}` });
      }
    },
    [folderRoot, showStatus],
  );

  const run = useCallback(
    (action: PostAction, post: PostSummary) => {
      switch (action) {
        case 'rename':
          setDialog({ kind: 'rename', post, start: postNameOf(post.path).current });
          return;
        case 'renameToTitle':
          setDialog({
            kind: 'rename',
            post,
            start: nameFromTitle(post.title, post.path) ?? postNameOf(post.path).current,
          });
          return;
        case 'duplicate':
          void duplicate(post);
          return;
        case 'delete':
          askOrDelete(post);
          return;
        case 'copyPath':
          void copyPath(post);
          return;
        case 'export':
          exportPost(post.path);
          return;
        case 'reveal':
          void reveal(post);
          return;
        default:
          assertNever(action);
      }
    },
    [askOrDelete, copyPath, duplicate, exportPost, reveal],
  );

  const newPost = useCallback(() => setDialog({ kind: 'new' }), []);

  const toast =
    undoable === null ? null : (
      <UndoToast
        // A second delete replaces the first one's toast (the first stays in the trash).
        key={undoable.undo}
        message={`Deleted “${titleOf(undoable.post)}”`}
        onUndo={() => restore(undoable)}
        onDone={endUndo}
      />
    );
  return {
    newPost,
    run,
    dialog: (
      <>
        {dialog === null ? null : renderDialog(dialog)}
        {toast}
      </>
    ),
  };

  function renderDialog(open: Dialog): ReactNode {
    switch (open.kind) {
      case 'new':
        return (
          <PromptDialog
            title="New post"
            label="Title"
            submitLabel="Create"
            onSubmit={create}
            onClose={close}
          />
        );
      case 'rename': {
        const { post, start } = open;
        const name = postNameOf(post.path);
        const fromTitle = nameFromTitle(post.title, post.path);
        const check = (value: string) => checkTypedName(value, name.ext, name.bundle);
        return (
          <PromptDialog
            title={`Rename “${titleOf(post)}”`}
            label={name.bundle ? 'Folder name (a page bundle: its folder is renamed)' : 'File name'}
            initialValue={start}
            initialSelection={start.length - name.ext.length}
            submitLabel="Rename"
            describe={(value) => {
              const checked = check(value);
              if (value.trim() === '' || checked.problem === null) return null;
              return { tone: 'error', text: checked.problem };
            }}
            suggest={(value) => {
              const checked = check(value);
              const safe =
                checked.problem !== null && checked.name !== ''
                  ? [{ label: `Use ${checked.name}`, value: checked.name }]
                  : [];
              const title =
                fromTitle !== null && value.trim() !== fromTitle
                  ? [{ label: `Match the title: ${fromTitle}`, value: fromTitle }]
                  : [];
              return [...safe, ...title];
            }}
            onSubmit={(value) => rename(post, value)}
            onClose={close}
          />
        );
      }
      case 'delete': {
        const { post } = open;
        // Only asked when the open post has unsaved edits: undo brings back the file, not them.
        const where =
          api.platform === 'browser'
            ? 'It will be moved to .postwright/trash in the posts folder.'
            : 'It will be moved to the trash, where you can restore it.';
        return (
          <ConfirmDialog
            title={`Delete “${titleOf(post)}”?`}
            confirmLabel="Delete"
            onConfirm={() => remove(post)}
            onClose={close}
          >
            <p>
              {post.path}. {where}
            </p>
            {post.path === openPath && dirty && <p>Its unsaved changes will be lost.</p>}
          </ConfirmDialog>
        );
      }
      default:
        return assertNever(open);
    }
  }
}
