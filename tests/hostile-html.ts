import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The folder of hostile posts: one file per family of attack, each trying to run or navigate. */
export const hostileFolder = join(import.meta.dirname, 'fixtures', 'hostile');

/** The text every hostile fixture ends with, so a test knows its preview has rendered. */
export const hostileEndMarker = 'End of the hostile fixture.';

/** The hostile fixtures: file name, title (as the sidebar shows it) and full text. */
export async function hostileFixtures(): Promise<{ file: string; title: string; text: string }[]> {
  const files = (await readdir(hostileFolder)).filter((file) => file.endsWith('.md')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(hostileFolder, file), 'utf8');
      const title = /^title: "(.*)"$/m.exec(text)?.[1] ?? file;
      return { file, title, text };
    }),
  );
}

/** Elements that must never appear in rendered preview HTML. */
export const forbiddenElements = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'portal',
  'fencedframe',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'isindex',
  'keygen',
  'template',
  'link',
  'meta',
  'base',
  'dialog',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'use',
  'foreignobject',
  'animate',
  'set',
];

/** One attribute of one element of rendered HTML. */
export interface RenderedAttribute {
  readonly element: string;
  readonly name: string;
  readonly value: string;
}

// Text that is never a URL, and the data-* attributes our pipeline writes (data-source-line).
const notUrls = new Set(['alt', 'title', 'aria-label', 'class', 'id', 'name']);
// What browsers ignore in a URL before reading its scheme.
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const ignored = /[\u0000-\u0020\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000]/g;

/**
 * The attributes that break the preview's rules, as readable strings: any `on*` handler, inline
 * style, `target`, a `javascript:` or `vbscript:` URL anywhere, a `data:` URL anywhere but in
 * `<img src>`. Srcset candidates are checked one by one.
 */
export function offendingAttributes(attributes: readonly RenderedAttribute[]): string[] {
  return attributes
    .filter(({ element, name, value }) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || lower === 'style' || lower === 'target') return true;
      if (notUrls.has(lower) || lower.startsWith('data-') || lower.startsWith('aria-'))
        return false;
      const urls = lower === 'srcset' ? value.split(',').map((part) => part.trim()) : [value];
      return urls.some((url) => {
        const bare = url.replace(ignored, '').toLowerCase();
        if (/^(?:javascript|vbscript):/.test(bare)) return true;
        return bare.startsWith('data:') && !(element === 'img' && lower === 'src');
      });
    })
    .map(({ element, name, value }) => `<${element} ${name}="${value}">`);
}
