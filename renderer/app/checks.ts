import type { PostFile, Problem } from '../../shared/api';
import { composePost } from '../../shared/post-text';
import type { PostParts } from '../../shared/post-text';

/** A post's text as it is being edited, with where its parts start, to place problems found in it. */
export interface CheckedText {
  /** The whole file's text, composed the way a save composes it. */
  readonly text: string;
  /** Lines of the file before the front matter text (the opening delimiter's line). */
  readonly linesBeforeFrontMatter: number;
  /** Lines of the file before the body; file line N is body (editor) line N minus this. */
  readonly linesBeforeBody: number;
}

/** How many line breaks (`\n`) `text` holds: the line a position after it is on, less one. */
export function newlinesIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Composes the text to check from the edited parts, exactly as a save would, and counts the lines
 * before the front matter and the body in that text: a field edit can change the front matter's
 * length, so the counts come from the text sent, not from the file as read.
 */
export function checkedTextOf(file: PostFile, parts: PostParts): CheckedText {
  return { text: composePost(file, parts), ...linesBeforeParts(file, parts.frontMatter) };
}

/**
 * The line counts of {@link CheckedText} for the file with this front matter text, without
 * composing the body (cheap enough for every keystroke in the form).
 */
export function linesBeforeParts(file: PostFile, frontMatter: string): Omit<CheckedText, 'text'> {
  const { split, text } = file;
  const beforeFrontMatter = newlinesIn(text.slice(0, split.frontMatterStart));
  return {
    linesBeforeFrontMatter: beforeFrontMatter,
    linesBeforeBody:
      beforeFrontMatter +
      newlinesIn(frontMatter) +
      newlinesIn(text.slice(split.frontMatterEnd, split.bodyStart)),
  };
}

/** Where the editor can take the author to fix a problem. */
export type CheckTarget =
  /** A line of the body editor, 1-based. */
  | { readonly kind: 'body'; readonly line: number }
  /** A front matter field shown in the form. */
  | { readonly kind: 'field'; readonly key: string }
  /** A line of the raw front matter text (shown when the form cannot be), 1-based. */
  | { readonly kind: 'front-matter'; readonly line: number };

/** What the open post's editor shows, which decides where a problem can be fixed. */
export interface CheckPlaces {
  /** Keys the front matter form has a control for. */
  readonly fieldKeys: ReadonlySet<string>;
  /** Whether the raw front matter text is shown (TOML, or YAML that does not parse). */
  readonly rawFrontMatter: boolean;
}

/**
 * Where to go for a problem found in `checked`, or null when the editor shows nothing to go to (a
 * field that is neither in the front matter nor shown by the form as a missing field it wants).
 */
export function targetOf(
  problem: Problem,
  checked: Pick<CheckedText, 'linesBeforeFrontMatter' | 'linesBeforeBody'>,
  places: CheckPlaces,
): CheckTarget | null {
  if (problem.field !== null && places.fieldKeys.has(problem.field)) {
    return { kind: 'field', key: problem.field };
  }
  if (problem.line > checked.linesBeforeBody) {
    // A field is never in the body; a field problem placed there has no place to go.
    return problem.field === null
      ? { kind: 'body', line: problem.line - checked.linesBeforeBody }
      : null;
  }
  const line = problem.line - checked.linesBeforeFrontMatter;
  return places.rawFrontMatter && line >= 1 ? { kind: 'front-matter', line } : null;
}

/** Counts of a list of problems by severity. */
export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
}

/** How many errors and warnings there are. */
export function countProblems(problems: readonly Problem[]): ProblemCounts {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** "1 error", "3 warnings": a count with its noun. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The counts as a phrase: "2 errors, 3 warnings", "1 warning"; '' when there are none. */
export function countsText({ errors, warnings }: ProblemCounts): string {
  return [
    errors > 0 ? plural(errors, 'error') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
  ]
    .filter(Boolean)
    .join(', ');
}
