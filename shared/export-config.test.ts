import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import type { ExportTarget } from './export';
import {
  defaultExportMessage,
  exportSectionText,
  readExportTargets,
  replaceExportSection,
} from './export-config';

const site: ExportTarget = {
  name: 'site',
  repo: '../site',
  content: 'content/blogs/{slug}.md',
  images: 'public/images/blogs',
  imageUrl: '/images/blogs',
  include: 'published',
  drop: ['notes'],
  rename: { cover: 'image' },
  message: 'Publish: {title}',
};

const config = `# Postwright config for the blog
status:
  field: published
  published: true
export:
  targets:
    - name: site # the Next.js site
      repo: ../site
      content: content/blogs/{slug}.md
      images: public/images/blogs
      imageUrl: /images/blogs
      drop: [notes]
      rename: { cover: image }
    - name: jekyll
      repo: ~/jekyll
      content: _posts/{date}-{slug}.md
      include: all
      message: 'Blog: {count} posts'
fields:
  title:
    maxLength: 90 # keep titles short
`;

function problems(text: string): string[] {
  return readExportTargets(text).issues.map(
    (issue) => `${issue.line}:${issue.column} ${issue.severity}: ${issue.message}`,
  );
}

function targetsText(entries: string): string {
  return `export:\n  targets:\n${entries}`;
}

describe('readExportTargets', () => {
  it('reads every setting, with defaults for those left out', () => {
    const read = readExportTargets(config);
    expect(read.issues).toEqual([]);
    expect(read.targets).toEqual([
      { ...site, message: defaultExportMessage },
      {
        name: 'jekyll',
        repo: '~/jekyll',
        content: '_posts/{date}-{slug}.md',
        images: null,
        imageUrl: null,
        include: 'all',
        drop: [],
        rename: {},
        message: 'Blog: {count} posts',
      },
    ]);
  });

  it('is not a warning of the rest of the config, and a broken target leaves the schema alone', () => {
    expect(readConfig(config).issues).toEqual([]);
    const broken = config.replace('content/blogs/{slug}.md', '../outside/{slug}.md');
    expect(readConfig(broken).config).not.toBeNull();
  });

  it('reports each broken target at its line and column, and keeps the others', () => {
    const text = targetsText(
      [
        '    - name: up',
        '      repo: ../site',
        '      content: ../{slug}.md',
        '    - name: absolute',
        '      repo: ../site',
        '      content: /srv/{slug}.md',
        '    - name: unknown',
        '      repo: ../site',
        '      content: posts/{title}.md',
        '    - name: imageless',
        '      repo: ../site',
        '      content: posts/{slug}.md',
        '      images: public/img',
        '    - name: good',
        '      repo: ../site',
        '      content: posts/{year}/{month}/{day}/{name}-{category}.md',
        '    - name: good',
        '      repo: ../other',
        '      content: posts/{slug}.md',
        '    - name: git',
        '      repo: ../site',
        '      content: .git/hooks/{slug}',
        '    - name: bare-name',
        '      repo: ../site',
        '      content: posts/{slug}',
        '',
      ].join('\n'),
    );
    const read = readExportTargets(text);
    expect(read.targets.map((target) => [target.name, target.repo])).toEqual([
      ['good', '../site'],
      ['bare-name', '../site'],
    ]);
    expect(problems(text)).toEqual([
      '5:16 error: Target "up": `content` leaves the repository with "..".',
      '8:16 error: Target "absolute": `content` is absolute; it must be a path inside the repository, like content/posts/{slug}.md.',
      '11:16 error: Target "unknown": `content` uses {title}; the placeholders are {slug}, {date}, {year}, {month}, {day}, {name}, {category}.',
      '15:15 error: Target "imageless": `images` needs `imageUrl`, the address that folder is served under (like /images/blog).',
      '19:7 error: Two targets are named "good"; this one is left out.',
      '24:16 error: Target "git": `content` points into the repository\'s .git folder.',
      '27:16 warning: Target "bare-name": `content` has no file extension; posts will be written without one.',
    ]);
  });

  it('names missing settings, wrong kinds, unknown keys and message placeholders', () => {
    const text = targetsText(
      [
        '    - name: bare',
        '    - repo: ../x',
        '      content: a/{slug}.md',
        '    - name: odd',
        '      repo: ../x',
        '      content: a/{slug}.md',
        '      include: drafts',
        '      drop: notes',
        '      colour: blue',
        '      message: Publish {titel}',
        '',
      ].join('\n'),
    );
    expect(readExportTargets(text).targets).toEqual([]);
    expect(problems(text)).toEqual([
      '3:7 error: Target "bare" needs `repo`.',
      '3:7 error: Target "bare" needs `content`.',
      '4:7 error: `export.targets` entry 2 needs a `name` (text, like site).',
      '11:7 warning: `colour` is not an export target setting (name, repo, content, images, imageUrl, include, drop, rename, message); it is ignored.',
      '9:16 error: Target "odd": `include` is "published" or "all".',
      '10:13 error: Target "odd": `drop` should be a list of keys, like [notes, draft_of].',
      '12:16 error: Target "odd": `message` uses {titel}; it can use {title} and {count}.',
    ]);
  });

  it('reads a config without an export section, or with an empty one, as no targets', () => {
    expect(readExportTargets('status:\n  field: draft\n  published: false\n')).toEqual({
      targets: [],
      issues: [],
    });
    expect(readExportTargets('export:\n')).toEqual({ targets: [], issues: [] });
    expect(readExportTargets('export:\n  targets: []\n')).toEqual({ targets: [], issues: [] });
  });
});

