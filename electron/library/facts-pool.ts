import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  attachedFactsFromRead,
  frontOf,
  isLater,
  keptFacts,
  readFacts,
  readHeadFacts,
  readLater,
  readWholeFacts,
  withLaterFacts,
} from './index-entry';
import type { Front, HeadFacts, LaterFacts, PostFacts } from './index-entry';
import { diskReader, headBytes } from './scan';
import type { FoundPost } from './scan';

/**
 * What the index's thread asks a worker: the facts of one post file read whole (`readFacts`), or,
 * for a post listed early (`front` given), what the whole read adds to its early facts
 * (`readLater`). The early list's first bytes are read in the index's thread.
 */
export interface FactsRequest {
  readonly id: number;
  readonly post: FoundPost;
  readonly front?: Front;
}

/** What a worker found: the facts, or what a whole read added to early facts. */
export type FactsAnswer = { readonly facts: PostFacts | null } | { readonly later: LaterFacts };

/**
 * What a request asks for, done in a worker: the strings still slices of the text read, which
 * the reply's message copies.
 */
export async function answerInWorker(request: Omit<FactsRequest, 'id'>): Promise<FactsAnswer> {
  if (request.front === undefined)
    return { facts: await readFacts(diskReader, request.post, attachedFactsFromRead) };
  const read = await readLater(diskReader, request.post, request.front, attachedFactsFromRead);
  return read !== null && isLater(read) ? { later: read } : { facts: read };
}

/**
 * A worker's answer (every string a copy; null facts for a file that is gone), or the bug that
 * stopped it.
 */
export type FactsReply =
  ({ readonly id: number } & FactsAnswer) | { readonly id: number; readonly error: string };

/**
 * Threads that read post files and turn them into their facts (decode, front matter, body checks,
 * word count: nearly all of a cold index's work) beside this thread, each reading its next files
 * while it parses. They read, not the index's thread: a file's bytes then live and die in the
 * thread that parses them (bytes handed across piled up, uncollected, in a thread that allocates
 * little: 314 MB peak at 10,000 posts instead of about 190).
 */
export interface FactsPool {
  /**
   * The facts of a post file read whole, null when it is gone: exactly what `readFacts` with the
   * disk gives in this thread, or for a post listed early (`head`, with its front) what
   * `readWholeFacts` gives.
   */
  factsOf(post: FoundPost, head?: HeadFacts): Promise<PostFacts | null>;
  /**
   * The early list's facts of a post file: `readHeadFacts` with the disk, always in this thread
   * (little work per file, and no worker's start-up to wait for).
   */
  headFactsOf(post: FoundPost): Promise<HeadFacts | null>;
  /** Ends the threads. Call it when the index is built, also when it failed. */
  close(): Promise<void>;
  /** Worker threads started; 0 when everything runs in this thread. */
  readonly threads: number;
  /** Files the worker threads answered so far (the others were done in this thread). */
  answered(): number;
}

/**
 * Files to read below which a cold index uses no worker: starting one costs about what checking a
 * hundred posts does (its modules load; 400 ms before its first answer on a loaded machine), so a
 * small folder is done sooner in this thread alone.
 */
export const minFilesForThreads = 256;

/**
 * How many worker threads a cold index of `files` files uses unless told: one when there are
 * enough files (`minFilesForThreads`) and a core besides this thread's (which takes its share of
 * the body checks too, see `openFactsPool`), else none. Not one per core: each worker is a V8 heap
 * more. Measured on the live index at 10,000 posts on two cores, quiet (peak RSS, time to
 * complete): one worker and this thread 207-211 MB, 4.9-5.3 s; one worker alone 205-210 MB,
 * 6.3-6.7 s; two workers 228-231 MB, 4.8-5.2 s.
 */
export function defaultFactsThreads(files: number): number {
  return files >= minFilesForThreads && availableParallelism() > 1 ? 1 : 0;
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

/**
 * Heap limits of a worker. V8 sizes a new thread's heap like a process's, far more than checking
 * one post at a time needs: two heaps that size would take the index past its memory goal. A small
 * young generation is collected often, freeing each file's bytes and tokens soon after; the old
 * generation's limit leaves room for the largest body that is checked (`bodyCheckLimit`). A worker
 * that runs out anyway dies, and its files are done in this thread.
 */
const workerLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

interface Task {
  readonly request: Omit<FactsRequest, 'id'>;
  /** Does the task in this thread. */
  readonly here: () => Promise<void>;
  /** Takes a worker's answer. */
  readonly take: (answer: FactsAnswer) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Task>;
  alive: boolean;
}

function inThisThread(task: Task): void {
  void task.here();
}

/** `factsOf` in this thread. */
function factsHere(post: FoundPost, head?: HeadFacts): Promise<PostFacts | null> {
  return readWholeFacts(diskReader, post, head);
}

/** `headFactsOf` in this thread. */
function headHere(post: FoundPost): Promise<HeadFacts | null> {
  return readHeadFacts(diskReader, post, headBytes);
}

/** The pool that runs everything in this thread: what a pool with no threads is. */
const noThreads: FactsPool = {
  factsOf: factsHere,
  headFactsOf: headHere,
  close: () => Promise.resolve(),
  threads: 0,
  answered: () => 0,
};

/**
 * A pool of `threads` workers running `script` (see index-worker.ts), and this thread: each whole
 * file goes to whichever has the fewest files waiting, this thread included, so it also works
 * while the reads it asked for are under way. With no script or no threads, everything is done
 * in this thread. A
 * worker that dies (it cannot start, or it crashed) is not used again, and its unanswered files
 * are done in this thread, so the facts are the same whatever happens to the threads.
 */
export function openFactsPool(script: string | null, threads: number): FactsPool {
  if (script === null || threads < 1) return noThreads;
  let nextId = 0;
  let here = 0;
  let answered = 0;
  const pool: Thread[] = [];
  for (let i = 0; i < threads; i++) {
    const thread: Thread = {
      worker: new Worker(script, { resourceLimits: workerLimits }),
      pending: new Map(),
      alive: true,
    };
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
      // A bug in the checks: it would have thrown in this thread too.
      if ('error' in reply)
        task.reject(new Error(`Indexing ${task.request.post.path} failed: ${reply.error}`));
      else task.take(reply);
    });
    thread.worker.on('error', retire);
    thread.worker.on('exit', retire);
    pool.push(thread);
  }
  const ask = (task: Task): void => {
    let best: Thread | undefined;
    for (const thread of pool) {
      if (thread.alive && (best === undefined || thread.pending.size < best.pending.size))
        best = thread;
    }
    if (best === undefined || here < best.pending.size) {
      here++;
      void task.here().finally(() => here--);
      return;
    }
    const id = nextId++;
    best.pending.set(id, task);
    best.worker.postMessage({ id, ...task.request } satisfies FactsRequest);
  };
  const unexpected = (answer: FactsAnswer): Error =>
    new Error(`A worker answered with ${Object.keys(answer).join(', ')}`);
  return {
    threads,
    answered: () => answered,
    factsOf: (post, head) =>
      new Promise((resolve, reject) => {
        const front = frontOf(head);
        ask({
          request: front === undefined ? { post } : { post, front },
          here: () => factsHere(post, head).then(resolve, reject),
          take: (answer) => {
            if ('later' in answer && head !== undefined)
              resolve(withLaterFacts(head.facts, answer.later));
            else if ('facts' in answer)
              resolve(answer.facts === null ? null : keptFacts(answer.facts));
            else reject(unexpected(answer));
          },
          reject,
        });
      }),
    headFactsOf: headHere,
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
