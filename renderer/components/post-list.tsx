import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type {
  KeyboardEvent as ReactKeyboardEvent,
  MouseEvent as ReactMouseEvent,
  ReactNode,
  RefObject,
} from 'react';
import type { Api, PostSummary, Preferences } from '../../shared/api';
import { plural } from '../app/checks';
import type { Load } from '../app/load';
import { nameFromTitle } from '../app/post-names';
import { applyFilters, isScheduled, preparePosts, today } from '../sidebar/filters';
import type { Row } from '../sidebar/filters';
import {
  markSearchKeystroke,
  measureFilterCommit,
  measureSearchCommit,
} from '../sidebar/filter-measure';
import { useSearch } from '../sidebar/use-search';
import { useSidebarView } from '../sidebar/use-sidebar-view';
import { PostMenu, postActionOfKey, postShortcuts } from './post-menu';
import type { PostAction, PostMenuItem } from './post-menu';
import { SavedViews } from './saved-views';
import { SidebarFilters } from './sidebar-filters';

/** Props of {@link PostList}. */
export interface PostListProps {
  readonly api: Api;
  readonly posts: Load<readonly PostSummary[]>;
  readonly openPath: string | null;
  /** Whether the open post has unsaved changes. */
  readonly dirty: boolean;
  readonly onOpen: (path: string) => void;
  /** "New post" in the sidebar's header. */
  readonly onNewPost: () => void;
  /** An action chosen from a post's menu (the ⋯ button, a right-click, Shift+F10). */
  readonly onAction: (action: PostAction, post: PostSummary) => void;
  /** A first index of a large folder that is still checking posts. */
  readonly progress?: { readonly done: number; readonly total: number } | null;
  /** The open folder: the filters and sort are remembered per folder, in the preferences. */
  readonly folderRoot: string | null;
  readonly preferences: Preferences | null;
  readonly onPreferencesChange: (change: Partial<Preferences>) => void;
  /** Kept set to the posts the list shows after its filters (for Export), without re-rendering the app. */
  readonly shownRef?: RefObject<readonly PostSummary[]>;
}

/** Where a post's menu is open, and what to focus again when it closes. */
interface OpenMenu {
  readonly post: PostSummary;
  readonly x: number;
  readonly y: number;
  readonly from: HTMLElement | null;
}

function menuItems(post: PostSummary, platform: Api['platform']): PostMenuItem[] {
  const items: PostMenuItem[] = [{ action: 'rename', label: 'Rename…' }];
  if (nameFromTitle(post.title, post.path) !== null)
    items.push({ action: 'renameToTitle', label: 'Rename to match title…' });
  items.push(
    { action: 'duplicate', label: 'Duplicate' },
    { action: 'copyPath', label: 'Copy path', shortcut: postShortcuts.copyPath },
    { action: 'export', label: 'Export…' },
  );
  // Browser mode has no file manager of the user's to show it in (the server's disk may be remote).
  if (platform === 'desktop')
    items.push({ action: 'reveal', label: 'Show in file manager', shortcut: postShortcuts.reveal });
  items.push({ action: 'delete', label: 'Delete', shortcut: postShortcuts.delete });
  return items;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The title with each matched word marked, as the search reported them (lowercase). */
export function highlighted(title: string, terms: readonly string[] | undefined): ReactNode {
  const words = (terms ?? []).filter((term) => term !== '');
  if (words.length === 0) return title;
  const pattern = new RegExp(
    `(${[...words]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')})`,
    'giu',
  );
  // Splitting on a capturing group puts the matches at the odd indexes.
  return title
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part === '' ? null : part));
}

/** In a virtualized list: where the row sits. */
interface VirtualPlace {
  readonly index: number;
  readonly top: number;
}

