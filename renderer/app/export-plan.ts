import type {
  ExportAction,
  ExportFile,
  ExportPlan,
  ExportScope,
  ExportSummary,
} from '../../shared/export';
import { assertNever } from '../../shared/result';
import { plural } from './checks';

/** What the author picked to export, before it becomes an {@link ExportScope}. */
export type ScopeChoice = 'post' | 'shown' | 'changed';

/** The posts the dialog can offer: the open (or chosen) post and what the sidebar shows. */
export interface ScopeSources {
  /** The post the dialog was opened for (the open post, or the one whose menu was used). */
  readonly post: string | null;
  /** The posts the sidebar lists now, after its filters. */
  readonly shown: readonly string[];
}

/** The scope a choice means, or null when it names no posts (no post open, an empty sidebar). */
export function scopeOf(choice: ScopeChoice, sources: ScopeSources): ExportScope | null {
  switch (choice) {
    case 'post':
      return sources.post === null ? null : { kind: 'posts', paths: [sources.post] };
    case 'shown':
      return sources.shown.length === 0 ? null : { kind: 'posts', paths: sources.shown };
    case 'changed':
      return { kind: 'changed' };
    default:
      return assertNever(choice);
  }
}

/** The order the plan lists files in: what needs a decision first, then what changes, then the rest. */
const actionOrder: readonly ExportAction[] = ['changedByHand', 'update', 'add', 'unchanged'];

/** How each action reads in the plan. */
export function actionLabel(action: ExportAction): string {
  switch (action) {
    case 'add':
      return 'New';
    case 'update':
      return 'Update';
    case 'unchanged':
      return 'Unchanged';
    case 'changedByHand':
      return 'Changed by hand';
    default:
      return assertNever(action);
  }
}

/** Names in the order people expect: `post-2` before `post-10`. */
const byName = new Intl.Collator(undefined, { numeric: true }).compare;

/** The plan's files, in the order they are listed: decisions first, then by path, posts before their images. */
export function orderFiles(files: readonly ExportFile[]): ExportFile[] {
  return [...files].sort(
    (a, b) =>
      actionOrder.indexOf(a.action) - actionOrder.indexOf(b.action) ||
      byName(a.post, b.post) ||
      (a.kind === b.kind ? 0 : a.kind === 'post' ? -1 : 1) ||
      byName(a.repoPath, b.repoPath),
  );
}

/** How many files of each action a plan has. */
export function countActions(files: readonly ExportFile[]): Record<ExportAction, number> {
  const counts: Record<ExportAction, number> = {
    add: 0,
    update: 0,
    unchanged: 0,
    changedByHand: 0,
  };
  for (const file of files) counts[file.action]++;
  return counts;
}

/** The files an export with these overwrite ticks would write. */
export function filesToWrite(plan: ExportPlan, overwrite: ReadonlySet<string>): ExportFile[] {
  return plan.files.filter(
    (file) =>
      file.action === 'add' ||
      file.action === 'update' ||
      (file.action === 'changedByHand' && overwrite.has(file.repoPath)),
  );
}

/** Why Export is disabled for this plan, or null when it can run. */
export function exportBlockedBy(plan: ExportPlan, overwrite: ReadonlySet<string>): string | null {
  if (plan.cancelled) return 'The plan was cancelled; make it again to export.';
  if (plan.blockers.length > 0) return 'The repository is not ready; see above.';
  if (filesToWrite(plan, overwrite).length === 0) {
    if (plan.files.some((file) => file.action === 'changedByHand'))
      return 'Only files changed by hand differ: tick Overwrite for those to replace.';
    return plan.files.length === 0
      ? 'Nothing to export.'
      : 'Everything is already up to date in the repository.';
  }
  return null;
}

/** One sentence for the plan's header: "2 new, 1 update, 3 unchanged". */
export function planSentence(plan: ExportPlan): string {
  const counts = countActions(plan.files);
  const parts = [
    counts.add > 0 ? `${counts.add} new` : null,
    counts.update > 0 ? plural(counts.update, 'update') : null,
    counts.changedByHand > 0 ? `${counts.changedByHand} changed by hand` : null,
    counts.unchanged > 0 ? `${counts.unchanged} unchanged` : null,
  ].filter((part) => part !== null);
  const files = parts.length === 0 ? 'no files' : parts.join(', ');
  const changing = counts.add + counts.update + counts.changedByHand > 0;
  return `${plural(plan.posts.length, 'post')}${changing ? ' to export' : ''}: ${files}.`;
}

/** One line of a unified diff, as shown. */
export interface DiffLine {
  readonly kind: 'added' | 'removed' | 'context' | 'hunk' | 'header';
  readonly text: string;
}

/**
 * Splits a unified diff into lines, each with its kind, for colouring. Lines before the first hunk
 * are its header; inside hunks only the first character counts, so an added line that itself
 * starts with `++` (or a removed `--` line) is still an added (removed) line.
 */
export function diffLines(diff: string): DiffLine[] {
  // A patch's "Index:" and "====" lines say nothing the file's row does not.
  const lines = diff
    .split(/\r?\n/)
    .filter((line, index, all) => !(index === all.length - 1 && line === ''));
  let inHunk = false;
  const shown = lines.filter(
    (line, index) =>
      !(index < firstHunk(lines) && (/^=+$/.test(line) || line.startsWith('Index:'))),
  );
  return shown.map((text): DiffLine => {
    if (text.startsWith('@@')) {
      inHunk = true;
      return { kind: 'hunk', text };
    }
    if (!inHunk) return { kind: 'header', text };
    if (text.startsWith('+')) return { kind: 'added', text };
    if (text.startsWith('-')) return { kind: 'removed', text };
    return { kind: 'context', text };
  });
}

function firstHunk(lines: readonly string[]): number {
  const at = lines.findIndex((line) => line.startsWith('@@'));
  return at < 0 ? lines.length : at;
}

/** Lines added and removed by a unified diff: "+3 −1". */
export function diffStat(diff: string): { readonly added: number; readonly removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diffLines(diff)) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return { added, removed };
}

/** The commit id as people quote it: its first 7 characters. */
export function shortCommit(id: string): string {
  return id.slice(0, 7);
}

/** The summary's headline: what happened, in one sentence. */
export function summaryHeadline(summary: ExportSummary): string {
  if (summary.cancelled) return 'Export cancelled: nothing was written or committed.';
  const written = summary.written.length;
  if (written === 0) return 'Nothing to write: the repository already had these files.';
  const files = plural(written, 'file');
  if (summary.commit === null) return `Wrote ${files}; nothing was committed.`;
  if (summary.pushed) return `Wrote ${files}, committed and pushed.`;
  return `Wrote ${files} and committed.`;
}
