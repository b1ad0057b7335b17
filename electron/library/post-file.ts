import matter from 'gray-matter';
import type { PostSplit } from '../../shared/api';
import { findFrontMatter, whole } from '../../shared/split';

// gray-matter must never parse: its default engines eval `---js` blocks and turn dates into Date
// objects. These engines only hand back the raw text; `shared/front-matter.ts` parses it.
const rawEngine = { parse: (): object => ({}), stringify: (): string => '' };
const engines = { yaml: rawEngine, toml: rawEngine };

/**
 * Splits a post read from disk: the delimiter scan from shared/ (which refuses any language but
 * YAML and TOML before gray-matter sees the text), confirmed by gray-matter's own block split. When
 * the two disagree nothing is trusted and the whole file is the body.
 */
export function splitPost(text: string): PostSplit {
  const split = findFrontMatter(text);
  if (split.format === 'none') return split;
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
