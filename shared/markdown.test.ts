import { describe, expect, it } from 'vitest';
import { createMarkdown, renderMarkdown } from './markdown';

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
    expect(html).toContain('<h1 data-source-line="1">Title</h1>');
    expect(html).toContain('<p data-source-line="3">First paragraph.</p>');
    expect(html).toContain('<h2 data-source-line="5">Second</h2>');
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
