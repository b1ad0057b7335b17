// @vitest-environment jsdom
import fc from 'fast-check';
import type { MarkdownIt } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../shared/markdown';
import { createChunkSplitter, splitChunks } from './block-chunks';
import { createIncrementalPreview } from './incremental-preview';
import { createSanitizer } from './sanitize';

// The pipeline has footnotes and heading anchors, which count across the whole document: what
// the incremental preview must get right.
const md = createMarkdown();

/** What the preview must show: the whole body rendered and sanitized at once. */
function fullRender(body: string, pipeline: MarkdownIt = md): string {
  const container = document.createElement('div');
  container.append(createSanitizer()(pipeline.render(body)));
  return container.innerHTML;
}

function newPreview(pipeline: MarkdownIt = md, firstRenderChars?: number) {
  const target = document.createElement('article');
  const preview = createIncrementalPreview(target, {
    md: pipeline,
    sanitize: createSanitizer(),
    firstRenderChars,
  });
  return { target, preview };
}

// Pieces of real posts, including the ones that reach across blocks.
const pieces = [
  'A plain paragraph with *emphasis*, `code` and a [link](https://example.com).',
  'A second line\ncontinues the paragraph.',
  '# Title',
  '## Section',
  '## Section',
  'Setext heading\n---',
  '- one\n- two\n- three',
  '- loose\n\n- list',
  '1. first\n2. second\n\n   indented paragraph in the item',
  '- outer\n  - inner\n\n    code in item',
  '```ts\nconst a = 1;\n\nconst b = 2;\n```',
  '~~~\nunclosed tilde fence',
  '```',
  '    indented code\n\n    more code',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '<div>\n\ninside *div*\n\n</div>',
  '<div class="note">one line html</div>',
  '<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>',
  '<!-- a comment\n\nover lines -->',
  'Inline <b>bold</b> and <span>span</span> html.',
  'Unclosed <b>bold starts here',
  '<img src="/images/a.png" alt="a"> image html',
  '![alt](/images/b.png "title")',
  '<iframe src="https://www.youtube.com/embed/x"></iframe>',
  '<svg width="10"><circle r="4"/></svg>',
  'A [reference link][ref] and [ref] again.',
  '[ref]: https://example.com/ref "Ref"',
  '[other]: /other',
  'See [other].',
  'A footnote[^1] here.',
  'Again[^1], and a second[^2].',
  '[^1]: The footnote.',
  '[^2]: Another footnote\n\n    with a second paragraph.',
  'An inline^[footnote text] one.',
  '> a quote\nlazy line',
  '> quote\n\n> another',
  '***',
  'Text with https://autolink.example.com inside.',
  '<script>alert(1)</script>',
  '<pre>\n\npre text\n\n</pre>',
  '',
];

const piece = fc.constantFrom(...pieces);
const alphabet = fc.constantFrom(
  ...'a b\n\n`~#-*_[]:<>/!|1. '.split(''),
  '```',
  '\n\n',
  '    ',
  '<div>',
  '</div>',
  '[^',
  ']: /x',
);

type Edit =
  | { kind: 'insertPiece'; at: number; piece: string }
  | { kind: 'insertText'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insertPiece' as const), at: fc.nat(), piece }),
  fc.record({
    kind: fc.constant('insertText' as const),
    at: fc.nat(),
    text: fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 30 }),
  }),
);

function apply(body: string, change: Edit): string {
  const at = body.length === 0 ? 0 : change.at % (body.length + 1);
  switch (change.kind) {
    case 'insertPiece': {
      // Whole pieces go in at a line start, as a pasted block would.
      const lineStart = body.lastIndexOf('\n', at - 1) + 1;
      return `${body.slice(0, lineStart)}${change.piece}\n\n${body.slice(lineStart)}`;
    }
    case 'insertText':
      return body.slice(0, at) + change.text + body.slice(at);
    case 'delete':
      return body.slice(0, at) + body.slice(at + change.length);
  }
}

describe('the chunk splitter', () => {
  it('splits each edited body as a whole split does, re-parsing only around the edit', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 0, maxLength: 30 }),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        (start, edits) => {
          const splitter = createChunkSplitter(md);
          let body = start.join('\n\n');
          expect(splitter.split(body), JSON.stringify(body)).toEqual(splitChunks(md, body));
          for (const change of edits) {
            body = apply(body, change);
            expect(splitter.split(body), JSON.stringify(body)).toEqual(splitChunks(md, body));
          }
        },
      ),
      { numRuns: Number(process.env.POSTWRIGHT_PROPERTY_RUNS ?? 500) },
    );
  }, 120_000);

  it('parses a few blocks around a keystroke in a long body, not the whole body', () => {
    const pipeline = createMarkdown();
    const splitter = createChunkSplitter(pipeline);
    const long = Array.from({ length: 400 }, (_, index) => `Paragraph ${index} text.`).join('\n\n');
    splitter.split(long);
    const parse = pipeline.block.parse.bind(pipeline.block);
    let parsedChars = 0;
    pipeline.block.parse = (text, ...rest) => {
      parsedChars += text.length;
      parse(text, ...rest);
    };
    const typed = long.replace('Paragraph 200 text.', 'Paragraph 200 text, typed.');
    expect(splitter.split(typed)).toEqual(splitChunks(md, typed));
    expect(parsedChars).toBeGreaterThan(0);
    expect(parsedChars).toBeLessThan(200);
  });
});

