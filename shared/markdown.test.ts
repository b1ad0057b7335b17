import { describe, expect, it } from 'vitest';
import { codeLanguageReady } from './highlight-code';
import {
  codeLanguagesLoaded,
  createMarkdown,
  onCodeLanguageLoaded,
  renderMarkdown,
  slugify,
} from './markdown';

const render = (body: string): string => renderMarkdown(createMarkdown(), body);

describe('renderMarkdown', () => {
  it('renders a GFM table as a <table>', () => {
    const html = render('| a | b |\n| - | - |\n| 1 | 2 |\n');
    expect(html).toContain('<table');
    expect(html).toContain('<th>a</th>');
    expect(html).toContain('<td>2</td>');
  });

  it('marks headings and paragraphs with their 1-based body line', () => {
    const html = render('# Title\n\nFirst paragraph.\n\n## Second\n\nText\nmore text\n');
    expect(html).toContain('<h1 id="title" data-source-line="1">Title</h1>');
    expect(html).toContain('<p data-source-line="3">First paragraph.</p>');
    expect(html).toContain('<h2 id="second" data-source-line="5">Second</h2>');
    expect(html).toContain('<p data-source-line="7">Text\nmore text</p>');
  });

  it('marks nested blocks: lists, items, blockquotes, fences', () => {
    const html = render('- one\n- two\n\n> quote\n\n```js\nx\n```\n');
    expect(html).toContain('<ul data-source-line="1">');
    expect(html).toContain('<li data-source-line="2">');
    expect(html).toContain('<blockquote data-source-line="4">');
    expect(html).toMatch(/<pre><code [^>]*data-source-line="6"/);
  });

  it('escapes HTML inside a fenced code block', () => {
    const html = render('```html\n<script>alert(1)</script>\n```\n');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('passes raw HTML through (the renderer sanitizes it)', () => {
    expect(render('<div class="note">hi</div>\n')).toContain('<div class="note">hi</div>');
  });

  it('turns bare URLs into links and leaves quotes and dashes as typed', () => {
    const html = render('See https://example.com and "quotes" -- ok.\n');
    expect(html).toContain('<a href="https://example.com">https://example.com</a>');
    expect(html).toContain('&quot;quotes&quot; -- ok.');
  });

  it('does not make links out of javascript: URLs in Markdown syntax', () => {
    expect(render('[x](javascript:alert(1))\n')).not.toContain('href="javascript:');
  });
});

describe('what blogs use', () => {
  it('strikes through ~~text~~', () => {
    expect(render('~~gone~~\n')).toContain('<s>gone</s>');
  });

  it('renders task items as non-interactive boxes, never as form controls', () => {
    const html = render('- [x] done\n- [ ] to do\n- plain\n');
    expect(html).toContain('<ul class="contains-task-list" data-source-line="1">');
    expect(html).toContain(
      '<li class="task-list-item" data-source-line="1"><span class="task-marker task-marker-checked"' +
        ' role="checkbox" aria-checked="true" aria-disabled="true"></span>done</li>',
    );
    expect(html).toContain('aria-checked="false" aria-disabled="true"></span>to do</li>');
    expect(html).toContain('<li data-source-line="3">plain</li>');
    expect(html).not.toContain('<input');
  });

  it('leaves brackets that are not a task marker alone', () => {
    expect(render('- [x]done\n- a [ ] b\n')).not.toContain('task-marker');
    expect(render('[x] not in a list\n')).not.toContain('task-marker');
  });

  it('renders footnotes with links both ways, their bodies without source lines', () => {
    const html = render('Text[^note].\n\n[^note]: The note.\n\nAfter.\n');
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
    expect(html).toContain('<li id="fn1" class="footnote-item"><p>The note.');
    expect(html).toContain('<a href="#fnref1" class="footnote-backref">');
    // The note renders after "After." but is written before it: lines must only grow downwards.
    expect(html).toContain('<p data-source-line="5">After.</p>');
    expect(html.slice(html.indexOf('<section class="footnotes">'))).not.toContain(
      'data-source-line',
    );
  });

  it('gives headings GitHub-style ids, numbering repeats', () => {
    const html = render("# What's new?\n\n## Setup\n\n## Setup\n");
    expect(html).toContain('<h1 id="whats-new" data-source-line="1">');
    expect(html).toContain('<h2 id="setup" data-source-line="3">');
    expect(html).toContain('<h2 id="setup-1" data-source-line="5">');
    expect(slugify('  Ünïcode & émoji 🎉 café_au-lait ')).toBe('ünïcode--émoji--café_au-lait');
  });

  it('keeps images and their alt text', () => {
    expect(render('![A cat](/images/cat.png "Title")\n')).toContain(
      '<img src="/images/cat.png" alt="A cat" title="Title">',
    );
  });
});

describe('code highlighting', () => {
  const body = '```python\ndef f():\n    return "<b>"\n```\n';

  it('highlights a fence once its language is loaded, escaping the code', async () => {
    expect(await codeLanguagesLoaded(body)).toBe(true);
    expect(await codeLanguagesLoaded(body)).toBe(false);
    const html = render(body);
    expect(html).toContain('<pre><code data-source-line="1" class="language-python">');
    expect(html).toContain('<span class="tok-keyword">def</span>');
    expect(html).toContain('<span class="tok-string">&quot;&lt;b&gt;&quot;</span>');
  });

  it('renders plain escaped text first, tells when the language has loaded, and only then', async () => {
    const fence = '```rust\nfn main() { let s = "<i>"; }\n```\n';
    let calls = 0;
    let rustLoaded = (): void => undefined;
    const called = new Promise<void>((resolve) => (rustLoaded = resolve));
    const stop = onCodeLanguageLoaded(() => {
      calls += 1;
      if (codeLanguageReady('rust')) rustLoaded();
    });
    const md = createMarkdown();
    const first = renderMarkdown(md, fence);
    expect(first).toContain('fn main() { let s = &quot;&lt;i&gt;&quot;; }');
    expect(first).not.toContain('tok-');
    renderMarkdown(md, fence);
    await called;
    const callsWhenLoaded = calls;
    expect(renderMarkdown(md, fence)).toContain('<span class="tok-keyword">fn</span>');
    renderMarkdown(md, fence);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    // Rendering a loaded language again loads nothing and tells no one.
    expect(calls).toBe(callsWhenLoaded);
  });

  it('never tells of a language that does not exist', async () => {
    let calls = 0;
    const stop = onCodeLanguageLoaded(() => (calls += 1));
    renderMarkdown(createMarkdown(), '```nonsense-lang\n<b>x</b>\n```\n');
    expect(await codeLanguagesLoaded('```nonsense-lang\nx\n```\n')).toBe(false);
    stop();
    expect(calls).toBe(0);
  });
});
