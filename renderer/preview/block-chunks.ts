import type { MarkdownIt } from 'markdown-it';

type Tokens = ReturnType<MarkdownIt['parse']>;

/** markdown-it's render environment (reference definitions, plugins' document state). */
export type Env = NonNullable<Parameters<MarkdownIt['parse']>[1]>;

/** One top-level block of a body (with the blank lines and reference definitions after it). */
export interface ChunkSource {
  /** The chunk's text; the chunks' texts joined give the body back. */
  readonly text: string;
  /** Its first line in the body, 0-based. */
  readonly start: number;
  /** Whether it holds a heading: heading ids (anchors) are numbered across the document. */
  readonly hasHeading: boolean;
}

/** A body split into top-level blocks, and the reference definitions the whole body makes. */
export interface Chunks {
  readonly chunks: readonly ChunkSource[];
  /** The body's link reference definitions, serialized to compare them between renders. */
  readonly references: string;
}

/**
 * Splits a body where markdown-it's own block parser starts a top-level block. A top-level block
 * is parsed from its own lines alone (a paragraph ends at the end of its chunk just as it ends
 * where the next block starts), so each chunk renders alone as it does inside the whole body,
 * given the document's reference definitions. Only the block phase runs: no inline parsing.
 */
export function splitChunks(md: MarkdownIt, body: string): Chunks {
  const env: Env = {};
  const tokens: Tokens = [];
  md.block.parse(body, md, env, tokens);
  const starts: number[] = [0];
  const headings = new Set<number>();
  for (const token of tokens) {
    const line = token.map?.[0];
    if (token.level === 0 && token.nesting !== -1 && line !== undefined) {
      if (line > (starts[starts.length - 1] ?? 0)) starts.push(line);
    }
    // Nested headings too (in a list or a quote): they count for the chunk they are in.
    if (token.type === 'heading_open') headings.add(starts.length - 1);
  }
  const chunks: ChunkSource[] = [];
  let offset = 0;
  let line = 0;
  for (let index = 0; index < starts.length; index++) {
    const next = starts[index + 1];
    let end = offset;
    if (next === undefined) {
      end = body.length;
    } else {
      for (; line < next; line++) end = body.indexOf('\n', end) + 1;
    }
    chunks.push({
      text: body.slice(offset, end),
      start: starts[index] ?? 0,
      hasHeading: headings.has(index),
    });
    offset = end;
  }
  if (chunks.length === 1 && chunks[0]?.text === '') chunks.length = 0;
  return { chunks, references: JSON.stringify(env.references ?? {}) };
}

/** Splits one body after another, re-parsing only around what changed since the last one. */
export interface ChunkSplitter {
  /** The chunks of `body`: always what {@link splitChunks} gives for it. */
  split(body: string): Chunks;
}

type References = NonNullable<Env['references']>;

/** Reference definitions need `]:`; a chunk without it defines none (the common case). */
function referencesOf(md: MarkdownIt, text: string): References | null {
  if (!text.includes(']:')) return null;
  const env: Env = {};
  md.block.parse(text, md, env, []);
  const references = env.references as References | undefined;
  return references === undefined || Object.keys(references).length === 0 ? null : references;
}

function newlinesIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Old chunks kept before the re-parsed range, to catch an edit joining them (a setext underline). */
const keptBack = 2;
/** Unchanged old chunks parsed again after the edit, so lookahead past a block's end sees them. */
const resyncMargin = 3;

/**
 * A {@link ChunkSplitter} that keeps the last body's chunks. After an edit it parses only from a
 * couple of blocks before the change to the first unchanged block after it where markdown-it's
 * block parser starts a block again, and keeps the chunks on both sides (those below with their
 * lines moved): at the top level, the parse from a block's start depends only on the text from
 * there on. An edit that leaves no such point (an unclosed fence runs to the end) parses the rest.
 * The reference definitions are kept per chunk and merged in document order, first wins, as
 * markdown-it does.
 */
