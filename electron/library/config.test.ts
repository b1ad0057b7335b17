import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parsePost } from '../../shared/document';
import { defaultSchema, fieldFor } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { imageRefs, validatePost } from '../../shared/validate';
import { collectImageChecks, loadConfig } from './config';
import type { LoadedConfig } from './config';

let base: string;
let site: string;
let root: string;

beforeEach(async () => {
  // realpath: the temp dir itself may sit behind a symlink (macOS /tmp).
  base = await realpath(await mkdtemp(join(tmpdir(), 'postwright-config-')));
  site = join(base, 'site');
  root = join(site, 'content', 'blog');
  await mkdir(join(root, 'nested', 'images'), { recursive: true });
  await mkdir(join(site, 'public', 'images', 'blogs'), { recursive: true });
  await writeFile(join(site, 'public', 'images', 'blogs', 'cover.png'), 'png');
  await writeFile(join(root, 'nested', 'images', 'local.png'), 'png');
  await writeFile(join(root, 'at-root.png'), 'png');
  await writeFile(join(base, 'secret.png'), 'secret');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function loaded(folder = root): Promise<LoadedConfig> {
  const result = await loadConfig(folder);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('loadConfig', () => {
  test('a folder without a config file gets the default schema and no problems', async () => {
    expect(await loaded()).toEqual({ schema: defaultSchema, problems: [], file: null });
  });

  test('reads postwright.config.yml, Hugo-style draft included', async () => {
    await writeFile(
      join(root, 'postwright.config.yml'),
      '\uFEFFstatus:\n  field: draft\n  published: false\npublicFolder: ../../public\nfields:\n  title:\n    maxLength: 80\n',
    );
    const config = await loaded();
    expect(config.problems).toEqual([]);
    expect(config.file).toBe('postwright.config.yml');
    expect(config.schema.status).toEqual({ field: 'draft', publishedValue: false });
    expect(config.schema.publicFolder).toBe('../../public');
    expect(fieldFor(config.schema, 'title')?.maxLength).toBe(80);
    expect(fieldFor(config.schema, 'published')).toBeUndefined();
  });

  test('reads postwright.config.yaml too, and says which one wins when both exist', async () => {
    await writeFile(join(root, 'postwright.config.yaml'), 'imageFolder: /img\n');
    expect((await loaded()).schema.imageFolder).toBe('/img');
    await writeFile(join(root, 'postwright.config.yml'), 'imageFolder: /images\n');
    const both = await loaded();
    expect(both.schema.imageFolder).toBe('/images');
    expect(both.problems).toEqual([
      expect.objectContaining({
        path: 'postwright.config.yaml',
        severity: 'warning',
        rule: 'config',
        message: 'postwright.config.yaml is ignored because postwright.config.yml is used.',
      }),
    ]);
  });

  test('an invalid config gives the default schema and an error with file, line and column', async () => {
    await writeFile(join(root, 'postwright.config.yml'), 'fields:\n  title:\n    kind: sentence\n');
    const config = await loaded();
    expect(config.schema).toEqual(defaultSchema);
    expect(config.file).toBeNull();
    expect(config.problems).toEqual([
      {
        path: 'postwright.config.yml',
        line: 3,
        column: 11,
        field: null,
        severity: 'error',
        rule: 'config',
        message: expect.stringMatching(/"sentence".*default fields until this is fixed/) as unknown,
      },
    ]);
  });

  test('YAML that does not parse is a problem, not a crash', async () => {
    await writeFile(join(root, 'postwright.config.yml'), 'status: [draft\n');
    const config = await loaded();
    expect(config.schema).toEqual(defaultSchema);
    expect(config.problems[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
  });

  test('unknown keys are warnings and the config is used', async () => {
    await writeFile(join(root, 'postwright.config.yml'), 'colour: blue\nimageFolder: /img\n');
    const config = await loaded();
    expect(config.schema.imageFolder).toBe('/img');
    expect(config.problems).toEqual([
      expect.objectContaining({ severity: 'warning', line: 1, column: 1 }),
    ]);
  });

  test('a config that is a folder, or a symlink out of the posts folder, is a problem', async () => {
    await mkdir(join(root, 'postwright.config.yml'));
    expect((await loaded()).problems[0]?.message).toMatch(/is not a file/);
    await rm(join(root, 'postwright.config.yml'), { recursive: true });
    await writeFile(join(base, 'elsewhere.yml'), 'imageFolder: /x\n');
    await symlink(join(base, 'elsewhere.yml'), join(root, 'postwright.config.yml'));
    const config = await loaded();
    expect(config.schema).toEqual(defaultSchema);
    expect(config.problems[0]?.message).toMatch(/outside the posts folder/);
  });

  test('warns when the public folder does not exist', async () => {
    await writeFile(join(root, 'postwright.config.yml'), 'publicFolder: ../static\n');
    expect((await loaded()).problems[0]?.message).toMatch(/"..\/static" does not exist/);
  });

  test('the README example config is valid as documented', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /```yaml\n(# postwright\.config\.yml[^]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    await mkdir(join(site, 'static'));
    await writeFile(join(root, 'postwright.config.yml'), example ?? '');
    const config = await loaded();
    expect(config.problems).toEqual([]);
    expect(config.schema.status).toEqual({ field: 'draft', publishedValue: false });
    expect(fieldFor(config.schema, 'series')?.choices).toEqual(['Go', 'Rust']);
  });

  test('fails only when the posts folder cannot be read', async () => {
    const result = await loadConfig(join(base, 'missing'));
    expect(result).toMatchObject({ ok: false, error: { kind: 'folderUnreadable' } });
  });
});

describe('collectImageChecks', () => {
  const withPublic = (publicFolder: string | null): Schema => ({ ...defaultSchema, publicFolder });

  test('resolves site paths against the public folder (relative or absolute)', async () => {
    for (const folder of ['../../public', join(site, 'public')]) {
      const refs = [
        '/images/blogs/cover.png',
        '/images/blogs/gone.png',
        '/images/blogs/cover.png?v=2',
      ];
      const exists = await collectImageChecks(root, withPublic(folder), 'post.md', refs);
      expect(refs.map(exists), folder).toEqual([true, false, true]);
    }
  });

  test('decodes percent-escapes', async () => {
    await writeFile(join(site, 'public', 'images', 'blogs', 'my café.png'), 'png');
    const ref = '/images/blogs/my%20caf%C3%A9.png';
    const exists = await collectImageChecks(root, withPublic('../../public'), 'post.md', [ref]);
    expect(exists(ref)).toBe(true);
  });

  test('resolves relative paths against the post folder', async () => {
    const refs = ['images/local.png', './images/missing.png', '../at-root.png'];
    const exists = await collectImageChecks(root, defaultSchema, 'nested/post.md', refs);
    expect(refs.map(exists)).toEqual([true, false, true]);
  });

  test('without a public folder, a site path found in the posts folder exists and a miss is unknown', async () => {
    const refs = ['/at-root.png', '/images/blogs/cover.png'];
    const exists = await collectImageChecks(root, defaultSchema, 'post.md', refs);
    expect(refs.map(exists)).toEqual([true, undefined]);
  });

  test('never looks outside the posts folder and the public folder', async () => {
    await symlink(join(base, 'secret.png'), join(root, 'link.png'));
    const refs = ['../../../secret.png', '/../../../secret.png', 'link.png', 'https://x.dev/a.png'];
    const exists = await collectImageChecks(root, withPublic('../../public'), 'post.md', refs);
    expect(refs.map(exists)).toEqual([undefined, undefined, undefined, undefined]);
    expect(exists('never-collected.png')).toBeUndefined();
  });

  test('answers validatePost: a missing cover image is a warning at its key', async () => {
    const text =
      '---\ntitle: T\ndescription: D\ndate: 2024-02-28\nimage: /images/blogs/gone.png\n---\n![ok](/images/blogs/cover.png)\n';
    const doc = parsePost(text);
    const schema = withPublic('../../public');
    const exists = await collectImageChecks(root, schema, 'post.md', imageRefs(doc, schema));
    const problems = validatePost(doc, schema, { path: 'post.md', imageExists: exists });
    expect(problems.map((p) => [p.rule, p.field, p.line])).toEqual([['image-missing', 'image', 5]]);
  });
});
