import { describe, expect, it } from 'vitest';
import type { PostFile, Problem } from '../../shared/api';
import { parsePost } from '../../shared/document';
import { partsOf } from '../../shared/post-text';
import { defaultSchema } from '../../shared/schema';
import { findFrontMatter } from '../../shared/split';
import { validatePost } from '../../shared/validate';
import { checkedTextOf, countsText, targetOf } from './checks';
import type { CheckPlaces } from './checks';

function fileOf(text: string): PostFile {
  return { path: 'post.md', text, version: 'v1', split: findFrontMatter(text) };
}

const post = [
  '---',
  'title: Half done',
  'published: false',
  '---',
  '',
  'The first part.',
  '',
  'TODO: the ending.',
  '',
].join('\n');

const form: CheckPlaces = { fieldKeys: new Set(['title', 'published']), rawFrontMatter: false };

function problemAt(line: number, field: string | null = null): Problem {
  return {
    path: 'post.md',
    line,
    column: 1,
    field,
    severity: 'warning',
    rule: 'todo',
    message: '',
  };
}

describe('checkedTextOf', () => {
  it('composes the text a save would write', () => {
    const file = fileOf(post);
    const parts = partsOf(file);
    expect(checkedTextOf(file, parts).text).toBe(post);
    expect(checkedTextOf(file, { ...parts, body: `${parts.body}More.` }).text).toBe(`${post}More.`);
  });

  it('counts the lines before the body in the edited text, not in the file as read', () => {
    const file = fileOf(post);
    const parts = partsOf(file);
    expect(checkedTextOf(file, parts)).toMatchObject({
      linesBeforeFrontMatter: 1,
      linesBeforeBody: 4,
    });
    const longer = { ...parts, frontMatter: `${parts.frontMatter}date: 2024-01-01\n` };
    expect(checkedTextOf(file, longer).linesBeforeBody).toBe(5);
  });

  it('places every body problem validation finds on the editor line that has it', () => {
    const text = post.replace(/\n/g, '\r\n');
    const file = fileOf(text);
    const parts = partsOf(file);
    const checked = checkedTextOf(file, parts);
    const problems = validatePost(parsePost(checked.text), defaultSchema).filter(
      (problem) => problem.rule === 'todo',
    );
    expect(problems).toHaveLength(1);
    const target = targetOf(problems[0] as Problem, checked, form);
    expect(target).toEqual({ kind: 'body', line: 4 });
    expect(parts.body.split('\n')[3]).toBe('TODO: the ending.');
  });
});

describe('targetOf', () => {
  const checked = { linesBeforeFrontMatter: 1, linesBeforeBody: 4 };

  it('goes to a field the form shows', () => {
    expect(targetOf(problemAt(2, 'title'), checked, form)).toEqual({ kind: 'field', key: 'title' });
  });

  it('has nowhere to go for a field the front matter does not have yet', () => {
    expect(targetOf(problemAt(1, 'date'), checked, form)).toBeNull();
  });

  it('goes to the raw front matter line when the form cannot show fields', () => {
    const raw: CheckPlaces = { fieldKeys: new Set(), rawFrontMatter: true };
    expect(targetOf(problemAt(3, 'published'), checked, raw)).toEqual({
      kind: 'front-matter',
      line: 2,
    });
    // The opening delimiter line is not in the raw text.
    expect(targetOf(problemAt(1, 'date'), checked, raw)).toBeNull();
  });

  it('maps file lines after the front matter to body lines', () => {
    expect(targetOf(problemAt(5), checked, form)).toEqual({ kind: 'body', line: 1 });
    expect(targetOf(problemAt(8), checked, form)).toEqual({ kind: 'body', line: 4 });
  });
});

describe('countsText', () => {
  it('names only the severities there are', () => {
    expect(countsText({ errors: 2, warnings: 3 })).toBe('2 errors, 3 warnings');
    expect(countsText({ errors: 1, warnings: 0 })).toBe('1 error');
    expect(countsText({ errors: 0, warnings: 1 })).toBe('1 warning');
    expect(countsText({ errors: 0, warnings: 0 })).toBe('');
  });
});
