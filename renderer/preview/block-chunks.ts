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
