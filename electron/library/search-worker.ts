import { parentPort, workerData } from 'node:worker_threads';
import { createSearchIndex } from './search-index';
import type { SearchRow } from './search-index';
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from './search-thread';

// The search index of one folder, on a thread of its own (see `createBackgroundSearch`): reading,
// tokenizing and indexing ten thousand bodies, and each search, never hold the main thread's event
// loop. The rows come from the main thread (it has the folder index); the bodies are read here.

const port = parentPort;
if (port === null) throw new Error('search-worker runs as a worker thread');
const { root, concurrency } = workerData as SearchWorkerData;
const index = createSearchIndex(root, concurrency === null ? {} : { concurrency });
const rows = new Map<string, SearchRow>();
const rowOf = (path: string): SearchRow | undefined => rows.get(path);
const send = (message: FromSearchWorker): void => port.postMessage(message);

/** Runs a request, answering with its outcome; an error is reported, never left unanswered. */
function answer(id: number, work: () => Promise<FromSearchWorker>): void {
  work().then(send, (error: unknown) =>
    send({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) }),
  );
}

port.on('message', (message: ToSearchWorker) => {
  switch (message.kind) {
    case 'rows':
      for (const [path, row] of message.rows) {
        if (row === null) rows.delete(path);
        else rows.set(path, row);
      }
      return;
    case 'build':
      answer(message.id, async () => {
        await index.build(message.paths, rowOf);
        return { kind: 'done', id: message.id, count: index.count };
      });
      return;
    case 'update':
      answer(message.id, async () => {
        await index.update(message.paths, rowOf);
        return { kind: 'done', id: message.id, count: index.count };
      });
      return;
    case 'search':
      answer(message.id, () =>
        Promise.resolve({ kind: 'hits', id: message.id, hits: index.search(message.query) }),
      );
      return;
    default:
      message satisfies never;
  }
});
