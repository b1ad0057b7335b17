import type { PostFile } from '../../shared/api';
import type { PostParts } from '../../shared/post-text';

/**
 * The file as we just wrote it, worked out locally: the same split with the front matter's end and
 * the body's start moved by the front matter's change in length. Used when re-reading the post
 * gives something else (another program wrote it in between), so our next save still presents
 * the version we wrote and is refused as a conflict instead of overwriting that program's text.
 */
export function fileAfterSave(
  file: PostFile,
  parts: PostParts,
  text: string,
  version: string,
): PostFile {
  const { split } = file;
  const delta = parts.frontMatter.length - (split.frontMatterEnd - split.frontMatterStart);
  return {
    path: file.path,
    text,
    version,
    split: {
      ...split,
      frontMatterEnd: split.frontMatterEnd + delta,
      bodyStart: split.bodyStart + delta,
    },
  };
}
