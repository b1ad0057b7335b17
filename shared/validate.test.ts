import { describe, expect, it } from 'vitest';
import { parsePost } from './document';
import { defaultSchema, field } from './schema';
import type { Schema } from './schema';
import {
  hasErrors,
  imageRefs,
  parseWrittenDate,
  publishBlockers,
  validatePost,
  valueProblem,
} from './validate';
import type { Problem, ValidationContext } from './validate';

const good = [
  'title: "A fine post"',
  'description: "What the post is about, in a sentence."',
  'date: 2024-02-28',
];

function post(frontMatter: readonly string[], body = 'Some text to read.\n'): string {
  return `---\n${frontMatter.join('\n')}\n---\n${body}`;
}

function check(
  text: string,
  schema: Schema = defaultSchema,
  context?: ValidationContext,
): Problem[] {
  return validatePost(parsePost(text), schema, context);
}

function rules(text: string, schema?: Schema, context?: ValidationContext): string[] {
  return check(text, schema, context).map((problem) => problem.rule);
}

/** Front matter `good` with one line replaced (by key) or added. */
function withLine(line: string): string[] {
  const key = line.slice(0, line.indexOf(':'));
  return [...good.filter((existing) => !existing.startsWith(`${key}:`)), line];
}

describe('a valid post', () => {
  it('has no problems', () => {
    expect(check(post(good))).toEqual([]);
  });
});

describe('front matter that cannot be read', () => {
  it('gives that one error at its file line, and still checks the body', () => {
    const text = post(['title: "A"', 'tags: [go', 'date: 2024-02-28'], 'Text.\n\nTODO: finish\n');
    const problems = check(text, defaultSchema, { path: 'posts/a.md' });
    expect(problems.map((p) => [p.rule, p.severity, p.line])).toEqual([
      ['front-matter', 'error', expect.any(Number)],
      ['todo', 'warning', 8],
    ]);
    const first = problems[0];
    expect(first?.path).toBe('posts/a.md');
    expect(first?.line).toBeGreaterThanOrEqual(3);
    expect(first?.message).toMatch(/front matter cannot be read/);
  });

  it('reports duplicate keys', () => {
    expect(rules(post([...good, 'title: again']))).toEqual(['front-matter']);
  });
});

describe('required fields', () => {
  it('is an error when missing, empty or null, at line 1 when absent', () => {
    const absent = check(post(good.slice(1)));
    expect(absent.map((p) => [p.rule, p.field, p.severity, p.line, p.column])).toEqual([
      ['required', 'title', 'error', 1, 1],
    ]);
    expect(rules(post(withLine('title: ""')))).toEqual(['required']);
    expect(rules(post(withLine('title:')))).toEqual(['required']);
  });

  it('points at the key when it is there but empty', () => {
    const [problem] = check(post(['description: "d"', 'date: 2024-02-28', 'title: "  "']));
    expect(problem).toMatchObject({ rule: 'required', field: 'title', line: 4, column: 1 });
  });

  it('a post without front matter misses its title and date', () => {
    expect(rules('Just a body.\n')).toEqual(['required', 'recommended', 'required']);
  });
});

describe('kinds', () => {
  it.each([
    ['tags: go', /should be a list like \[go, backend\].*write \[go\]/],
    ['tags: [go, [nested]]', /list of words/],
    ['published: "true"', /true or false.*remove the quotes/],
    ['published: yes', /true or false/],
    ['featured: 1', /true or false/],
    ['title: true', /should be text/],
    ['title: [a, b]', /should be text, not a list/],
    ['date: 20240228', /date like 2024-02-28, not the number/],
    ['external_url: 42', /web address/],
    ['image: [a.png]', /image path/],
  ])('%s is a kind error', (line, message) => {
    const problems = check(post(withLine(line)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'kind', severity: 'error' });
    expect(problems[0]?.message).toMatch(message);
  });

  it.each([
    'tags: [go, node]',
    'tags:\n  - go\n  - 2024',
    'tags: []',
    'published: true',
    'published: false',
    'featured: false',
    'title: 1984',
    'category: Technology',
    'excerpt: |\n  Two\n  lines.',
    'reading_time: 1 min read',
    'image: /images/blogs/x.png',
    'unknown_key: [anything, {goes: here}]',
  ])('%s is fine', (line) => {
    expect(check(post(withLine(line)))).toEqual([]);
  });
});