interface PostRowProps {
  readonly post: PostSummary;
  readonly scheduled: boolean;
  readonly terms: readonly string[] | undefined;
  readonly isOpen: boolean;
  /** Whether this row's post has unsaved changes (only the open post can). */
  readonly dirty: boolean;
  readonly menuOpen: boolean;
  /** The row Tab lands on in the list (roving tabindex). */
  readonly active: boolean;
  /** Take focus once rendered (the keyboard moved here). */
  readonly focusNow: boolean;
  readonly onFocused: () => void;
  readonly onOpen: (path: string) => void;
  readonly onActivate: (path: string) => void;
  readonly onMenu: (menu: OpenMenu) => void;
  /**
   * In a virtualized list: where the row sits, as plain numbers so a row that stays in place keeps
   * equal props and does not render again.
   */
  readonly virtualIndex?: number;
  readonly virtualTop?: number;
  /** In a virtualized list: how many posts it has (told to screen readers, which see only some rows). */
  readonly virtualCount?: number;
}

const PostRow = memo(function PostRow({
  post,
  scheduled,
  terms,
  isOpen,
  dirty,
  menuOpen,
  active,
  focusNow,
  onFocused,
  onOpen,
  onActivate,
  onMenu,
  virtualIndex,
  virtualTop,
  virtualCount,
}: PostRowProps) {
  const errors = post.problems.filter((each) => each.severity === 'error').length;
  const warnings = post.problems.length - errors;
  const problem = post.problems.map((each) => each.message).join('\n');
  const problemId = useId();
  const option = useRef<HTMLDivElement>(null);
  const title = post.title === '' ? post.path : post.title;
  useLayoutEffect(() => {
    if (!focusNow) return;
    option.current?.focus();
    onFocused();
  }, [focusNow, onFocused]);
  // Right-click, Shift+F10 and the context-menu key all arrive here; the keyboard ones have no
  // pointer position, so the menu opens below the row instead.
  const onContextMenu = (event: ReactMouseEvent<HTMLElement>): void => {
    event.preventDefault();
    const from = option.current;
    const box = event.currentTarget.getBoundingClientRect();
    const byPointer = event.clientX !== 0 || event.clientY !== 0;
    onMenu({
      post,
      x: byPointer ? event.clientX : box.left + 16,
      y: byPointer ? event.clientY : box.bottom,
      from,
    });
  };
  const badge = scheduled ? 'scheduled' : post.status;
  return (
    <li
      role="presentation"
      className="post-row-item"
      data-index={virtualIndex}
      style={
        virtualTop === undefined
          ? undefined
          : {
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              height: virtualRowHeight,
              transform: `translateY(${virtualTop}px)`,
              // Its size is fixed: laying out a new row never reaches past it.
              contain: 'size layout style',
            }
      }
    >
      <div
        ref={option}
        role="option"
        className="post-row"
        aria-label={title}
        aria-selected={isOpen}
        aria-setsize={virtualCount}
        aria-posinset={virtualIndex === undefined ? undefined : virtualIndex + 1}
        aria-describedby={problem === '' ? undefined : problemId}
        tabIndex={active ? 0 : -1}
        data-path={post.path}
        title={post.path}
        onClick={() => {
          onActivate(post.path);
          onOpen(post.path);
        }}
        onFocus={() => onActivate(post.path)}
        onContextMenu={onContextMenu}
      >
        <span className="post-row-title">
          <span className="post-title-text">{highlighted(title, terms)}</span>
          {post.featured && (
            <span className="featured-mark" role="img" aria-label="Featured post" title="Featured">
              ★
            </span>
          )}
          {dirty && <span className="dirty-dot" role="img" aria-label="Unsaved changes" />}
        </span>
        <span className="post-row-meta">
          {(errors > 0 || warnings > 0) && (
            // Errors outrank warnings: the marker shows the errors when there are any.
            <span
              className={`problem-marker${errors > 0 ? '' : ' problem-marker-warning'}`}
              role="img"
              aria-label={errors > 0 ? plural(errors, 'error') : plural(warnings, 'warning')}
              title={problem}
            >
              {errors > 0 ? errors : warnings}
            </span>
          )}
          {post.date !== '' && <span className="post-date">{post.date}</span>}
          <span className={`badge badge-${badge}`}>
            {badge === 'scheduled' ? 'Scheduled' : badge === 'published' ? 'Published' : 'Draft'}
          </span>
        </span>
      </div>
      <button
        type="button"
        className="post-row-menu-button"
        aria-label={`Actions for ${title}`}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        title="Actions (Shift+F10)"
        // The row itself takes the keyboard (Shift+F10 or the context-menu key opens this menu).
        tabIndex={-1}
        onContextMenu={onContextMenu}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          onMenu({ post, x: box.left, y: box.bottom + 2, from: event.currentTarget });
        }}
      >
        ⋯
      </button>
      {problem !== '' && (
        <span id={problemId} className="visually-hidden">
          {problem}
        </span>
      )}
    </li>
  );
});

