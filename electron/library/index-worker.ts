import { parentPort } from 'node:worker_threads';
import { answerInWorker } from './facts-pool';
import type { FactsReply, FactsRequest } from './facts-pool';

// A thread of the facts pool (see facts-pool.ts): reads post files and turns them into their facts
// (decode, front matter, body checks, word count), several files at a time as the index's thread
// asks. Built by electron/build.mjs as out/electron/index-worker.cjs.

const port = parentPort;
if (port === null) throw new Error('index-worker runs as a worker thread only');

port.on('message', (request: FactsRequest) => {
  answerInWorker(request).then(
    // The message copies the facts, so they no longer hold slices of the file's text.
    (answer) => port.postMessage({ id: request.id, ...answer } satisfies FactsReply),
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ id: request.id, error: message } satisfies FactsReply);
    },
  );
});
