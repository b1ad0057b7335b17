import { readFile } from 'node:fs/promises';
import type { PostSummary } from '../../shared/api';
import { parsePost } from '../../shared/document';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { inferFields } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import type { Emit } from '../events';
import type { LoadedConfig } from './config';
import { decodePost, indexFolder, summarize } from './library';
import { resolveInside } from './paths';
import { splitPost } from './post-file';
import { watchFolder } from './watcher';
import type { FolderChanges, FolderWatcher } from './watcher';

/** The posts of one open folder, kept current as other programs change files. */
export interface LiveIndex {
  /** The index, built on first use; later calls get the same, kept up to date by the watcher. */
  posts(): Promise<Result<readonly PostSummary[]>>;
  /** The folder's schema (config plus the keys its posts use) and the config as loaded. */
  schema(): Promise<Result<{ readonly schema: Schema; readonly config: LoadedConfig }>>;
  /** Stops watching. */
  close(): Promise<void>;
}

/** Options for `createLiveIndex`. */
export interface LiveIndexOptions {
  readonly emit: Emit;
  /** Whether to watch the folder (off for one-shot users such as tests of the index alone). */
  readonly watch?: boolean;
}

interface State {
  readonly config: LoadedConfig;
  schema: Schema;
  readonly posts: Map<string, PostSummary>;
  readonly values: Map<string, Readonly<Record<string, unknown>>>;
}

function byDate(a: PostSummary, b: PostSummary): number {
  return b.date.localeCompare(a.date) || a.title.localeCompare(b.title);
}

/**
 * The index of one posts folder that the app keeps in memory: built once (from the index cache
 * when it is valid), then updated file by file from the watcher's batches, emitting
 * `postAddedOnDisk`, `postChangedOnDisk` and `postRemovedOnDisk`; a changed config file rebuilds
 * it and emits `postsReindexed`.
 */
export function createLiveIndex(root: string, options: LiveIndexOptions): LiveIndex {
  let building: Promise<Result<State>> | null = null;
  let watcher: FolderWatcher | null = null;
  let closed = false;
  // Batches are applied one after another, so a slow read never reorders two changes to one post.
  let applying: Promise<void> = Promise.resolve();

  const build = async (): Promise<Result<State>> => {
    const index = await indexFolder(root);
    if (!index.ok) return index;
    const posts = new Map(index.value.posts.map((post) => [post.path, post]));
    const values = new Map(index.value.values);
    return ok({ config: index.value.config, schema: index.value.schema, posts, values });
  };

  const summaryOf = async (state: State, path: string): Promise<PostSummary | null> => {
    const file = await resolveInside(root, path);
    if (!file.ok) return null;
    try {
      const text = decodePost(await readFile(file.value));
      if (!text.ok) {
        state.values.delete(path);
        return {
          path,
          title: path,
          date: '',
          status: 'draft',
          tags: [],
          category: '',
          problems: [
            {
              path,
              line: 1,
              column: 1,
              field: null,
              severity: 'error',
              rule: 'front-matter',
              message: `The file cannot be read: ${text.error.message}`,
            },
          ],
        };
      }
      const doc = parsePost(text.value, splitPost(text.value));
      state.values.set(path, doc.values);
      return summarize(path, doc, state.schema);
    } catch {
      // Gone again before we read it: the next batch reports the removal.
      return null;
    }
  };

  const apply = async (changes: FolderChanges): Promise<void> => {
    if (closed || building === null) return;
    if (changes.configChanged) {
      building = build();
      const rebuilt = await building;
      if (rebuilt.ok) options.emit('postsReindexed', { count: rebuilt.value.posts.size });
      return;
    }
    const state = await building;
    if (!state.ok) return;
    for (const path of changes.removed) {
      if (!state.value.posts.delete(path)) continue;
      state.value.values.delete(path);
      options.emit('postRemovedOnDisk', { path });
    }
    for (const [paths, event] of [
      [changes.added, 'postAddedOnDisk'],
      [changes.changed, 'postChangedOnDisk'],
    ] as const) {
      for (const path of paths) {
        const summary = await summaryOf(state.value, path);
        if (summary === null) continue;
        const known = state.value.posts.has(path);
        state.value.posts.set(path, summary);
        options.emit(
          known ? 'postChangedOnDisk' : event === 'postChangedOnDisk' ? 'postAddedOnDisk' : event,
          summary,
        );
      }
    }
    if (changes.added.length > 0) {
      state.value.schema = inferFields(state.value.config.schema, [...state.value.values.values()]);
    }
  };

  const ensure = (): Promise<Result<State>> => {
    if (closed) return Promise.resolve(fail('folderUnreadable', 'This folder was closed'));
    if (building === null) {
      building = build();
      if (options.watch !== false) {
        watcher = watchFolder(root, (changes) => {
          applying = applying.then(() => apply(changes)).catch(() => undefined);
        });
      }
    }
    return building;
  };

  return {
    async posts() {
      const state = await ensure();
      return state.ok ? ok([...state.value.posts.values()].sort(byDate)) : state;
    },
    async schema() {
      const state = await ensure();
      return state.ok ? ok({ schema: state.value.schema, config: state.value.config }) : state;
    },
    async close() {
      closed = true;
      await watcher?.close();
    },
  };
}