/**
 * Lists longer than this render only the rows in view (a 10,000-post blog stays smooth). Low: a
 * filter that leaves a few hundred posts would otherwise build a few hundred rows in one change,
 * most of that change's time.
 */
const virtualFrom = 50;

/**
 * A virtualized row's height in pixels (title on one line, then the meta line; see
 * `.post-listbox-virtual` in app.css). Fixed, so a filter change never measures rows: measuring
 * forces a layout per row and was most of a filter change's time at 10,000 posts.
 */
const virtualRowHeight = 60;

const rowSize = (): number => virtualRowHeight;

function VirtualRows({
  posts,
  scrollTo,
  children,
}: {
  readonly posts: readonly PostSummary[];
  /** Set to a function that scrolls a row into view, for the keyboard. */
  readonly scrollTo: RefObject<((index: number) => void) | null>;
  readonly children: (post: PostSummary, virtual: VirtualPlace) => ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: posts.length,
    // The list's own box scrolls; rows are placed below the list's offset in it.
    getScrollElement: () => list.current?.closest<HTMLElement>('.post-list') ?? null,
    // Options that keep their identity: a new `estimateSize` or `getItemKey` makes the virtualizer
    // measure every row again (10,000 at a time) on each render. Rows are keyed by path where they
    // are drawn; the virtualizer's own keys are indexes, which suits rows of one fixed height.
    estimateSize: rowSize,
    // Rows beyond the view on each side: enough for a fast scroll (the virtualizer renders rows
    // for a scroll in the same frame), few to build on a filter change.
    overscan: 4,
    scrollMargin: list.current?.offsetTop ?? 0,
  });
  useLayoutEffect(() => {
    scrollTo.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
    return () => {
      scrollTo.current = null;
    };
  });
  return (
    <div
      ref={list}
      role="presentation"
      // Sized by its style alone, so the rows inside never lay out the page around it.
      style={{
        position: 'relative',
        height: virtualizer.getTotalSize(),
        contain: 'size layout style',
      }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const post = posts[item.index];
        if (post === undefined) return null;
        return children(post, {
          index: item.index,
          top: item.start - virtualizer.options.scrollMargin,
        });
      })}
    </div>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

/**
 * The sidebar: the folder's posts as a listbox, filtered and sorted by the sidebar's filters, each
 * row with its status, featured mark and any problem. Typing anywhere in the sidebar (or "/")
 * goes to the search box; arrow keys, Home and End move in the list, Enter opens.
 */
