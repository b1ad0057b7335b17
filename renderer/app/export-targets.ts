import type { ExportTarget } from '../../shared/export';
import {
  contentPlaceholders as contentPlaceholderList,
  messagePlaceholders,
  placeholdersOf,
  repoPathProblem,
} from '../../shared/export-config';

/** The placeholders a content path template may use, with what each becomes. */
export const contentPlaceholders: readonly { readonly name: string; readonly meaning: string }[] = [
  { name: '{slug}', meaning: "the post's slug (from its title or slug field)" },
  { name: '{name}', meaning: "the post's file or bundle name, without .md" },
  { name: '{date}', meaning: 'its date as YYYY-MM-DD' },
  { name: '{year}', meaning: 'the year' },
  { name: '{month}', meaning: 'the month, 01–12' },
  { name: '{day}', meaning: 'the day, 01–31' },
  { name: '{category}', meaning: 'its category' },
];

/** A key renamed on the way out, as edited (one row of the form). */
export interface RenameRow {
  readonly from: string;
  readonly to: string;
}

/** A target as its form holds it: text as typed, checked only on save. */
export interface TargetDraft {
  readonly name: string;
  readonly repo: string;
  readonly content: string;
  readonly images: string;
  readonly imageUrl: string;
  readonly include: 'published' | 'all';
  /** The keys to drop, comma-separated as typed. */
  readonly drop: string;
  readonly rename: readonly RenameRow[];
  readonly message: string;
}

/** A draft's fields that can be wrong. */
export type DraftField = Exclude<keyof TargetDraft, 'include'>;

/** What is wrong with a draft, by field; empty when it can be saved. */
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The form's starting point for a new target; its name is free among `taken`. */
export function newDraft(taken: readonly string[]): TargetDraft {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  let name = 'site';
  for (let n = 2; used.has(name); n++) name = `site-${n}`;
  return {
    name,
    repo: '',
    content: 'content/blog/{slug}.md',
    images: '',
    imageUrl: '',
    include: 'published',
    drop: '',
    rename: [],
    message: 'Publish: {title}',
  };
}

/** A saved target as its form shows it. */
export function draftOf(target: ExportTarget): TargetDraft {
  return {
    name: target.name,
    repo: target.repo,
    content: target.content,
    images: target.images ?? '',
    imageUrl: target.imageUrl ?? '',
    include: target.include,
    drop: target.drop.join(', '),
    rename: Object.entries(target.rename).map(([from, to]) => ({ from, to })),
    message: target.message,
  };
}

