import type { FrontMatterFormat, PostSplit } from './api';

const opening = /^\uFEFF?(?<fence>---|\+\+\+)(?<language>[^\r\n]*)\r?\n/;

function eolOf(text: string): '\n' | '\r\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = text.match(/\n/g)?.length ?? 0;
  return crlf > 0 && crlf >= lf - crlf ? '\r\n' : '\n';
}

/** A split with no front matter: the whole file (after any BOM) is the body. */
export function whole(text: string, format: FrontMatterFormat, error: string | null): PostSplit {
  const bodyStart = text.startsWith('\uFEFF') ? 1 : 0;
  return {
    format,
    frontMatterStart: bodyStart,
    frontMatterEnd: bodyStart,
    bodyStart,
    eol: eolOf(text),
    error,
  };
}

/**
 * Finds the front matter block and the body in a post's text by its delimiter lines. Only YAML
 * (`---`, `---yaml`) and TOML (`+++`) blocks are accepted; any other language (`---js`,
 * `---coffee` ...) is an error and is never evaluated. A block that is never closed is an error
 * too. On an error the whole file is the body, so nothing is lost if the user edits it.
 */
export function findFrontMatter(text: string): PostSplit {
  const open = opening.exec(text);
  if (open?.groups === undefined) return whole(text, 'none', null);
  const { fence = '---', language: rawLanguage = '' } = open.groups;
  const language = rawLanguage.trim().toLowerCase();
  // `----` or `--- ---` opening a post is a horizontal rule, not a front matter block.
  if (/^[-+]/.test(language)) return whole(text, 'none', null);
  const format: FrontMatterFormat = fence === '+++' ? 'toml' : 'yaml';
  if (fence === '---' && !['', 'yaml', 'yml'].includes(language)) {
    return whole(
      text,
      'none',
      `Front matter in "${language}" is not supported (only YAML and TOML); it was not run.`,
    );
  }
  if (fence === '+++' && language !== '') return whole(text, 'none', 'Unexpected text after "+++"');
  const afterOpen = open[0].length;
  // Only "\n" starts the closing line, as in gray-matter and YAML: the `m` flag would also take a
  // lone "\r", U+2028 or U+2029, hiding the rest of the file between "delimiters".
  const close = new RegExp(
    `(?<=^|\\n)${fence === '+++' ? '\\+\\+\\+' : '---'}[ \\t]*(?=\\r?(?:\\n|$))`,
  );
  const closeMatch = close.exec(text.slice(afterOpen));
  if (closeMatch === null) {
    return whole(text, 'none', `The front matter opened on line 1 is never closed with "${fence}"`);
  }
  const frontMatterStart = afterOpen;
  const frontMatterEnd = afterOpen + closeMatch.index;
  // The body starts after the closing line's line ending.
  const closeEnd = frontMatterEnd + closeMatch[0].length;
  const bodyStart = text.startsWith('\r\n', closeEnd)
    ? closeEnd + 2
    : text.startsWith('\n', closeEnd)
      ? closeEnd + 1
      : closeEnd;
  return { format, frontMatterStart, frontMatterEnd, bodyStart, eol: eolOf(text), error: null };
}
