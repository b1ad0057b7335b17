import matter from 'gray-matter';
import type { PostSplit } from '../../shared/api';
import { findFrontMatter, whole } from '../../shared/split';

// gray-matter must never parse: its default engines eval `---js` blocks and turn dates into Date
// objects. These engines only hand back the raw text; `shared/front-matter.ts` parses it.
const rawEngine = { parse: (): object => ({}), stringify: (): string => '' };
const engines = { yaml: rawEngine, toml: rawEngine };

/**
 * Whether gray-matter would split `text` where `split` does, known without running it (it is a
 * tenth of the early list's time at ten thousand posts). gray-matter closes a YAML block at the
 * first `\n---` after the opening line, whatever follows on that line; the delimiter scan at the
 * first such line that is only `---` and spaces. When that first `\n---` is the scan's closing
 * line, gray-matter's body starts at most a line ending and the spaces after it, inside the range
 * `splitPost` accepts. TOML, a BOM, any earlier `\n---` (`---x`, `----`) and a closing line that
 * ends in a lone \r go to gray-matter.
 */
function grayMatterAgrees(text: string, split: PostSplit): boolean {
  return (
    split.format === 'yaml' &&
    split.frontMatterStart > 0 &&
    text.charCodeAt(0) !== 0xfeff &&
    text.indexOf('\n---', split.frontMatterStart - 1) === split.frontMatterEnd - 1 &&
    // gray-matter also takes a lone \r after the closing line into it.
    (split.bodyStart === text.length || text.charCodeAt(split.bodyStart - 1) === 0x0a)
  );
}

/**
 * Splits a post read from disk: the delimiter scan from shared/ (which refuses any language but
 * YAML and TOML before gray-matter sees the text), confirmed by gray-matter's own block split. When
 * the two disagree nothing is trusted and the whole file is the body.
 */
export function splitPost(text: string): PostSplit {
  const split = findFrontMatter(text);
  if (split.format === 'none' || grayMatterAgrees(text, split)) return split;
  return confirmedByGrayMatter(text, split);
}

/** `split` if gray-matter's own block split agrees with it, else the whole file as the body. */
export function confirmedByGrayMatter(text: string, split: PostSplit): PostSplit {
  const file = matter(text, {
    language: split.format,
    delimiters: split.format === 'toml' ? '+++' : '---',
    engines,
    excerpt: false,
  });
  // gray-matter keeps the trailing spaces of a `--- ` closing line in the body; ours starts after.
  const matterBodyStart = text.length - file.content.length;
  if (
    !text.endsWith(file.content) ||
    matterBodyStart < split.frontMatterEnd ||
    matterBodyStart > split.bodyStart
  ) {
    return whole(text, 'none', 'The front matter block could not be separated from the body');
  }
  return split;
}
