import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { factsFromRead, keptFacts } from './index-entry';
import type { PostFacts } from './index-entry';
import type { FileRead, FileStamp } from './scan';

/** What the index's thread asks a worker: the facts of one file read whole. */
export interface FactsRequest {
  readonly id: number;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly stamp: FileStamp;
  readonly readAt: number;
}

/** A worker's answer: the facts (with copies of every string), or the bug that stopped it. */
export type FactsReply =
  | { readonly id: number; readonly facts: PostFacts }
  | { readonly id: number; readonly error: string };

/**
 * Threads that turn files' bytes into their facts (decode, front matter, body checks, word count:
 * nearly all of a cold index's work) while the index's thread reads the next files, so parsing
 * overlaps the reads and runs on every core.
 */
export interface FactsPool {
  /** The facts of a file read whole: exactly what `factsFromRead` gives in this thread. */
  facts(path: string, read: FileRead, readAt: number): Promise<PostFacts>;
  /** Ends the threads. Call it when the index is built, also when it failed. */
  close(): Promise<void>;
  /** Worker threads started; 0 when everything runs in this thread. */
  readonly threads: number;
  /** Files the worker threads answered so far (the others were done in this thread). */
  answered(): number;
}

/** How many worker threads a cold index uses unless told: one per core, at most four. */
export function defaultFactsThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * The worker script beside the bundle that runs this code (out/electron/index-worker.cjs, built
 * by electron/build.mjs), or null when there is none: running from the TypeScript sources (unit
 * tests), where everything then runs in this thread.
 */
export async function defaultWorkerScript(): Promise<string | null> {
  if (typeof __dirname !== 'string') return null;
  const script = join(__dirname, 'index-worker.cjs');
  return access(script).then(
    () => script,
    () => null,
  );
}

interface Task {
  readonly path: string;
  readonly read: FileRead;
  readonly readAt: number;
  readonly resolve: (facts: PostFacts) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Task>;
  alive: boolean;
}

function inThisThread(task: Task): void {
  try {
    task.resolve(factsFromRead(task.path, task.read, task.readAt));
  } catch (error) {
    task.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The pool that runs everything in this thread: what a pool with no threads is. */
const noThreads: FactsPool = {
  facts: (path, read, readAt) =>
    new Promise((resolve, reject) => inThisThread({ path, read, readAt, resolve, reject })),
  close: () => Promise.resolve(),
  threads: 0,
  answered: () => 0,
};

/**
 * A pool of `threads` workers running `script` (see index-worker.ts); with no script or no
 * threads, one that works in this thread. A worker that dies (it cannot start, or it crashed)
 * is not used again, and its unanswered files are done in this thread, so the facts are the same
 * whatever happens to the threads. Each file goes to the worker with the fewest files waiting.
 */
export function openFactsPool(script: string | null, threads: number): FactsPool {
  if (script === null || threads < 1) return noThreads;
  let nextId = 0;
  let answered = 0;
  const pool: Thread[] = [];
  for (let i = 0; i < threads; i++) {
    const thread: Thread = { worker: new Worker(script), pending: new Map(), alive: true };
    // Also on `exit` after `close`: nothing asked of the pool is ever left unanswered.
    const retire = (): void => {
      thread.alive = false;
      const unanswered = [...thread.pending.values()];
      thread.pending.clear();
      for (const task of unanswered) inThisThread(task);
    };
    thread.worker.on('message', (reply: FactsReply) => {
      const task = thread.pending.get(reply.id);
      if (task === undefined) return;
      thread.pending.delete(reply.id);
      answered++;
      if ('facts' in reply) task.resolve(keptFacts(reply.facts));
      // A bug in the checks: it would have thrown in this thread too.
      else task.reject(new Error(`Indexing ${task.path} failed: ${reply.error}`));
    });
    thread.worker.on('error', retire);
    thread.worker.on('exit', retire);
    pool.push(thread);
  }
  return {
    threads,
    answered: () => answered,
    facts: (path, read, readAt) =>
      new Promise((resolve, reject) => {
        const task: Task = { path, read, readAt, resolve, reject };
        let best: Thread | undefined;
        for (const thread of pool) {
          if (thread.alive && (best === undefined || thread.pending.size < best.pending.size))
            best = thread;
        }
        if (best === undefined) return inThisThread(task);
        const id = nextId++;
        best.pending.set(id, task);
        const request: FactsRequest = { id, path, bytes: read.bytes, stamp: read.stamp, readAt };
        best.worker.postMessage(request);
      }),
    close: async () => {
      await Promise.all(
        pool.map(async (thread) => {
          thread.alive = false;
          await thread.worker.terminate();
        }),
      );
    },
  };
}