describe('dates', () => {
  it.each([
    'date: 2024-02-28',
    'date: "2024-02-28"',
    "date: '2024-02-28'",
    'date: 2024-02-29T10:00:00+02:00',
    'date: "2024-02-28T10:00:00Z"',
    'date: 2024-02-28T10:00:00.123-05:30',
    'date: 2024-02-28 10:00',
    'date: "2024-02-28 10:00:00 +0200"',
  ])('%s is accepted', (line) => {
    expect(check(post(withLine(line)))).toEqual([]);
  });

  it.each([
    'date: 2024-02-30',
    'date: 2023-02-29',
    'date: 2024-13-01',
    'date: yesterday',
    'date: "28/02/2024"',
    'date: 2024-02-28T25:00',
    'date: 2024-02-28T10:00+15:00',
    'date: "2024-02-28 "',
  ])('%s is an error', (line) => {
    const problems = check(post(withLine(line)));
    expect(problems.map((p) => [p.rule, p.severity, p.field])).toEqual([['date', 'error', 'date']]);
    expect(problems[0]?.message).toMatch(/not a valid date; write it like 2024-02-28/);
  });

  it('reads the parts as written, keeping the offset text', () => {
    expect(parseWrittenDate('2024-02-28T10:05:00+02:00')).toEqual({
      year: 2024,
      month: 2,
      day: 28,
      time: { hour: 10, minute: 5, second: 0 },
      offset: '+02:00',
    });
    expect(parseWrittenDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseWrittenDate('1900-02-29')).toBeNull();
  });
});

