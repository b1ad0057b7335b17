import type { PostFile } from './api';

/** The parts of a post the editor works on: front matter text and body, each editable on its own. */
export interface PostParts {
  /** The raw front matter text between the delimiter lines ('' when the post has none). */
  readonly frontMatter: string;
  /** The Markdown body, with `\n` line endings (what CodeMirror holds). */
  readonly body: string;
}

/** Splits a file into the parts the editor shows. */
export function partsOf(file: PostFile): PostParts {
  const { split, text } = file;
  return {
    frontMatter: text.slice(split.frontMatterStart, split.frontMatterEnd),
    body: text.slice(split.bodyStart).replace(/\r\n/g, '\n'),
  };
}

/**
 * Puts edited parts back into the file's text. Everything outside the front matter and the body
 * (BOM, delimiter lines) is kept byte for byte, and the body gets the file's line endings back, so
 * unedited parts give back exactly the original text.
 */
export function composePost(file: PostFile, parts: PostParts): string {
  const { split, text } = file;
  const original = partsOf(file);
  const body =
    parts.body === original.body
      ? text.slice(split.bodyStart)
      : split.eol === '\r\n'
        ? parts.body.replace(/\n/g, '\r\n')
        : parts.body;
  return (
    text.slice(0, split.frontMatterStart) +
    parts.frontMatter +
    text.slice(split.frontMatterEnd, split.bodyStart) +
    body
  );
}

/** The 1-based line in the file of a 1-based line in the front matter text. */
export function fileLineOfFrontMatterLine(file: PostFile, line: number): number {
  const before = file.text.slice(0, file.split.frontMatterStart);
  return before.split('\n').length - 1 + line;
}
