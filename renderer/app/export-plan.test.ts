import { describe, expect, it } from 'vitest';
import type { ExportFile, ExportPlan, ExportSummary } from '../../shared/export';
import {
  diffLines,
  diffStat,
  exportBlockedBy,
  filesToWrite,
  orderFiles,
  planSentence,
  scopeOf,
  shortCommit,
  summaryHeadline,
} from './export-plan';

const file = (
  repoPath: string,
  action: ExportFile['action'],
  extra: Partial<ExportFile> = {},
): ExportFile => ({
  repoPath,
  kind: 'post',
  post: 'a.md',
  action,
  diff: null,
  ...extra,
});

const plan = (files: readonly ExportFile[], extra: Partial<ExportPlan> = {}): ExportPlan => ({
  target: 'site',
  repo: '/repo',
  posts: ['a.md'],
  files,
  held: [],
  warnings: [],
  blockers: [],
  cancelled: false,
  message: 'Publish: A',
  ...extra,
});

const summary = (extra: Partial<ExportSummary> = {}): ExportSummary => ({
  target: 'site',
  written: ['content/a.md'],
  unchanged: 0,
  held: [],
  commit: '0123456789abcdef0123456789abcdef01234567',
  pushed: false,
  pushError: null,
  cancelled: false,
  ...extra,
});

describe('scopeOf', () => {
  const sources = { post: 'a.md', shown: ['a.md', 'b.md'] };
  it('turns each choice into the scope it means', () => {
    expect(scopeOf('post', sources)).toEqual({ kind: 'posts', paths: ['a.md'] });
    expect(scopeOf('shown', sources)).toEqual({ kind: 'posts', paths: ['a.md', 'b.md'] });
    expect(scopeOf('changed', sources)).toEqual({ kind: 'changed' });
  });
  it('names no posts when there is no open post or the sidebar is empty', () => {
    expect(scopeOf('post', { post: null, shown: ['a.md'] })).toBeNull();
    expect(scopeOf('shown', { post: 'a.md', shown: [] })).toBeNull();
  });
});

describe('orderFiles', () => {
  it('lists what needs a decision first, then updates, new files and the unchanged; a post before its images', () => {
    const files = [
      file('c/u.md', 'unchanged'),
      file('img/a.png', 'add', { kind: 'image' }),
      file('c/a.md', 'add'),
      file('c/h.md', 'changedByHand'),
      file('c/b.md', 'update', { post: 'b.md' }),
    ];
    expect(orderFiles(files).map((each) => each.repoPath)).toEqual([
      'c/h.md',
      'c/b.md',
      'c/a.md',
      'img/a.png',
      'c/u.md',
    ]);
  });
});

describe('orderFiles with numbers in names', () => {
  it('puts post-2 before post-10', () => {
    const files = ['post-10', 'post-2', 'post-1'].map((name) =>
      file(`c/${name}.md`, 'add', { post: `${name}.md` }),
    );
    expect(orderFiles(files).map((each) => each.post)).toEqual([
      'post-1.md',
      'post-2.md',
      'post-10.md',
    ]);
  });
});

describe('what an export would write', () => {
  it('writes new and updated files, and a file changed by hand only when ticked', () => {
    const files = [
      file('a', 'add'),
      file('b', 'update'),
      file('c', 'unchanged'),
      file('d', 'changedByHand'),
    ];
    expect(filesToWrite(plan(files), new Set()).map((each) => each.repoPath)).toEqual(['a', 'b']);
    expect(filesToWrite(plan(files), new Set(['d'])).map((each) => each.repoPath)).toEqual([
      'a',
      'b',
      'd',
    ]);
  });

  it('is blocked by blockers, by nothing to write, and not by files left unticked', () => {
    expect(
      exportBlockedBy(plan([file('a', 'add')], { blockers: ['Not a git repository'] }), new Set()),
    ).not.toBeNull();
    expect(exportBlockedBy(plan([file('a', 'unchanged')]), new Set())).toMatch(/up to date/);
    expect(exportBlockedBy(plan([], { posts: [] }), new Set())).toMatch(/Nothing/);
    expect(exportBlockedBy(plan([file('d', 'changedByHand')]), new Set())).toMatch(
      /tick Overwrite/,
    );
    expect(exportBlockedBy(plan([file('d', 'changedByHand')]), new Set(['d']))).toBeNull();
    expect(
      exportBlockedBy(plan([file('a', 'add'), file('d', 'changedByHand')]), new Set()),
    ).toBeNull();
    expect(exportBlockedBy(plan([], { posts: [], cancelled: true }), new Set())).toMatch(
      /plan was cancelled/,
    );
  });

  it('says what the plan holds in one sentence', () => {
    const files = [file('a', 'add'), file('b', 'add'), file('c', 'update'), file('d', 'unchanged')];
    expect(planSentence(plan(files, { posts: ['a.md', 'b.md'] }))).toBe(
      '2 posts to export: 2 new, 1 update, 1 unchanged.',
    );
    expect(planSentence(plan([], { posts: [] }))).toBe('0 posts: no files.');
    expect(planSentence(plan([file('a', 'unchanged'), file('b', 'unchanged')]))).toBe(
      '1 post: 2 unchanged.',
    );
  });
});

describe('diffLines', () => {
  const diff = [
    '--- content/a.md',
    '+++ content/a.md',
    '@@ -1,3 +1,3 @@',
    ' title: A',
    '-old line',
    '+new line',
    '+++counter;',
    '--- a removed line that starts with two dashes',
    '',
  ].join('\n');

  it('gives each line of a unified diff its kind', () => {
    expect(diffLines(diff).map((line) => line.kind)).toEqual([
      'header',
      'header',
      'hunk',
      'context',
      'removed',
      'added',
      'added',
      'removed',
    ]);
  });

  it("leaves out the patch's Index and ==== lines, not a removed line of equals signs", () => {
    const patch = 'Index: a.md\n====\n--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-====\n+----\n';
    expect(diffLines(patch).map((line) => line.text)).toEqual([
      '--- a/a.md',
      '+++ b/a.md',
      '@@ -1 +1 @@',
      '-====',
      '+----',
    ]);
  });

  it('counts added and removed lines', () => {
    expect(diffStat('@@ -1 +1,2 @@\n-a\n+b\n+c\n')).toEqual({ added: 2, removed: 1 });
  });

  it('keeps CRLF diffs line by line', () => {
    expect(diffLines('@@ -1 +1 @@\r\n-a\r\n+b\r\n').map((line) => line.text)).toEqual([
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ]);
  });
});

describe('the summary', () => {
  it('says what happened', () => {
    expect(summaryHeadline(summary())).toBe('Wrote 1 file and committed.');
    expect(summaryHeadline(summary({ pushed: true, written: ['a', 'b'] }))).toBe(
      'Wrote 2 files, committed and pushed.',
    );
    expect(summaryHeadline(summary({ commit: null }))).toBe('Wrote 1 file; nothing was committed.');
    expect(summaryHeadline(summary({ written: [], commit: null }))).toMatch(/Nothing to write/);
    expect(summaryHeadline(summary({ cancelled: true, written: [], commit: null }))).toMatch(
      /cancelled/,
    );
  });

  it('quotes a commit by its first seven characters', () => {
    expect(shortCommit('0123456789abcdef')).toBe('0123456');
  });
});
