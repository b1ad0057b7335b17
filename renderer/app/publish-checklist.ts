import type { Problem } from '../../shared/api';
import { isPublished } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { publishBlockers } from '../../shared/validate';
import { plural } from './checks';

/** How one checklist item stands: done, blocking publication, or advice that does not block it. */
export type ChecklistState = 'done' | 'to-fix' | 'advice';

/** One line of the "ready to publish" checklist. */
export interface ChecklistItem {
  /** The field's key, or null for "No errors". */
  readonly key: string | null;
  readonly label: string;
  readonly state: ChecklistState;
  /** What to do, for an item that is not done. */
  readonly note: string | null;
}

/** The checklist of one post as it is now. */
export interface Checklist {
  readonly items: readonly ChecklistItem[];
  readonly published: boolean;
  /** Errors in the post: what stands between a draft and publishing. */
  readonly errors: number;
  /** "Ready to publish", "2 things to fix before publishing", "Published with 1 error". */
  readonly summary: string;
}

/**
 * The "ready to publish" checklist: the fields the schema requires or recommends, each done or
 * with its problem, then "No errors" for everything else. Errors block; warnings are advice.
 */
export function checklistOf(
  schema: Schema,
  problems: readonly Problem[],
  values: Readonly<Record<string, unknown>>,
): Checklist {
  const items: ChecklistItem[] = schema.fields
    .filter((spec) => spec.required || spec.recommended)
    .map((spec) => {
      const mine = problems.filter((problem) => problem.field === spec.key);
      const problem = mine.find((p) => p.severity === 'error') ?? mine[0];
      return {
        key: spec.key,
        label: spec.label,
        state: problem === undefined ? 'done' : problem.severity === 'error' ? 'to-fix' : 'advice',
        note: problem?.message ?? null,
      };
    });
  const errors = publishBlockers(problems).length;
  items.push({
    key: null,
    label: 'No errors',
    state: errors === 0 ? 'done' : 'to-fix',
    note: errors === 0 ? null : `${plural(errors, 'error')}; see Checks.`,
  });
  const published = isPublished(values, schema);
  const summary = published
    ? errors === 0
      ? 'Published'
      : `Published with ${plural(errors, 'error')}`
    : errors === 0
      ? 'Ready to publish'
      : `${errors === 1 ? '1 thing' : `${errors} things`} to fix before publishing`;
  return { items, published, errors, summary };
}
