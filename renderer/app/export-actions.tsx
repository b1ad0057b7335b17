import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { Api, PostSummary } from '../../shared/api';
import { plural } from './checks';
import { ExportDialog } from '../components/export-dialog';
import { shortCommit } from './export-plan';
import type { Status } from './status';

/** What the export dialog needs from the app. */
export interface ExportActionsOptions {
  readonly api: Api;
  /** The open post's path, or null. */
  readonly openPath: string | null;
  /** Every post of the folder, for titles. */
  readonly posts: readonly PostSummary[] | null;
  /** The posts the sidebar shows now (kept up to date by the sidebar, read when the dialog opens). */
  readonly shown: RefObject<readonly PostSummary[]>;
  /** Saves the open post if it has unsaved changes; resolves true when nothing is left unsaved. */
  readonly saveOpenPost: () => Promise<boolean>;
  readonly showStatus: (status: Status) => void;
}

/** The export dialog: what opens it, and the dialog while it is open (render it). */
export interface ExportActions {
  /** Opens Export for a post (the open one when not given). Stable across renders. */
  readonly open: (post?: string) => void;
  readonly dialog: ReactNode;
}

interface Opened {
  readonly post: string | null;
  readonly shown: readonly string[];
  readonly unsaved: boolean;
}

/** Whether a key press is the export shortcut, Ctrl/Cmd+Shift+E. */
export function isExportShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'e'
  );
}

/**
 * Opens Export from the header, a post's menu, or Ctrl/Cmd+Shift+E. The open post is saved first
 * (the export reads posts from disk), and the sidebar's list is taken as it is at that moment.
 */
export function useExportActions(options: ExportActionsOptions): ExportActions {
  const [opened, setOpened] = useState<Opened | null>(null);
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  const open = useCallback((post?: string) => {
    const { openPath, shown, saveOpenPost } = latest.current;
    const target = post ?? openPath;
    const paths = (shown.current ?? []).map((summary) => summary.path);
    void (async () => {
      // Only the open post can have unsaved text; another post is exported as it is on disk.
      const saved = target === null || target !== openPath ? true : await saveOpenPost();
      setOpened({ post: target, shown: paths, unsaved: !saved });
    })();
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isExportShortcut(event)) return;
      event.preventDefault();
      if (document.querySelector('dialog[open]') !== null) return;
      open();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);

  const { api, posts, showStatus } = options;
  // A plan names every file's post: one lookup each, not a scan of the folder's posts per row;
  // built only while the dialog is open, so a change on disk does not pay for it otherwise.
  const isOpen = opened !== null;
  const titles = useMemo(
    () => new Map(isOpen ? (posts ?? []).map((post) => [post.path, post.title]) : []),
    [posts, isOpen],
  );
  const titleOf = useCallback(
    (path: string): string => {
      const title = titles.get(path) ?? '';
      return title === '' ? path : title;
    },
    [titles],
  );

  const dialog =
    opened === null ? null : (
      <ExportDialog
        api={api}
        post={opened.post}
        shown={opened.shown}
        titleOf={titleOf}
        unsaved={opened.unsaved}
        onExported={(summary) =>
          showStatus({
            tone: summary.pushError === null ? 'success' : 'error',
            text:
              summary.written.length === 0
                ? `Export to ${summary.target}: nothing changed`
                : `Exported ${plural(summary.written.length, 'file')} to ${summary.target}` +
                  (summary.commit === null ? '' : ` (commit ${shortCommit(summary.commit)})`) +
                  (summary.pushError === null ? '' : '; the push failed'),
          })
        }
        onClose={() => setOpened(null)}
      />
    );

  return { open, dialog };
}
