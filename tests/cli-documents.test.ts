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
    expect(run.stdout).toContain('<h1 data-source-line="2">Hi </h1>');
    expect(run.stdout).not.toMatch(/<script|onerror|<iframe/);
    expect(run.stdout).toContain('https://video.example/embed/1');
  });
});
