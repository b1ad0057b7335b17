import { describe, expect, it } from 'vitest';
import type { PostFile, Problem } from '../../shared/api';
import { parsePost, readYamlFrontMatter } from '../../shared/document';
import { defaultSchema, field } from '../../shared/schema';
import { findFrontMatter } from '../../shared/split';
import { validatePost } from '../../shared/validate';
import { checkedTextOf, linesBeforeParts } from './checks';
import { frontMatterFactsOf, liveProblems, localFieldProblems } from './live-problems';
import type { NodeCheck } from './live-problems';

function fileOf(text: string): PostFile {
  return { path: 'post.md', text, version: 'v1', split: findFrontMatter(text) };
}

const post = [
  '---',
  'title: Half done',
  'description: A post that is not finished yet.',
  'date: 2024-02-28',
  'image: /images/gone.png',
  '---',
  '',
  'The first part.',
  '',
  'TODO: the ending.',
  '',
].join('\n');
const file = fileOf(post);
const frontMatter = post.slice(file.split.frontMatterStart, file.split.frontMatterEnd);
const body = post.slice(file.split.bodyStart);

/** What the Node side answers for `text`: every check, with the image reported missing. */
function nodeCheckOf(text: string): NodeCheck {
  const { text: composed, ...checked } = checkedTextOf(file, {
    frontMatter: text.slice(file.split.frontMatterStart, findFrontMatter(text).frontMatterEnd),
    body,
  });
  const doc = parsePost(composed);
  return {
    problems: validatePost(doc, defaultSchema, { path: 'post.md', imageExists: () => false }),
    checked,
    values: doc.values,
  };
}

function live(edited: string, node: NodeCheck | null): Problem[] {
  const facts = frontMatterFactsOf(file, edited);
  const local = localFieldProblems('post.md', facts, defaultSchema);
  return liveProblems(local, node, facts, linesBeforeParts(file, edited));
}

const rules = (problems: readonly Problem[]) =>
  problems.map((problem) => `${problem.line}:${problem.field ?? '-'}:${problem.rule}`);

describe('frontMatterFactsOf', () => {
  it('reads the edited front matter with keys in file lines, as the whole file would', () => {
    const edited = frontMatter.replace('Half done', 'Done');
    const facts = frontMatterFactsOf(file, edited);
    const whole = parsePost(post.replace('Half done', 'Done'));
    expect(facts.values).toEqual(whole.values);
    expect(facts.keys.map(({ key, line, column }) => ({ key, line, column }))).toEqual(
      whole.keys.map(({ key, line, column }) => ({ key, line, column })),
    );
    expect(facts.problem).toBeNull();
  });

  it('reports front matter that does not parse at its file line', () => {
    const facts = frontMatterFactsOf(file, 'title: [unclosed\n');
    expect(facts.problem?.line).toBeGreaterThanOrEqual(2);
  });

  it('gives the same facts from a read the caller already has as from parsing', () => {
    const withBom = fileOf(`\uFEFF${post}`);
    const broken = fileOf('---\ntitle: x\n');
    for (const [each, text] of [
      [file, frontMatter.replace('Half done', 'Done')],
      [file, 'title: [unclosed\n'],
      [file, 'title: a\n\n# note\ntags:\n  - one\n'],
      [withBom, frontMatter],
      [broken, 'title: x\n'],
    ] as const) {
      expect(frontMatterFactsOf(each, text, readYamlFrontMatter(text))).toEqual(
        frontMatterFactsOf(each, text),
      );
    }
  });
});

describe('liveProblems', () => {
  const node = nodeCheckOf(post);

  it('gives exactly what the Node side gives when nothing changed since its check', () => {
    expect(live(frontMatter, node)).toEqual(node.problems);
  });

  it('shows a field problem at once, before the Node side checks again', () => {
    const edited = frontMatter.replace('title: Half done', 'title: ""');
    const problems = live(edited, node);
    expect(rules(problems)).toContain('2:title:required');
    // The body's TODO and the missing image are still there, from the last Node check.
    expect(rules(problems)).toEqual(['2:title:required', '5:image:image-missing', '10:-:todo']);
  });

  it('drops a fixed field problem at once', () => {
    const broken = post.replace('date: 2024-02-28', 'date: 2024-02-30');
    const brokenFile = fileOf(broken);
    const brokenNode = nodeCheckOf(broken);
    expect(rules(brokenNode.problems)).toContain('4:date:date');
    const facts = frontMatterFactsOf(brokenFile, frontMatter);
    const problems = liveProblems(
      localFieldProblems('post.md', facts, defaultSchema),
      brokenNode,
      facts,
      linesBeforeParts(brokenFile, frontMatter),
    );
    expect(rules(problems)).toEqual(['5:image:image-missing', '10:-:todo']);
  });

  it('drops the Node side’s image problem once the image field changes, keeps it otherwise', () => {
    const edited = frontMatter.replace('/images/gone.png', '/images/other.png');
    expect(rules(live(edited, node))).toEqual(['10:-:todo']);
    const retitled = frontMatter.replace('Half done', 'Nearly done');
    expect(rules(live(retitled, node))).toEqual(['5:image:image-missing', '10:-:todo']);
  });

  it('moves body problems by the lines the front matter gained since the check', () => {
    const edited = `${frontMatter}excerpt: |\n  Two\n  lines\n`;
    const problems = live(edited, node);
    expect(rules(problems)).toEqual(['5:image:image-missing', '13:-:todo']);
    expect(problems.at(-1)?.message).toMatch(/TODO/);
  });

  it('takes the front matter parse problem from the current text, not the checked one', () => {
    const broken = 'title: [unclosed\n';
    const problems = live(broken, node);
    expect(problems.filter((p) => p.rule === 'front-matter')).toHaveLength(1);
    expect(problems.some((p) => p.field !== null)).toBe(false);
    // Fixed again: the parse problem goes with it, though the Node side never saw the fix.
    const brokenNode = nodeCheckOf(post.replace(frontMatter, broken));
    expect(brokenNode.problems.some((p) => p.rule === 'front-matter')).toBe(true);
    expect(live(frontMatter, brokenNode).some((p) => p.rule === 'front-matter')).toBe(false);
  });

  it('falls back to the Node side’s answer until the schema is known, and to local alone before it', () => {
    const facts = frontMatterFactsOf(file, frontMatter);
    const lines = linesBeforeParts(file, frontMatter);
    expect(liveProblems(null, node, facts, lines)).toEqual(node.problems);
    expect(liveProblems(null, null, facts, lines)).toEqual([]);
    const local = localFieldProblems('post.md', facts, {
      ...defaultSchema,
      fields: [field('subtitle', 'string', { required: true })],
    });
    expect(rules(liveProblems(local, null, facts, lines))).toEqual(['1:subtitle:required']);
  });
});
