import type { PostFile, Problem } from '../../shared/api';
import { parsePost } from '../../shared/document';
import type { FrontMatterRead as YamlRead } from '../../shared/document';
import type { Schema } from '../../shared/schema';
import { mergeProblems, validateFields } from '../../shared/validate';
import type { FrontMatterFacts, Rule } from '../../shared/validate';
import { newlinesIn } from './checks';
import type { CheckedText } from './checks';

/**
 * Field rules the renderer cannot check: whether an image is on disk (the Node side looks), and
 * whether a reading time is stale (that needs the whole body parsed, too slow per keystroke).
 */
const nodeOnlyFieldRules: ReadonlySet<Rule> = new Set<Rule>([
  'image-missing',
  'reading-time-stale',
]);

/**
 * The front matter of `file` with `frontMatter` as its text, read as the field checks read it, with
 * key lines in file lines. Only the part of the file up to the body is parsed, so it costs the same
 * for a short post and a long one.
 */
export function frontMatterFactsOf(
  file: PostFile,
  frontMatter: string,
  /** `readYamlFrontMatter(frontMatter)` when the caller has it (YAML only): nothing is parsed again. */
  read?: YamlRead,
): FrontMatterFacts {
  const { split, text } = file;
  if (read !== undefined && split.format === 'yaml') {
    // As parsePost would say it: lines counted from the file's start, a split error first.
    const before = newlinesIn(text.slice(0, split.frontMatterStart));
    const problem =
      split.error !== null
        ? { message: split.error, line: 1, column: 1 }
        : read.problem === null
          ? null
          : { ...read.problem, line: read.problem.line + before };
    return {
      values: read.values,
      keys: read.keys.map((info) => ({ ...info, line: info.line + before })),
      problem,
    };
  }
  const head =
    text.slice(0, split.frontMatterStart) +
    frontMatter +
    text.slice(split.frontMatterEnd, split.bodyStart);
  const frontMatterEnd = split.frontMatterStart + frontMatter.length;
  const doc = parsePost(head, {
    ...split,
    frontMatterEnd,
    bodyStart: split.bodyStart - split.frontMatterEnd + frontMatterEnd,
  });
  return { values: doc.values, keys: doc.keys, problem: doc.problem };
}

/** The field checks of one post as it is now, run in the renderer (pure, about a millisecond). */
export function localFieldProblems(
  path: string,
  facts: FrontMatterFacts,
  schema: Schema,
): Problem[] {
  return validateFields(facts, schema, { path });
}

/** The Node side's last answer for the post, with what it was asked about. */
export interface NodeCheck {
  readonly problems: readonly Problem[];
  /** The line counts of the text it checked. */
  readonly checked: Omit<CheckedText, 'text'>;
  /** The front matter values of the text it checked. */
  readonly values: Readonly<Record<string, unknown>>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The post's problems now: the field checks of the current front matter (`local`, fresh on every
 * edit), plus what only the Node side can check from its last answer: the body's problems (moved
 * by as many lines as the front matter grew or shrank since) and the image and reading time checks
 * of fields whose value has not changed since. Without `local` (the schema is not known yet), the
 * Node side's answer as it is. File order.
 */
export function liveProblems(
  local: readonly Problem[] | null,
  node: NodeCheck | null,
  facts: FrontMatterFacts,
  lines: Omit<CheckedText, 'text'>,
): Problem[] {
  if (local === null) return node === null ? [] : [...node.problems];
  if (node === null) return [...local];
  const shift = lines.linesBeforeBody - node.checked.linesBeforeBody;
  const keyLines = new Map(facts.keys.map((info) => [info.key, info]));
  const kept: Problem[] = [];
  for (const problem of node.problems) {
    if (problem.field === null) {
      // The front matter's own parse problem comes from `local`, about the current text.
      if (problem.rule === 'front-matter') continue;
      const inBody = problem.line > node.checked.linesBeforeBody;
      kept.push(inBody && shift !== 0 ? { ...problem, line: problem.line + shift } : problem);
    } else if (
      nodeOnlyFieldRules.has(problem.rule) &&
      sameValue(node.values[problem.field], facts.values[problem.field])
    ) {
      const at = keyLines.get(problem.field);
      kept.push(at === undefined ? problem : { ...problem, line: at.line, column: at.column });
    }
  }
  return mergeProblems(local, kept);
}
