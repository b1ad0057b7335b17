import { parentPort } from 'node:worker_threads';
import { answer } from './facts-pool';
import type { FactsReply, FactsRequest } from './facts-pool';
import { attachedFactsFromRead } from './index-entry';

// A thread of the facts pool (see facts-pool.ts): reads post files and turns them into their facts
// (decode, front matter, body checks, word count), several files at a time as the index's thread
// asks. Built by electron/build.mjs as out/electron/index-worker.cjs.

const port = parentPort;
if (port === null) throw new Error('index-worker runs as a worker thread only');

port.on('message', (request: FactsRequest) => {
  answer(request, attachedFactsFromRead).then(
    // The message copies the facts, so they no longer hold slices of the file's text.
    (facts) => port.postMessage({ id: request.id, facts } satisfies FactsReply),
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ id: request.id, error: message } satisfies FactsReply);
    },
  );
});