export function createChunkSplitter(md: MarkdownIt): ChunkSplitter {
  let last: { body: string; chunks: ChunkSource[]; references: (References | null)[] } | null =
    null;

  /** Parses `text` (starting at body line `line`) into chunks, as splitChunks would there. */
  const parseRange = (
    text: string,
    line: number,
  ): { chunks: ChunkSource[]; references: (References | null)[] } => {
    const { chunks } = splitChunks(md, text);
    const moved = chunks.map((chunk) => ({ ...chunk, start: chunk.start + line }));
    return { chunks: moved, references: moved.map((chunk) => referencesOf(md, chunk.text)) };
  };

  const finish = (
    body: string,
    chunks: ChunkSource[],
    references: (References | null)[],
  ): Chunks => {
    last = { body, chunks, references };
    const merged: References = {};
    for (const found of references) {
      if (found === null) continue;
      for (const [label, value] of Object.entries(found)) {
        if (!(label in merged)) merged[label] = value;
      }
    }
    return { chunks, references: JSON.stringify(merged) };
  };

  return {
    split(body) {
      if (last === null || last.chunks.length === 0 || body.length === 0) {
        const whole = parseRange(body, 0);
        return finish(body, whole.chunks, whole.references);
      }
      const old = last;
      const count = old.chunks.length;
      // Old chunks that start the new body unchanged ...
      let prefix = 0;
      let prefixEnd = 0;
      while (prefix < count && body.startsWith(old.chunks[prefix]!.text, prefixEnd)) {
        prefixEnd += old.chunks[prefix]!.text.length;
        prefix++;
      }
      if (prefix === count && prefixEnd === body.length)
        return finish(body, old.chunks, old.references);
      // ... and those that end it, not overlapping them in either text.
      let suffix = 0;
      let suffixLength = 0;
      while (suffix < count - prefix) {
        const text = old.chunks[count - 1 - suffix]!.text;
        const length = suffixLength + text.length;
        if (prefixEnd + length > body.length || prefixEnd + length > old.body.length) break;
        if (!body.endsWith(text, body.length - suffixLength)) break;
        // A chunk starts a line: the same text after a change within its first line is not it.
        const startsAt = body.length - length;
        if (startsAt > 0 && body.charCodeAt(startsAt - 1) !== 10) break;
        suffixLength = length;
        suffix++;
      }
      const from = Math.max(0, prefix - keptBack);
      let fromOffset = prefixEnd;
      for (let index = prefix - 1; index >= from; index--)
        fromOffset -= old.chunks[index]!.text.length;
      const fromLine = old.chunks[from]?.start ?? 0;
      const firstKept = count - suffix;
      // The unchanged chunks after the edit move by the lines the edit added or removed.
      const oldTail = old.body.length - suffixLength;
      const newTail = body.length - suffixLength;
      const lineDelta =
        newlinesIn(body.slice(fromOffset, newTail)) -
        newlinesIn(old.body.slice(fromOffset, oldTail));
      // Parse up to a few unchanged chunks past the edit, and resume at the first of them that
      // starts a block there; the margin after it covers the parser's lookahead.
      const marginEnd = Math.min(count, firstKept + resyncMargin);
      let rangeEnd = newTail;
      for (let index = firstKept; index < marginEnd; index++)
        rangeEnd += old.chunks[index]!.text.length;
      if (marginEnd < count) {
        const range = parseRange(body.slice(fromOffset, rangeEnd), fromLine);
        for (let index = firstKept; index < marginEnd - 1; index++) {
          const start = old.chunks[index]!.start + lineDelta;
          const at = range.chunks.findIndex((chunk) => chunk.start === start);
          if (at === -1) continue;
          const kept = old.chunks
            .slice(index)
            .map((chunk) =>
              lineDelta === 0 ? chunk : { ...chunk, start: chunk.start + lineDelta },
            );
          return finish(
            body,
            [...old.chunks.slice(0, from), ...range.chunks.slice(0, at), ...kept],
            [
              ...old.references.slice(0, from),
              ...range.references.slice(0, at),
              ...old.references.slice(index),
            ],
          );
        }
      }
      // No block starts again where it did (or the edit is near the end): parse the rest.
      const rest = parseRange(body.slice(fromOffset), fromLine);
      return finish(
        body,
        [...old.chunks.slice(0, from), ...rest.chunks],
        [...old.references.slice(0, from), ...rest.references],
      );
    },
  };
}
