import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent, ReactNode } from 'react';
import type { PostSummary } from '../../shared/api';
import { plural } from '../app/checks';
import type { Load } from '../app/load';
import { nameFromTitle } from '../app/post-names';
import { PostMenu } from './post-menu';
import type { PostAction, PostMenuItem } from './post-menu';

/** Props of {@link PostList}. */
export interface PostListProps {
  readonly posts: Load<readonly PostSummary[]>;
  readonly openPath: string | null;
  /** Whether the open post has unsaved changes. */
  readonly dirty: boolean;
  readonly onOpen: (path: string) => void;
  /** "New post" in the sidebar's header. */
  readonly onNewPost: () => void;
  /** An action chosen from a post's menu (the ⋯ button or a right-click). */
  readonly onAction: (action: PostAction, post: PostSummary) => void;
  /** A first index of a large folder that is still checking posts. */
  readonly progress?: { readonly done: number; readonly total: number } | null;
}

/** Where a post's menu is open, and what to focus again when it closes. */
interface OpenMenu {
  readonly post: PostSummary;
  readonly x: number;
  readonly y: number;
  readonly from: HTMLElement | null;
}

function menuItems(post: PostSummary): PostMenuItem[] {
  const items: PostMenuItem[] = [{ action: 'rename', label: 'Rename…' }];
  if (nameFromTitle(post.title, post.path) !== null)
    items.push({ action: 'renameToTitle', label: 'Rename to match title…' });
  items.push(
    { action: 'duplicate', label: 'Duplicate' },
    { action: 'copyPath', label: 'Copy path' },
    { action: 'delete', label: 'Delete…' },
  );
  return items;
}