/** The keys listed in the "keys to drop" field. */
export function dropKeys(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/** Whether a rename row is left empty (a row added and not filled in is ignored, not an error). */
function blankRow(row: RenameRow): boolean {
  return row.from.trim() === '' && row.to.trim() === '';
}

/** What is wrong with a path inside the repository, as the engine reads it, or null. */
function pathProblem(path: string, what: string): string | null {
  const problem = repoPathProblem(path);
  return problem === null ? null : `The ${what} ${problem}.`;
}

/** Placeholders a template uses that are not among `known`, or why its braces do not read. */
function placeholderProblem(template: string, known: readonly string[]): string | null {
  const names = placeholdersOf(template);
  if (!names.ok) return `It ${names.error.message}.`;
  const unknown = names.value.filter((name) => !known.includes(name));
  if (unknown.length === 0) return null;
  return `Unknown placeholder ${unknown.map((name) => `{${name}}`).join(', ')}: use ${known
    .map((name) => `{${name}}`)
    .join(', ')}.`;
}

const contentPlaceholderNames: readonly string[] = contentPlaceholderList;

/** A front matter key as the engine can find it: no spaces or separators around. */
function keyProblem(key: string): string | null {
  if (key === '') return 'is empty';
  if (/[\s:,]/.test(key)) return `“${key}” is not a front matter key (no spaces, commas or colons)`;
  return null;
}

/**
 * What is wrong with a draft, by field; `otherNames` are the other targets' names (a name must be
 * unique within the folder, whatever its case).
 */
export function checkDraft(draft: TargetDraft, otherNames: readonly string[]): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Give the target a name, like “site” or “blog”.';
  else if (otherNames.some((other) => other.toLowerCase() === name.toLowerCase()))
    errors.name = `Another target is already called “${name}”.`;

  if (draft.repo.trim() === '')
    errors.repo = "Say where the site's repository is: its folder on this computer.";

  const content = draft.content.trim();
  if (content === '')
    errors.content = 'Say where a post goes in the repository, like content/blog/{slug}.md.';
  else if (content.endsWith('/'))
    errors.content = 'End with a file name, like {slug}.md or {slug}/index.md.';
  else {
    const problem =
      pathProblem(content, 'content path') ??
      placeholderProblem(content, contentPlaceholderNames) ??
      (content.includes('{slug}') || content.includes('{name}')
        ? null
        : 'Include {slug} or {name}, so each post gets its own file.');
    if (problem !== null) errors.content = problem;
  }

  const images = draft.images.trim();
  const imageUrl = draft.imageUrl.trim();
  if (images !== '') {
    const problem =
      pathProblem(images, 'image folder') ??
      (/[{}]/.test(images) ? 'The image folder is one folder and takes no placeholders.' : null);
    if (problem !== null) errors.images = problem;
    if (imageUrl === '')
      errors.imageUrl =
        'Say where the site serves the image folder, like /images/blog: links are rewritten to it.';
  }
  if (imageUrl !== '' && images === '')
    errors.imageUrl = 'A public URL needs an image folder to go with it.';
  else if (imageUrl !== '' && !/^(\/|https?:\/\/[^\s/]+)/i.test(imageUrl))
    errors.imageUrl = 'Start the URL with / (like /images/blog) or https://.';
  else if (/\s/.test(imageUrl)) errors.imageUrl = 'The URL cannot contain spaces.';

  const badKey = dropKeys(draft.drop)
    .map(keyProblem)
    .find((problem) => problem !== null);
  if (badKey !== undefined && badKey !== null) errors.drop = `${capitalize(badKey)}.`;

  const rows = draft.rename.filter((row) => !blankRow(row));
  const seen = new Set<string>();
  for (const row of rows) {
    const from = row.from.trim();
    const to = row.to.trim();
    const problem = keyProblem(from) ?? keyProblem(to);
    if (from === '' || to === '') {
      errors.rename = 'Fill in both keys of each rename, or remove the row.';
      break;
    }
    if (problem !== null) {
      errors.rename = `${capitalize(problem)}.`;
      break;
    }
    if (from === to) {
      errors.rename = `“${from}” is renamed to itself.`;
      break;
    }
    if (seen.has(from)) {
      errors.rename = `“${from}” is renamed twice.`;
      break;
    }
    seen.add(from);
  }

  const dropped = new Set(dropKeys(draft.drop));
  const renamedTo = new Set<string>();
  for (const row of rows) {
    if (errors.rename !== undefined) break;
    if (dropped.has(row.from.trim()))
      errors.rename = `“${row.from.trim()}” is both dropped and renamed.`;
    else if (renamedTo.has(row.to.trim()))
      errors.rename = `Two keys are renamed to “${row.to.trim()}”.`;
    renamedTo.add(row.to.trim());
  }

  const message = draft.message.trim();
  if (message === '') errors.message = 'Write the commit message, like “Publish: {title}”.';
  else {
    const problem = placeholderProblem(message, messagePlaceholders);
    if (problem !== null) errors.message = problem;
  }
  return errors;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The target a checked draft saves as (text trimmed, empty rows and fields left out). */
export function targetOf(draft: TargetDraft): ExportTarget {
  const images = draft.images.trim();
  const imageUrl = draft.imageUrl.trim();
  return {
    name: draft.name.trim(),
    repo: draft.repo.trim(),
    content: draft.content.trim(),
    images: images === '' ? null : images,
    imageUrl: imageUrl === '' ? null : imageUrl,
    include: draft.include,
    drop: dropKeys(draft.drop),
    rename: Object.fromEntries(
      draft.rename
        .filter((row) => !blankRow(row))
        .map((row) => [row.from.trim(), row.to.trim()] as const),
    ),
    message: draft.message.trim(),
  };
}

/** Whether two targets say the same thing (the order of renames and of object keys aside). */
export function sameTarget(a: ExportTarget, b: ExportTarget): boolean {
  const renames = (target: ExportTarget): string =>
    JSON.stringify(Object.entries(target.rename).sort(([x], [y]) => x.localeCompare(y)));
  return (
    a.name === b.name &&
    a.repo === b.repo &&
    a.content === b.content &&
    a.images === b.images &&
    a.imageUrl === b.imageUrl &&
    a.include === b.include &&
    a.message === b.message &&
    a.drop.length === b.drop.length &&
    a.drop.every((key, index) => key === b.drop[index]) &&
    renames(a) === renames(b)
  );
}
