import matter from 'gray-matter';
import type { FrontMatterFormat, PostSplit } from '../../shared/api';

const opening = /^\uFEFF?(?<fence>---|\+\+\+)(?<language>[^\r\n]*)\r?\n/;

// gray-matter must never parse: its default engines eval `---js` blocks and turn dates into Date
// objects. These engines only hand back the raw text; `shared/front-matter.ts` parses it.
const rawEngine = { parse: (): object => ({}), stringify: (): string => '' };
const engines = { yaml: rawEngine, toml: rawEngine };

function eolOf(text: string): '\n' | '\r\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = text.match(/\n/g)?.length ?? 0;
  return crlf > 0 && crlf >= lf - crlf ? '\r\n' : '\n';
}

function whole(text: string, format: FrontMatterFormat, error: string | null): PostSplit {
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
 * Finds the front matter block and the body in a post's text, using gray-matter for the block
 * split. Only YAML (`---`, `---yaml`) and TOML (`+++`) blocks are accepted; any other language
 * (`---js`, `---coffee` ...) is an error and is never evaluated. A block that is never closed is an
 * error too. On an error the whole file is the body, so nothing is lost if the user edits it.
 */
export function splitPost(text: string): PostSplit {
  const open = opening.exec(text);
  if (open?.groups === undefined) return whole(text, 'none', null);
  const { fence = '---', language: rawLanguage = '' } = open.groups;
  const language = rawLanguage.trim().toLowerCase();
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
  const close = new RegExp(`^${fence === '+++' ? '\\+\\+\\+' : '---'}[ \\t]*$`, 'm');
  const closeMatch = close.exec(text.slice(afterOpen));
  if (closeMatch === null) {
    return whole(text, 'none', `The front matter opened on line 1 is never closed with "${fence}"`);
  }
  const file = matter(text, {
    language: format,
    delimiters: fence,
    engines,
    excerpt: false,
  });
  const frontMatterStart = afterOpen;
  const bodyStart = text.length - file.content.length;
  const frontMatterEnd = afterOpen + closeMatch.index;
  // Trust gray-matter's split only where it agrees with the delimiter lines we found.
  if (!text.endsWith(file.content) || bodyStart < frontMatterEnd) {
    return whole(text, 'none', 'The front matter block could not be separated from the body');
  }
  return { format, frontMatterStart, frontMatterEnd, bodyStart, eol: eolOf(text), error: null };
}