function PostRow({
  post,
  isOpen,
  dirty,
  menuOpen,
  onOpen,
  onMenu,
  virtual,
}: {
  readonly post: PostSummary;
  readonly isOpen: boolean;
  readonly dirty: boolean;
  readonly menuOpen: boolean;
  readonly onOpen: (path: string) => void;
  readonly onMenu: (menu: OpenMenu) => void;
  /** In a virtualized list: where the row sits, and the ref that measures its height. */
  readonly virtual?: {
    readonly index: number;
    readonly top: number;
    readonly measure: (element: HTMLElement | null) => void;
  };
}) {
  const errors = post.problems.filter((each) => each.severity === 'error').length;
  const warnings = post.problems.length - errors;
  const problem = post.problems.map((each) => each.message).join('\n');
  const problemId = useId();
  const title = post.title === '' ? post.path : post.title;
  // Right-click, Shift+F10 and the context-menu key all arrive here; the keyboard ones have no
  // pointer position, so the menu opens below the row instead.
  const onContextMenu = (event: ReactMouseEvent<HTMLElement>): void => {
    event.preventDefault();
    const from = event.currentTarget;
    const box = from.getBoundingClientRect();
    const byPointer = event.clientX !== 0 || event.clientY !== 0;
    onMenu({
      post,
      x: byPointer ? event.clientX : box.left + 16,
      y: byPointer ? event.clientY : box.bottom,
      from,
    });
  };
  return (
    <li
      className="post-row-item"
      ref={virtual?.measure}
      data-index={virtual?.index}
      style={
        virtual === undefined
          ? undefined
          : {
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${virtual.top}px)`,
            }
      }
    >
      <button
        onContextMenu={onContextMenu}
        type="button"
        className="post-row"
        aria-current={isOpen ? 'true' : undefined}
        aria-describedby={problem === '' ? undefined : problemId}
        title={post.path}
        onClick={() => onOpen(post.path)}
      >
        <span className="post-row-title">
          <span className="post-title-text">{title}</span>
          {isOpen && dirty && (
            <span className="dirty-dot" role="img" aria-label="Unsaved changes" />
          )}
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
          <span className={`badge badge-${post.status}`}>
            {post.status === 'published' ? 'Published' : 'Draft'}
          </span>
        </span>
      </button>
      <button
        type="button"
        className="post-row-menu-button"
        aria-label={`Actions for ${title}`}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        title="Actions"
        onContextMenu={onContextMenu}
        onClick={(event) => {
          const from = event.currentTarget;
          const box = from.getBoundingClientRect();
          onMenu({ post, x: box.left, y: box.bottom + 2, from });
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
}

/** Lists longer than this render only the rows in view (a 10,000-post blog stays smooth). */
const virtualFrom = 300;

function VirtualRows({
  posts,
  children,
}: {
  readonly posts: readonly PostSummary[];
  readonly children: (
    post: PostSummary,
    virtual: { index: number; top: number; measure: (element: HTMLElement | null) => void },
  ) => ReactNode;
}) {
  const list = useRef<HTMLUListElement>(null);
  const virtualizer = useVirtualizer({
    count: posts.length,
    // The sidebar scrolls, not the list: rows are placed below the list's own offset in it.
    getScrollElement: () => list.current?.closest<HTMLElement>('.sidebar') ?? null,
    estimateSize: () => 64,
    overscan: 12,
    scrollMargin: list.current?.offsetTop ?? 0,
    getItemKey: (index) => posts[index]?.path ?? index,
  });
  return (
    <ul ref={list} style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const post = posts[item.index];
        if (post === undefined) return null;
        return children(post, {
          index: item.index,
          top: item.start - virtualizer.options.scrollMargin,
          measure: virtualizer.measureElement,
        });
      })}
    </ul>
  );
}

/** The sidebar: every post in the folder, newest first, with its status and any problem. */
export function PostList({
  posts,
  openPath,
  dirty,
  onOpen,
  onNewPost,
  onAction,
  progress = null,
}: PostListProps) {
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
  return (
    <>
      {/* Outside the list's navigation: it acts on the folder, not on one post. */}
      <div className="post-list-header">
        <h2 className="post-list-heading">
          {posts.state === 'ready'
            ? posts.value.length === 1
              ? '1 post'
              : `${posts.value.length} posts`
            : 'Posts'}
        </h2>
        <button type="button" className="button button-small" onClick={onNewPost}>
          New post
        </button>
      </div>
      {progress !== null && progress.done < progress.total && (
        <p className="post-list-progress" role="status">
          Checking posts… {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
        </p>
      )}
      <nav className="post-list" aria-label="Posts">
        {posts.state === 'loading' && <p className="post-list-note">Loading posts…</p>}
        {posts.state === 'failed' && (
          <p className="notice notice-error" role="alert">
            The posts could not be listed: {posts.message}
          </p>
        )}
        {posts.state === 'ready' && posts.value.length === 0 && (
          <p className="post-list-note">No posts in this folder yet.</p>
        )}
        {posts.state === 'ready' && posts.value.length > 0 && posts.value.length <= virtualFrom && (
          <ul>
            {posts.value.map((post) => (
              <PostRow
                key={post.path}
                post={post}
                isOpen={post.path === openPath}
                dirty={dirty}
                menuOpen={menu?.post.path === post.path}
                onOpen={onOpen}
                onMenu={setMenu}
              />
            ))}
          </ul>
        )}
        {posts.state === 'ready' && posts.value.length > virtualFrom && (
          <VirtualRows posts={posts.value}>
            {(post, virtual) => (
              <PostRow
                key={post.path}
                post={post}
                isOpen={post.path === openPath}
                dirty={dirty}
                menuOpen={menu?.post.path === post.path}
                onOpen={onOpen}
                onMenu={setMenu}
                virtual={virtual}
              />
            )}
          </VirtualRows>
        )}
        {menu !== null && (
          <PostMenu
            label={`Actions for ${menu.post.title === '' ? menu.post.path : menu.post.title}`}
            items={menuItems(menu.post)}
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
    </>
  );
}