describe('the incremental preview', () => {
  it('always shows what a full render shows, after any edits', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 0, maxLength: 12 }),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        (start, edits) => {
          const { target, preview } = newPreview(md);
          let body = start.join('\n\n');
          preview.update(body);
          expect(target.innerHTML, JSON.stringify(body)).toBe(fullRender(body, md));
          for (const change of edits) {
            body = apply(body, change);
            preview.update(body);
            expect(target.innerHTML, JSON.stringify(body)).toBe(fullRender(body, md));
          }
        },
      ),
      { numRuns: Number(process.env.POSTWRIGHT_PROPERTY_RUNS ?? 300) },
    );
  }, 120_000);

  const paragraphs = Array.from({ length: 100 }, (_, index) => `Paragraph ${index} text.`);
  const body = paragraphs.join('\n\n');

  it('renders and patches only the block that changed, keeping the others’ nodes', () => {
    const { target, preview } = newPreview();
    preview.update(body);
    const nodes = Array.from(target.children);
    const typed = body.replace('Paragraph 50 text.', 'Paragraph 50 text, typed.');
    expect(preview.update(typed)).toEqual({ mode: 'incremental', rendered: 1, patched: 1 });
    const after = Array.from(target.children);
    expect(after.filter((node, index) => node !== nodes[index])).toEqual([]);
    expect(after[50]?.textContent).toBe('Paragraph 50 text, typed.');
    expect(target.innerHTML).toBe(fullRender(typed));
  });

  it('moves the source lines of the blocks below a new line without rendering them', () => {
    const { target, preview } = newPreview();
    preview.update(body);
    const last = target.children[99];
    const typed = body.replace('Paragraph 10 text.', 'Paragraph 10\ntext.');
    expect(preview.update(typed)).toEqual({ mode: 'incremental', rendered: 1, patched: 1 });
    expect(target.children[99]).toBe(last);
    expect(last?.getAttribute('data-source-line')).toBe('200');
    expect(target.innerHTML).toBe(fullRender(typed));
  });

  it('shows the top of a long post first and the rest on finish or on the next edit', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 12 }),
        edit,
        fc.boolean(),
        (start, change, finishFirst) => {
          const { target, preview } = newPreview(md, 40);
          let body = start.join('\n\n');
          preview.update(body);
          if (finishFirst) preview.finish();
          if (!preview.unfinished) {
            expect(target.innerHTML, JSON.stringify(body)).toBe(fullRender(body, md));
          }
          body = apply(body, change);
          preview.update(body);
          expect(target.innerHTML, JSON.stringify(body)).toBe(fullRender(body, md));
        },
      ),
      { numRuns: Number(process.env.POSTWRIGHT_PROPERTY_RUNS ?? 150) },
    );
  }, 120_000);

  it('renders only the changed block of a post with footnotes, keeping the footnotes', () => {
    const { target, preview } = newPreview(md);
    const noted = `Noted[^a].\n\n${body}\n\n[^a]: The note.`;
    preview.update(noted);
    const footnotes = target.querySelector('.footnotes');
    const typed = noted.replace('Paragraph 50 text.', 'Paragraph 50\n\ntext.');
    expect(preview.update(typed)).toEqual({ mode: 'incremental', rendered: 2, patched: 2 });
    expect(target.querySelector('.footnotes')).toBe(footnotes);
    expect(target.innerHTML).toBe(fullRender(typed, md));
  });

  it('renders every block again when a reference definition changes, patching only its users', () => {
    const { target, preview } = newPreview();
    const linked = `${body}\n\nSee [docs].\n\n[docs]: /old`;
    preview.update(linked);
    const changed = linked.replace('/old', '/new');
    expect(preview.update(changed)).toMatchObject({ mode: 'full', patched: 2 });
    expect(target.innerHTML).toBe(fullRender(changed));
  });
});

describe('a long post shown in pieces', () => {
  const body = Array.from({ length: 60 }, (_, index) => `Paragraph ${index} text.`).join('\n\n');

  it('shows the rest a few blocks at a time, ending with what a full render shows', () => {
    const { target, preview } = newPreview(md, 100);
    preview.update(body);
    expect(preview.unfinished).toBe(true);
    let steps = 0;
    while (preview.unfinished) {
      expect(preview.finish(100)).toBeGreaterThan(0);
      steps++;
    }
    expect(steps).toBeGreaterThan(5);
    expect(target.innerHTML).toBe(fullRender(body));
  });

  it('drops the blocks still waiting when told to forget, and renders them all again', () => {
    const { target, preview } = newPreview(md, 100);
    preview.update(body);
    preview.finish(100);
    preview.forget();
    expect(preview.unfinished).toBe(false);
    const typed = body.replace('Paragraph 30 text.', 'Paragraph 30 text, typed.');
    preview.update(typed);
    preview.finish();
    expect(target.innerHTML).toBe(fullRender(typed));
  });
});

describe('forgetting what was rendered', () => {
  it('renders every block again when the same text now renders differently', () => {
    let marked = false;
    const pipeline = createMarkdown();
    const fence = pipeline.renderer.rules.fence;
    // Stands in for a code language that finished loading: the same fence, new HTML.
    pipeline.renderer.rules.fence = (tokens, index, options, env, self) =>
      marked
        ? '<pre><code>highlighted</code></pre>\n'
        : (fence?.(tokens, index, options, env, self) ?? '');
    const { target, preview } = newPreview(pipeline);
    const body = 'A paragraph.\n\n```ts\nconst a = 1;\n```\n\nAnother paragraph.\n';
    preview.update(body);
    marked = true;
    preview.update(body);
    expect(target.textContent).not.toContain('highlighted');
    preview.forget();
    preview.update(body);
    expect(target.textContent).toContain('highlighted');
    expect(target.textContent).toContain('Another paragraph.');
  });
});
