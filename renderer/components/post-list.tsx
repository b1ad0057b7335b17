import { useId } from 'react';
import type { PostSummary } from '../../shared/api';
import { plural } from '../app/checks';
import type { Load } from '../app/load';

/** Props of {@link PostList}. */
export interface PostListProps {
  readonly posts: Load<readonly PostSummary[]>;
  readonly openPath: string | null;
  /** Whether the open post has unsaved changes. */
  readonly dirty: boolean;
  readonly onOpen: (path: string) => void;
}

function PostRow({
  post,
  isOpen,
  dirty,
  onOpen,
}: {
  readonly post: PostSummary;
  readonly isOpen: boolean;
  readonly dirty: boolean;
  readonly onOpen: (path: string) => void;
}) {
  const errors = post.problems.filter((each) => each.severity === 'error').length;
  const warnings = post.problems.length - errors;
  const problem = post.problems.map((each) => each.message).join('\n');
  const problemId = useId();
  return (
    <li>
      <button
        type="button"
        className="post-row"
        aria-current={isOpen ? 'true' : undefined}
        aria-describedby={problem === '' ? undefined : problemId}
        title={post.path}
        onClick={() => onOpen(post.path)}
      >
        <span className="post-row-title">
          <span className="post-title-text">{post.title === '' ? post.path : post.title}</span>
          {isOpen && dirty && (
            <span className="dirty-dot" role="img" aria-label="Unsaved changes" />
          )}
        </span>
        <span className="post-row-meta">
          {errors > 0 && (
            <span
              className="problem-marker"
              role="img"
              aria-label={plural(errors, 'error')}
              title={problem}
            >
              {errors}
            </span>
          )}
          {errors === 0 && warnings > 0 && (
            <span
              className="problem-marker problem-marker-warning"
              role="img"
              aria-label={plural(warnings, 'warning')}
              title={problem}
            >
              {warnings}
            </span>
          )}
          {post.date !== '' && <span className="post-date">{post.date}</span>}
          <span className={`badge badge-${post.status}`}>
            {post.status === 'published' ? 'Published' : 'Draft'}
          </span>
        </span>
      </button>
      {problem !== '' && (
        <span id={problemId} className="visually-hidden">
          {problem}
        </span>
      )}
    </li>
  );
}

/** The sidebar: every post in the folder, newest first, with its status and any problem. */
export function PostList({ posts, openPath, dirty, onOpen }: PostListProps) {
  return (
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
      {posts.state === 'ready' && posts.value.length > 0 && (
        <>
          <h2 className="post-list-heading">
            {posts.value.length === 1 ? '1 post' : `${posts.value.length} posts`}
          </h2>
          <ul>
            {posts.value.map((post) => (
              <PostRow
                key={post.path}
                post={post}
                isOpen={post.path === openPath}
                dirty={dirty}
                onOpen={onOpen}
              />
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
