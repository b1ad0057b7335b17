import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeFolder, runCli } from './e2e/harness';

const post = `---
title: "Hello"   # the title
date: 2024-05-03
tags: [a, b]
categories:
  - Notes
---

# Hi <script>globalThis.pwned = 1</script>

<img src=x onerror=alert(1)> <iframe src="https://video.example/embed/1"></iframe>
`;

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(
    folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })),
  );
});

async function postFile(text = post): Promise<string> {
  const folder = await makeFolder({ 'post.md': text });
  folders.push(folder);
  return join(folder, 'post.md');
}

describe('postwright get', () => {
  test('prints strings as they read, lists as JSON, the source with --source', async () => {
    const file = await postFile();
    expect((await runCli(['get', file, 'title'])).stdout).toBe('Hello\n');
    expect((await runCli(['get', file, 'tags'])).stdout).toBe('["a","b"]\n');
    expect((await runCli(['get', file, 'date'])).stdout).toBe('2024-05-03\n');
    expect((await runCli(['get', file, 'title', '--source'])).stdout).toBe(
      '"Hello"   # the title\n',
    );
  });

  test('a missing field exits 1, a missing file exits 2, each with one message', async () => {
    const file = await postFile();
    const missing = await runCli(['get', file, 'nope']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/no field "nope"/);
    const gone = await runCli(['get', join(file, '..', 'gone.md'), 'title']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^postwright: cannot read .*no such file\n$/);
  });
});

describe('postwright set', () => {
  test('changes only the named fields, taking YAML values, in place', async () => {
    const file = await postFile();
    const run = await runCli([
      'set',
      file,
      'title=A: B',
      'tags=[go, node]',
      'categories=[Tech, Notes]',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(file, 'utf8')).toBe(
      post
        .replace('"Hello"   # the title', '"A: B"   # the title')
        .replace('[a, b]', '[go, node]')
        .replace('  - Notes\n', '  - Tech\n  - Notes\n'),
    );
  });

  test('a value already set writes nothing', async () => {
    const file = await postFile();
    const before = await stat(file);
    await new Promise((done) => setTimeout(done, 20));
    expect((await runCli(['set', file, 'title=Hello'])).code).toBe(0);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  test('bad assignments, unparseable front matter and non-UTF-8 files exit 2 and change nothing', async () => {
    const file = await postFile();
    expect((await runCli(['set', file, 'novalue'])).code).toBe(2);
    const broken = '---\ntitle: [oops\n---\nBody\n';
    await writeFile(file, broken);
    const refused = await runCli(['set', file, 'title=x']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/does not parse/);
    expect(await readFile(file, 'utf8')).toBe(broken);
    const utf16 = Buffer.from('\ufeff---\ntitle: x\n---\n', 'utf16le');
    await writeFile(file, utf16);
    const wide = await runCli(['set', file, 'title=y']);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toMatch(/UTF-16/);
    expect((await readFile(file)).equals(utf16)).toBe(true);
  });
});

describe('postwright render', () => {
  test('prints the sanitized preview HTML', async () => {
    const file = await postFile();
    const run = await runCli(['render', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/<h1 data-source-line="2" id="user-content-hi-[^"]*">Hi <\/h1>/);
    expect(run.stdout).not.toMatch(/<script|onerror|<iframe/);
    expect(run.stdout).toContain('https://video.example/embed/1');
  });

  test('highlights fenced code, having loaded its language first', async () => {
    const file = await postFile('---\ntitle: Code\n---\n\n```python\ndef f(): return "<b>"\n```\n');
    const run = await runCli(['render', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<code data-source-line="2" class="language-python">');
    expect(run.stdout).toContain('<span class="tok-keyword">def</span>');
    expect(run.stdout).toContain('<span class="tok-string">"&lt;b&gt;"</span>');
  });
});

describe('postwright check', () => {
  const good = `---
title: "A good post"
description: "Everything an author needs, nothing left over."
date: "2024-02-28"
published: true
tags: ["Go"]
reading_time: "1 min read"
---

# A good post

Short and finished.
`;

  test('exit 0 with warnings only, 1 with errors; one line per problem with file, line and column', async () => {
    const folder = await makeFolder({
      'good.md': good,
      'todo.md': good.replace('Short and finished.', 'Short. TODO finish'),
      'nodate.md': good.replace('date: "2024-02-28"\n', ''),
    });
    folders.push(folder);
    const clean = await runCli(['check', join(folder, 'good.md')]);
    expect(clean).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings in 1 post\n' });

    const warned = await runCli(['check', join(folder, 'todo.md')]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/todo\.md:12:8: warning: .*TODO.* \[todo\]\n/);

    const all = await runCli(['check', folder]);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/nodate\.md:\d+:\d+: error: .*date.* \[required\]\n/);
    expect(all.stdout).toMatch(/^1 error, 1 warning in 3 posts$/m);
  });

  test('--json gives the structured problems; a path that does not exist exits 2', async () => {
    const folder = await makeFolder({ 'post.md': good.replace('title: "A good post"\n', '') });
    folders.push(folder);
    const run = await runCli(['check', folder, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      errors: number;
      problems: { rule: string; field: string | null; line: number }[];
    };
    expect(report.errors).toBe(1);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ rule: 'required', field: 'title' }),
    );
    expect((await runCli(['check', join(folder, 'missing.md')])).code).toBe(2);
  });

  test("a folder's config is used: Hugo's draft: true is a draft, and a broken config is reported", async () => {
    const folder = await makeFolder({
      'postwright.config.yml': 'status: { field: draft, published: false }\n',
      'hugo.md':
        '---\ntitle: Hugo\ndate: 2024-01-01\ndraft: true\ndescription: A Hugo post.\n---\n\nText.\n',
    });
    folders.push(folder);
    const listed = await runCli(['list', folder, '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ title: 'Hugo', status: 'draft' }]);
    await writeFile(join(folder, 'postwright.config.yml'), 'status: [oops\n');
    const broken = await runCli(['check', folder]);
    expect(broken.stdout).toMatch(/postwright\.config\.yml:\d+:\d+: error: .* \[config\]/);
  });
});

describe('postwright new', () => {
  test('creates a draft from the schema named by the slug, never overwriting, and prints its path', async () => {
    const folder = await makeFolder({});
    folders.push(folder);
    const title = 'Go vs Node.js: Choosing the Right Backend Technology';
    const first = await runCli(['new', folder, '--title', title]);
    expect(first.code).toBe(0);
    const path = join(folder, 'go-vs-nodejs-choosing-the-right-backend-technology.md');
    expect(first.stdout).toBe(`${path}\n`);
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(
      /^---\ntitle: "Go vs Node\.js: Choosing the Right Backend Technology"\ndescription: ""\ndate: "\d{4}-\d{2}-\d{2}"\npublished: false\n/,
    );
    const second = await runCli(['new', folder, '--title', title]);
    expect(second.stdout).toBe(`${path.replace(/\.md$/, '-2.md')}\n`);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect((await runCli(['new', folder])).code).toBe(2);
  });
});
