import { parentPort } from 'node:worker_threads';
import { attachedFactsFromRead } from './index-entry';
import type { FactsReply, FactsRequest } from './facts-pool';

// A thread of the facts pool (see facts-pool.ts): turns a file's bytes into its facts (decode,
// front matter, body checks, word count) while the index's thread goes on reading files. Built
// by electron/build.mjs as out/electron/index-worker.cjs.

const port = parentPort;
if (port === null) throw new Error('index-worker runs as a worker thread only');

port.on('message', (request: FactsRequest) => {
  let reply: FactsReply;
  try {
    const facts = attachedFactsFromRead(
      request.path,
      {
        // A view, not a copy: the message gave this thread its own bytes.
        bytes: Buffer.from(
          request.bytes.buffer,
          request.bytes.byteOffset,
          request.bytes.byteLength,
        ),
        stamp: request.stamp,
      },
      request.readAt,
    );
    reply = { id: request.id, facts };
  } catch (error) {
    reply = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  // The message copies the facts, so they no longer hold slices of the file's text.
  port.postMessage(reply);
});
