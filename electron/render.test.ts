import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  forbiddenElements,
  hostileEndMarker,
  hostileFixtures,
  offendingAttributes,
} from '../tests/hostile-html';
import type { RenderedAttribute } from '../tests/hostile-html';
import { createHtmlRenderer } from './render';

/** Parses rendered HTML the way a page would and lists every element and attribute. */
function inspect(html: string): {
  elements: string[];
  attributes: RenderedAttribute[];
  text: string;
} {
  const fragment = JSDOM.fragment(html);
  const all = Array.from(fragment.querySelectorAll('*'));
  return {
    elements: all.map((element) => element.localName),
    attributes: all.flatMap((element) =>
      Array.from(element.attributes).map(({ name, value }) => ({
        element: element.localName,
        name,
        value,
      })),
    ),
    text: fragment.textContent ?? '',
  };
}

const render = createHtmlRenderer();
let fixtures: Awaited<ReturnType<typeof hostileFixtures>>;
const rendered = new Map<string, string>();

beforeAll(async () => {
  fixtures = await hostileFixtures();
  for (const { file, text } of fixtures) {
    // The render function takes the body; front matter is plain text to it either way.
    rendered.set(file, await render(text.replace(/^---\n[\s\S]*?\n---\n/, '')));
  }
});

describe('postwright render over the hostile fixtures', () => {
  it('has a fixture for every family the issue names', () => {
    expect(fixtures.map(({ file }) => file)).toEqual(
      expect.arrayContaining([
        'scripts.md',
        'event-handlers.md',
        'link-schemes-inline.md',
        'link-schemes-reference.md',
        'link-schemes-autolink.md',
        'link-schemes-entities.md',
        'svg.md',
        'mathml.md',
        'iframes-and-embeds.md',
        'meta-and-base.md',
        'style-tricks.md',
        'forms.md',
        'clobbering.md',
      ]),
    );
  });

  it('keeps no script, frame, form, style, meta or base element', () => {
    for (const [file, html] of rendered) {
      const found = inspect(html).elements.filter((name) => forbiddenElements.includes(name));
      expect(found, file).toEqual([]);
    }
  });

  it('keeps no handler, inline style, target, script URL or data: URL outside <img src>', () => {
    for (const [file, html] of rendered) {
      expect(offendingAttributes(inspect(html).attributes), file).toEqual([]);
    }
  });

  it('still renders the ordinary content of every fixture', () => {
    for (const [file, html] of rendered) {
      expect(inspect(html).text, file).toContain(hostileEndMarker);
    }
  });

  it('shows iframes as a labelled placeholder naming their source', () => {
    const html = rendered.get('iframes-and-embeds.md') ?? '';
    expect(html).toContain('class="embed-placeholder"');
    expect(html).toContain('https://www.youtube.com/embed/xyz');
  });

  it('prefixes ids and names so they cannot clobber globals or the app', () => {
    const { attributes } = inspect(rendered.get('clobbering.md') ?? '');
    const named = attributes.filter(({ name }) => name === 'id' || name === 'name');
    expect(named.length).toBeGreaterThan(5);
    for (const { value } of named) expect(value).toMatch(/^user-content-/);
  });

  it('keeps an image data: URL and a web link, which are allowed', () => {
    expect(rendered.get('media.md')).toContain('src="data:image/gif;base64,');
    expect(rendered.get('targets-and-popups.md')).toContain('href="https://example.com/"');
  });
});

describe('offendingAttributes', () => {
  it('catches each kind of offence, and lets data: stay in <img src> only', () => {
    const attribute = (element: string, name: string, value: string): RenderedAttribute => ({
      element,
      name,
      value,
    });
    expect(
      offendingAttributes([
        attribute('img', 'onerror', 'x'),
        attribute('div', 'style', 'color: red'),
        attribute('a', 'href', ' JavaScript:x'),
        attribute('a', 'href', 'java\tscript:x'),
        attribute('a', 'href', 'vbscript:x'),
        attribute('a', 'href', 'data:text/html,x'),
        attribute('img', 'srcset', 'a.png 1x, javascript:x 2x'),
        attribute('video', 'src', 'data:video/mp4,x'),
      ]),
    ).toHaveLength(8);
    expect(
      offendingAttributes([
        attribute('img', 'src', 'data:image/png;base64,x'),
        attribute('img', 'alt', 'javascript: the good parts'),
        attribute('a', 'href', 'https://example.com/javascript:x'),
      ]),
    ).toEqual([]);
  });
});