describe('replaceExportSection', () => {
  it('replaces the section and keeps every byte before and after it', () => {
    const jekyll: ExportTarget = { ...site, name: 'jekyll', repo: '~/j', rename: {}, drop: [] };
    const next = replaceExportSection(config, [jekyll]);
    if (!next.ok) throw new Error(next.error.message);
    const before = config.slice(0, config.indexOf('export:'));
    const after = config.slice(config.indexOf('fields:'));
    expect(next.value.startsWith(before)).toBe(true);
    expect(next.value.endsWith(after)).toBe(true);
    expect(readExportTargets(next.value)).toEqual({ targets: [jekyll], issues: [] });
  });

  it('adds a section at the end of a config without one, in its line endings', () => {
    const crlf = '# mine\r\nimageFolder: /images # where\r\n';
    const next = replaceExportSection(crlf, [site]);
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.startsWith(crlf)).toBe(true);
    expect(next.value.slice(crlf.length)).toBe(exportSectionText([site], '\r\n'));
    expect(next.value.replace(/\r\n/g, '')).not.toContain('\n');
    expect(readExportTargets(next.value).targets).toEqual([site]);
    const unterminated = replaceExportSection('imageFolder: /images', [site]);
    expect(unterminated.ok && unterminated.value.startsWith('imageFolder: /images\nexport:')).toBe(
      true,
    );
  });

  describe('edits the targets in place', () => {
    const commented = `# Postwright config for the blog
status:
  field: published
export:
  # Where finished posts go.
  targets:
    # The Next.js site on this laptop
    - name: site   # the Next.js site
      repo: "../site"
      content: content/blogs/{slug}.md # where Next.js reads posts
      images: public/images/blogs
      imageUrl: /images/blogs
      drop: [notes]
      rename: { cover: image }
    # The old Jekyll blog
    - name: jekyll
      repo: ~/jekyll
      content: _posts/{date}-{slug}.md
      include: all
      message: 'Blog: {count} posts' # said in the log
fields:
  title:
    maxLength: 90 # keep titles short
`;
    const [siteNow, jekyllNow] = readExportTargets(commented).targets as [
      ExportTarget,
      ExportTarget,
    ];
    const siteText = commented.slice(
      commented.indexOf('    # The Next.js'),
      commented.indexOf('    # The old Jekyll'),
    );

    it('changes only the lines of the settings that change', () => {
      const next = replaceExportSection(commented, [
        siteNow,
        { ...jekyllNow, include: 'published', message: 'Jekyll: {count} posts' },
      ]);
      expect(next).toEqual({
        ok: true,
        value: commented
          .replace('      include: all\n', '')
          .replace("'Blog: {count} posts'", "'Jekyll: {count} posts'"),
      });
    });

    it('keeps the other targets byte for byte when one goes and another comes', () => {
      const hugo: ExportTarget = {
        ...site,
        name: 'hugo',
        repo: '~/hugo',
        content: 'content/posts/{slug}.md',
        drop: [],
        rename: {},
      };
      const next = replaceExportSection(commented, [siteNow, hugo]);
      if (!next.ok) throw new Error(next.error.message);
      expect(next.value).toContain(siteText);
      expect(next.value).not.toContain('jekyll');
      expect(
        next.value.startsWith(commented.slice(0, commented.indexOf('    # The Next.js'))),
      ).toBe(true);
      expect(next.value.endsWith(commented.slice(commented.indexOf('fields:')))).toBe(true);
      expect(readExportTargets(next.value)).toEqual({ targets: [siteNow, hugo], issues: [] });
    });

    it('keeps the comments and quotes of a renamed target', () => {
      const next = replaceExportSection(commented, [{ ...siteNow, name: 'nextjs' }, jekyllNow]);
      expect(next).toEqual({
        ok: true,
        // The changed line is written anew (its comment kept); every other one stays.
        value: commented.replace('- name: site   #', '- name: nextjs #'),
      });
    });
  });

  it('refuses a config that does not parse, so it is never rewritten from a guess', () => {
    const next = replaceExportSection('status: [unclosed\n', [site]);
    expect(next.ok).toBe(false);
  });

  it('writes back what it reads, for any targets', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const targetArb = fc.record({
      name: segment,
      repo: segment.map((name) => `../${name}`),
      content: segment.map((name) => `${name}/{slug}.md`),
      images: fc.option(segment, { nil: null }),
      include: fc.constantFrom('published' as const, 'all' as const),
      drop: fc.uniqueArray(segment, { maxLength: 3 }),
      message: fc.constantFrom(defaultExportMessage, 'Add {count}: {title}', 'Blog: "{title}"'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(targetArb, { selector: (t) => t.name, maxLength: 4 }), (raw) => {
        const targets: ExportTarget[] = raw.map((t) => ({
          ...t,
          drop: t.drop,
          imageUrl: t.images === null ? null : `/${t.images}`,
          rename: t.drop.length > 0 ? ({} as Record<string, string>) : { cover: 'image' },
        }));
        const next = replaceExportSection(config, targets);
        if (!next.ok) return false;
        const read = readExportTargets(next.value);
        expect(read.issues).toEqual([]);
        expect(read.targets).toEqual(targets);
        expect(next.value.endsWith(config.slice(config.indexOf('fields:')))).toBe(true);
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