export function PostList({
  api,
  posts,
  openPath,
  dirty,
  onOpen,
  onNewPost,
  onAction,
  progress = null,
  folderRoot,
  preferences,
  onPreferencesChange,
  shownRef,
}: PostListProps) {
  // Here, not in the app: a filter change re-renders the sidebar only.
  const [view, onViewChange] = useSidebarView(folderRoot, preferences, onPreferencesChange);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const menuRef = useRef(menu);
  useLayoutEffect(() => {
    menuRef.current = menu;
  });
  const closeMenu = useCallback((refocus: boolean) => {
    const from = menuRef.current?.from;
    setMenu(null);
    if (refocus) from?.focus();
  }, []);

  // The app makes a new `onOpen` on each of its renders; rows get one that keeps its identity, so a
  // change elsewhere in the app does not render every row in view again.
  const openLatest = useRef(onOpen);
  useLayoutEffect(() => {
    openLatest.current = onOpen;
  });
  const openStable = useCallback((path: string) => openLatest.current(path), []);

  const all = posts.state === 'ready' ? posts.value : null;
  const prepared = useMemo(() => preparePosts(all ?? []), [all]);
  const answer = useSearch(api, view.search, prepared);
  const day = today();
  const outcome = useMemo(() => {
    const start = performance.now();
    const result = applyFilters(prepared, view, answer?.hits ?? null, day);
    performance.measure('postwright:filter-pass', { start, end: performance.now() });
    return result;
  }, [prepared, view, answer, day]);
  const shown = outcome.posts;
  useLayoutEffect(() => {
    if (shownRef !== undefined) shownRef.current = shown;
  }, [shown, shownRef]);

  const measuredAnswer = useRef(answer);
  useLayoutEffect(() => {
    measureFilterCommit(listArea.current);
    if (answer !== null && answer !== measuredAnswer.current) measureSearchCommit(answer.typedAt);
    measuredAnswer.current = answer;
  }, [outcome, answer]);

  // Roving focus: the row Tab lands on. It follows the open post until the keyboard moves it.
  const [activePath, setActivePath] = useState<string | null>(null);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  // A scan, not a map: this runs on every filter change, the keyboard far less often.
  const indexOf = (path: string): number => shown.findIndex((post) => post.path === path);
  const active =
    activePath !== null && indexOf(activePath) >= 0
      ? activePath
      : openPath !== null && indexOf(openPath) >= 0
        ? openPath
        : (shown[0]?.path ?? null);
  const scrollTo = useRef<((index: number) => void) | null>(null);
  const listArea = useRef<HTMLElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const onFocused = useCallback(() => setFocusPath(null), []);

  const moveTo = (index: number): void => {
    const post = shown[Math.max(0, Math.min(shown.length - 1, index))];
    if (post === undefined) return;
    setActivePath(post.path);
    setFocusPath(post.path);
    scrollTo.current?.(Math.max(0, indexOf(post.path)));
  };
  // ArrowDown in the search box moves into the list; one function for every render, so the
  // filters (a memo) do not render again for it.
  const arrowDownLatest = useRef(() => undefined as void);
  useLayoutEffect(() => {
    arrowDownLatest.current = () => moveTo(active === null ? 0 : Math.max(0, indexOf(active)));
  });
  const searchArrowDown = useCallback(() => arrowDownLatest.current(), []);

  const openMenuFor = (path: string): void => {
    const post = shown[indexOf(path)];
    const element = document.querySelector<HTMLElement>(
      `[role="option"][data-path="${CSS.escape(path)}"]`,
    );
    if (post === undefined || element === null) return;
    const box = element.getBoundingClientRect();
    setMenu({ post, x: box.left + 16, y: box.bottom, from: element });
  };

  const onListKeyDown = (event: ReactKeyboardEvent<HTMLElement>): void => {
    // Keys on a row's ⋯ button are the button's.
    if ((event.target as HTMLElement).getAttribute('role') !== 'option') return;
    const at = active === null ? -1 : indexOf(active);
    if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      event.preventDefault();
      if (active !== null) openMenuFor(active);
      return;
    }
    const action = postActionOfKey(event);
    const post = active === null ? undefined : shown[indexOf(active)];
    if (
      action !== null &&
      post !== undefined &&
      (action !== 'reveal' || api.platform === 'desktop')
    ) {
      event.preventDefault();
      onAction(action, post);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // A page of rows, about what the list shows at once.
    const page = 10;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: shown.length - 1,
      PageDown: at + page,
      PageUp: at - page,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && active !== null) {
      event.preventDefault();
      onOpen(active);
    }
  };

  // Typing anywhere in the sidebar goes to the search box; "/" only focuses it.
  const onSidebarKeyDown = (event: ReactKeyboardEvent<HTMLElement>): void => {
    if (isTyping(event.target) || event.defaultPrevented) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key.length !== 1 || event.key === ' ') return;
    if (menu !== null) return;
    event.preventDefault();
    search.current?.focus();
    if (event.key === '/') return;
    markSearchKeystroke();
    onViewChange({ ...view, search: view.search + event.key });
  };

  const listed = posts.state === 'ready' ? posts.value.length : 0;
  const row = (post: PostSummary, virtual?: VirtualPlace) => (
    <PostRow
      key={post.path}
      post={post}
      scheduled={isScheduled(prepared.byPath.get(post.path) as Row, day)}
      terms={outcome.terms.get(post.path)}
      isOpen={post.path === openPath}
      dirty={dirty && post.path === openPath}
      menuOpen={menu?.post.path === post.path}
      active={post.path === active}
      focusNow={post.path === focusPath}
      onFocused={onFocused}
      onOpen={openStable}
      onActivate={setActivePath}
      onMenu={setMenu}
      {...(virtual === undefined
        ? {}
        : { virtualIndex: virtual.index, virtualTop: virtual.top, virtualCount: shown.length })}
    />
  );
  return (
    <div className="sidebar-panel" onKeyDown={onSidebarKeyDown}>
      {/* Outside the list's navigation: it acts on the folder, not on one post. */}
      <div className="post-list-header">
        <h2 className="post-list-heading">
          {posts.state === 'ready'
            ? shown.length === listed
              ? listed === 1
                ? '1 post'
                : `${listed} posts`
              : `${shown.length} of ${listed} posts`
            : 'Posts'}
        </h2>
        <button type="button" className="button button-small" onClick={onNewPost}>
          New post
        </button>
      </div>
      {posts.state === 'ready' && listed > 0 && folderRoot !== null && (
        <SavedViews
          views={preferences?.savedViews[folderRoot] ?? []}
          current={view}
          onApply={onViewChange}
          onChange={(next) =>
            onPreferencesChange({
              savedViews: { ...(preferences?.savedViews ?? {}), [folderRoot]: next },
            })
          }
        />
      )}
      {posts.state === 'ready' && listed > 0 && (
        <SidebarFilters
          view={view}
          outcome={outcome}
          onChange={onViewChange}
          searchRef={search}
          searchError={answer?.error ?? null}
          onSearchArrowDown={searchArrowDown}
        />
      )}
      {progress !== null && progress.done < progress.total && (
        <p className="post-list-progress" role="status">
          Checking posts… {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
        </p>
      )}
      <nav ref={listArea} className="post-list" aria-label="Posts">
        {posts.state === 'loading' && <p className="post-list-note">Loading posts…</p>}
        {posts.state === 'failed' && (
          <p className="notice notice-error" role="alert">
            The posts could not be listed: {posts.message}
          </p>
        )}
        {posts.state === 'ready' && listed === 0 && (
          <p className="post-list-note">No posts in this folder yet.</p>
        )}
        {posts.state === 'ready' && listed > 0 && shown.length === 0 && (
          <p className="post-list-note" role="status">
            No posts match these filters.
          </p>
        )}
        {shown.length > 0 && (
          <ul
            role="listbox"
            aria-label="Posts"
            className={`post-listbox${shown.length > virtualFrom ? ' post-listbox-virtual' : ''}`}
            onKeyDown={onListKeyDown}
          >
            {shown.length <= virtualFrom ? (
              shown.map((post) => row(post))
            ) : (
              <VirtualRows posts={shown} scrollTo={scrollTo}>
                {(post, virtual) => row(post, virtual)}
              </VirtualRows>
            )}
          </ul>
        )}
        {menu !== null && (
          <PostMenu
            label={`Actions for ${menu.post.title === '' ? menu.post.path : menu.post.title}`}
            items={menuItems(menu.post, api.platform)}
            x={menu.x}
            y={menu.y}
            onClose={closeMenu}
            onChoose={(action) => {
              // Focus goes back to the row first, so a dialog the action opens returns it there.
              closeMenu(true);
              onAction(action, menu.post);
            }}
          />
        )}
      </nav>
    </div>
  );
}