describe('URLs', () => {
  it.each([
    'external_url: ""',
    'external_url:',
    'external_url: https://example.com',
    'external_url: "https://dev.to/me/go-vs-node-1a2b?utm=x#top"',
    'external_url: http://localhost:8080/post',
    'external_url: https://bücher.de/über',
  ])('%s is fine', (line) => {
    expect(check(post(withLine(line)))).toEqual([]);
  });

  it.each([
    ['external_url: example.com/post', /starting with https:\/\//],
    ['external_url: "https://exa mple.com"', /not a valid web address/],
    ['external_url: "https://"', /not a valid web address/],
    ['external_url: "ftp://example.com"', /starting with https:\/\//],
    ['external_url: "https://-bad-.com"', /not a valid web address/],
  ])('%s is an error', (line, message) => {
    const problems = check(post(withLine(line)));
    expect(problems.map((p) => p.rule)).toEqual(['url']);
    expect(problems[0]?.message).toMatch(message);
  });
});

describe('lengths and recommended fields', () => {
  it('warns when the description is missing or over 160 characters', () => {
    const missing = check(post(good.filter((line) => !line.startsWith('description'))));
    expect(missing.map((p) => [p.rule, p.severity, p.field])).toEqual([
      ['recommended', 'warning', 'description'],
    ]);
    expect(missing[0]?.message).toMatch(/"description" is missing\. Shown in search results/);
    const long = check(post(withLine(`description: "${'d'.repeat(161)}"`)));
    expect(long.map((p) => [p.rule, p.severity])).toEqual([['description-length', 'warning']]);
    expect(check(post(withLine(`description: "${'d'.repeat(160)}"`)))).toEqual([]);
  });

  it('warns when the title is over 70 characters, counting characters, not bytes', () => {
    expect(rules(post(withLine(`title: "${'t'.repeat(71)}"`)))).toEqual(['title-length']);
    expect(rules(post(withLine(`title: "${'é'.repeat(70)}"`)))).toEqual([]);
    expect(rules(post(withLine(`title: "${'😀'.repeat(70)}"`)))).toEqual([]);
  });

  it('applies a maxLength (error), a pattern and a closed choice list from the schema', () => {
    const schema: Schema = {
      ...defaultSchema,
      fields: [
        ...defaultSchema.fields,
        field('slug', 'string', { pattern: '^[a-z0-9-]+$', maxLength: 10 }),
        field('series', 'choice', { choices: ['Go', 'Rust'] }),
      ],
    };
    expect(rules(post(withLine('slug: go-vs-node')), schema)).toEqual([]);
    expect(rules(post(withLine('slug: Go_vs_Node')), schema)).toEqual(['pattern']);
    const long = check(post(withLine('slug: go-vs-node-js-2024')), schema);
    expect(long.map((p) => [p.rule, p.severity])).toEqual([['slug-length', 'error']]);
    expect(rules(post(withLine('series: Rust')), schema)).toEqual([]);
    const other = check(post(withLine('series: Zig')), schema);
    expect(other.map((p) => [p.rule, p.message])).toEqual([
      ['choice', '"series" is "Zig"; it should be one of: Go, Rust.'],
    ]);
  });

  it('takes any category by default (values seen in the folder, others allowed)', () => {
    expect(rules(post(withLine('category: Something new')))).toEqual([]);
  });
});

describe('images', () => {
  const exists = (paths: readonly string[]) => (ref: string) => paths.includes(ref);
  const text = post(
    withLine('image: /images/blogs/cover.png'),
    'Intro.\n\n![diagram](/images/blogs/diagram.png)\n\n![remote](https://cdn.example.com/x.png)\n',
  );

  it('warns about an image field and a body image that are not in the site folder', () => {
    const problems = check(text, defaultSchema, { imageExists: exists([]) });
    expect(problems.map((p) => [p.rule, p.severity, p.field, p.line])).toEqual([
      ['image-missing', 'warning', 'image', 5],
      ['image-missing', 'warning', null, 9],
    ]);
    expect(problems[1]?.column).toBe(12);
  });

  it('says nothing when the images exist, when it cannot tell, or when not asked', () => {
    const both = exists(['/images/blogs/cover.png', '/images/blogs/diagram.png']);
    expect(check(text, defaultSchema, { imageExists: both })).toEqual([]);
    expect(check(text, defaultSchema, { imageExists: () => undefined })).toEqual([]);
    expect(check(text)).toEqual([]);
  });

  it('lists the local references to look up, never remote ones', () => {
    expect(imageRefs(parsePost(text), defaultSchema)).toEqual([
      '/images/blogs/cover.png',
      '/images/blogs/diagram.png',
    ]);
  });
});

describe('empty sections', () => {
  it.each([
    ['a heading followed by one of the same level', '## A\n\n## B\n\nText.\n', [6]],
    ['a heading followed by a higher one', '### A\n## B\n\nText.\n', [6]],
    ['a heading at the end', 'Text.\n\n## Last\n', [8]],
    ['a heading with only a rule under it', '## A\n\n---\n\n## B\n\nText.\n', [6]],
    ['a heading with only a comment under it', '## A\n<!-- later -->\n## B\nText.\n', [6]],
  ])('fires for %s', (_, body, lines) => {
    const problems = check(post(good, body)).filter((p) => p.rule === 'empty-section');
    expect(problems.map((p) => p.line)).toEqual(lines);
    expect(problems[0]?.severity).toBe('warning');
  });

  it.each([
    ['a heading with a subsection', '## A\n\n### A.1\n\nText.\n'],
    ['a heading with text', '# Title\n\nText.\n\n## B\n\nMore.\n'],
    ['a heading with a list', '## A\n\n- item\n'],
    ['a heading with code', '## A\n\n```\ncode\n```\n'],
    ['a "heading" inside a code block', 'Text.\n\n```\n## not a heading\n```\n'],
    ['a table of contents that a plugin fills in', '## Table of contents\n\n## Intro\n\nText.\n'],
  ])('does not fire for %s', (_, body) => {
    expect(rules(post(good, body))).toEqual([]);
  });
});

describe('TODO markers', () => {
  it.each([
    ['TODO: add the benchmark numbers', 1],
    ['The numbers are TK.', 17],
    ['- FIXME check this', 3],
    ['<!-- TODO: a chart here -->', 6],
    ['Text with `code` and a TODO.', 24],
  ])('fires on %j', (line, column) => {
    const problems = check(post(good, `Intro.\n\n${line}\n`));
    expect(problems.map((p) => [p.rule, p.severity, p.line, p.column])).toEqual([
      ['todo', 'warning', 8, column],
    ]);
  });

  it.each([
    'Use `// TODO` comments sparingly.',
    '```\n// TODO: inside a fence\n```',
    '    TODO inside indented code',
    'Todo el mundo habla de Go.',
    'A todo list app, with TODOs and TKTKTK-free text.',
    'The TK_EVENT constant.',
  ])('does not fire on %j', (line) => {
    expect(rules(post(good, `Intro.\n\n${line}\n`))).toEqual([]);
  });

  it('fires on a front matter value, at its key', () => {
    const problems = check(post(withLine('excerpt: "TODO write this"')));
    expect(problems.map((p) => [p.rule, p.field, p.line])).toEqual([['todo', 'excerpt', 5]]);
  });
});

describe('reading time', () => {
  const words = (count: number): string =>
    Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

  it('warns when reading_time is off by more than a minute, and says what to write', () => {
    const problems = check(post(withLine('reading_time: 10 min read'), `${words(800)}\n`));
    expect(problems.map((p) => [p.rule, p.severity, p.field, p.line])).toEqual([
      ['reading-time-stale', 'warning', 'reading_time', 5],
    ]);
    expect(problems[0]?.message).toMatch(/says 10 min .* about 4; set it to "4 min read"/);
  });

  it.each([
    ['reading_time: 4 min read', 800],
    ['reading_time: 5 min read', 800],
    ['reading_time: 3 minutes', 800],
    ['reading_time: 1 min read', 10],
  ])('does not warn for %s with %i words', (line, count) => {
    expect(rules(post(withLine(line), `${words(count)}\n`))).toEqual([]);
  });

  it('warns when the value is not a reading time at all', () => {
    expect(rules(post(withLine('reading_time: a while')))).toEqual(['reading-time-stale']);
  });
});

describe('chat-assistant residue', () => {
  it.each([
    'Do you want me to **make this even more Go-leaning** (as if you are advocating Go), or keep it **balanced**?',
    'Would you like me to expand the section on concurrency?',
    'Want me to add a comparison table too?',
    'Would you like for me to tighten the intro?',
    "Let me know if you'd like a shorter version for social media.",
    'Let me know if you want me to adjust the tone.',
    "Sure! Here's a blog post comparing Go and Node.js:",
    'Certainly, here is the article you asked for.',
    'As an AI language model, I do not have personal opinions.',
    'I hope this helps!',
    'Hope this helps 😊',
    'Here is a revised version of your article with a friendlier tone:',
    "Here's your blog post:",
    "If you'd like, I can also add code samples for each framework.",
    'I can also write a Twitter thread for this post if you want.',
    'Shall I turn this into a series?',
    'Would you like a more formal version of this introduction?',
    'Feel free to ask if you need any further changes or adjustments!',
    '> **Do you want me to** add citations?',
    '- Would you like me to include a summary?',
  ])('fires on %j', (line) => {
    const problems = check(post(good, `Intro.\n\n${line}\n`));
    expect(problems.map((p) => [p.rule, p.severity, p.line])).toEqual([
      ['assistant-residue', 'warning', 8],
    ]);
    expect(problems[0]?.message).toMatch(/chat assistant/);
  });

  it.each([
    '## Do you want to learn Go?',
    'Do you want to learn Go? Then read on.',
    'Let me show you how goroutines work.',
    'Would you like to see more posts like this? Subscribe below.',
    'Let me know in the comments if you have questions.',
    'Let me know what you think!',
    'Should I use Go or Node.js for my next project?',
    'Here is the updated version of main.go:',
    'Here is a table comparing the two:',
    'Sure, Node.js is fast enough for most APIs.',
    'As an AI researcher, I have used both.',
    'My clients want me to ship faster, and Go lets me.',
    'Here is what I would like you to take away.',
    'I hope this helps you choose between them, and that you enjoy Go as much as I do.',
  ])('does not fire on %j', (line) => {
    expect(rules(post(good, `Intro.\n\n${line}\n\nMore text.\n`))).toEqual([]);
  });

  it('does not look inside code', () => {
    const body = 'Intro.\n\n```text\nWould you like me to continue?\n```\n\n`Do you want me to?`\n';
    expect(rules(post(good, body))).toEqual([]);
  });
});

describe('positions', () => {
  it('reports body lines in file lines, with CRLF and a BOM', () => {
    const text = `\uFEFF---\r\n${good.join('\r\n')}\r\n---\r\n\r\n## Empty\r\n\r\n## Next\r\n\r\nTK\r\n`;
    const problems = check(text);
    expect(problems.map((p) => [p.rule, p.line, p.column])).toEqual([
      ['empty-section', 7, 1],
      ['todo', 11, 1],
    ]);
  });

  it('sorts problems by line', () => {
    const problems = check(post(['date: nope', 'title: "T"'], 'TODO\n'));
    expect(problems.map((p) => p.line)).toEqual(
      [...problems.map((p) => p.line)].sort((a, b) => a - b),
    );
  });
});

describe('a Hugo-style schema', () => {
  const hugo: Schema = {
    ...defaultSchema,
    fields: defaultSchema.fields.map((spec) =>
      spec.key === 'published' ? field('draft', 'boolean', { default: true }) : spec,
    ),
    status: { field: 'draft', publishedValue: false },
  };

  it('checks draft as a boolean', () => {
    expect(rules(post(withLine('draft: true')), hugo)).toEqual([]);
    expect(rules(post(withLine('draft: "no"')), hugo)).toEqual(['kind']);
  });
});

describe('a post like the example post', () => {
  // The example post's front matter and the last lines of its body, as an assistant left them.
  const text = [
    '---',
    'title: "Go vs Node.js: Choosing the Right Backend Technology"',
    'description: "A detailed comparison between Go and Node.js for backend development, covering performance, scalability, ecosystem, and use cases."',
    'date: "2024-02-28"',
    'published: true',
    'featured: true',
    'tags: ["Go", "Node.js", "Backend", "Performance", "Comparison"]',
    'category: "Technology"',
    'reading_time: "10 min read"',
    'excerpt: "Explore the strengths and weaknesses of Go and Node.js to make informed decisions for your next backend project."',
    'image: "/images/blogs/go-vs-nodejs.png"',
    'external_url: ""',
    '---',
    '',
    '# Go vs Node.js: Choosing the Right Backend Technology',
    '',
    'Ultimately, your choice depends on **team expertise, project needs, and scaling goals** — not just benchmarks.',
    '',
    '---',
    '',
    "Do you want me to **make this even more Go-leaning** (as if you're strongly advocating Go), or keep it **balanced for readers to decide themselves**?",
    '',
  ].join('\n');

  it('passes the front matter checks and flags the stale reading time and the question at its end', () => {
    const problems = check(text, defaultSchema, { path: 'go-vs-nodejs.md' });
    expect(hasErrors(problems)).toBe(false);
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['reading-time-stale', 9],
      ['assistant-residue', 21],
    ]);
  });
});

describe('hasErrors and publishBlockers', () => {
  it('separates errors from warnings', () => {
    const problems = check(post(['date: nope'], 'TODO\n'));
    expect(hasErrors(problems)).toBe(true);
    expect(publishBlockers(problems).map((p) => p.rule)).toEqual(['required', 'date']);
    const warnings = check(post(good, 'TODO\n'));
    expect(hasErrors(warnings)).toBe(false);
    expect(publishBlockers(warnings)).toEqual([]);
  });
});

describe('valueProblem', () => {
  it('checks one value against a field, for defaults and form input', () => {
    expect(valueProblem(field('draft', 'boolean'), 'yes')).toMatch(/true or false/);
    expect(valueProblem(field('draft', 'boolean'), false)).toBeNull();
    expect(valueProblem(field('when', 'date'), '')).toBeNull();
  });
});
