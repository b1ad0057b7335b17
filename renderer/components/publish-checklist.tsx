import { useMemo } from 'react';
import type { Problem } from '../../shared/api';
import type { Schema } from '../../shared/schema';
import { checklistOf } from '../app/publish-checklist';
import type { ChecklistState } from '../app/publish-checklist';

/** Props of {@link PublishChecklist}. */
export interface PublishChecklistProps {
  /** Null until the folder's schema is known; nothing is shown until then. */
  readonly schema: Schema | null;
  readonly problems: readonly Problem[];
  readonly values: Readonly<Record<string, unknown>>;
}

const stateName: Record<ChecklistState, string> = {
  done: 'Done',
  'to-fix': 'To fix',
  advice: 'Advice',
};
const stateMark: Record<ChecklistState, string> = { done: '✓', 'to-fix': '✗', advice: '!' };

/**
 * A compact "ready to publish" checklist for the open post: the fields the schema asks for, each
 * ticked or with what is wrong, and whether anything else blocks publishing. It follows the
 * problems as the author types.
 */
export function PublishChecklist({ schema, problems, values }: PublishChecklistProps) {
  const checklist = useMemo(
    () => (schema === null ? null : checklistOf(schema, problems, values)),
    [schema, problems, values],
  );
  if (checklist === null) return null;
  return (
    <section className="publish-checklist" aria-label="Publishing">
      <p
        className={`publish-summary${checklist.errors > 0 ? ' publish-summary-errors' : ''}`}
        aria-live="polite"
      >
        {checklist.summary}
      </p>
      <ul className="publish-items" aria-label="Ready to publish">
        {checklist.items.map((item) => (
          <li key={item.key ?? ''} className={`publish-item publish-${item.state}`}>
            <span className="publish-mark" role="img" aria-label={stateName[item.state]}>
              <span aria-hidden="true">{stateMark[item.state]}</span>
            </span>
            <span className="publish-label">{item.label}</span>
            {item.note !== null && (
              <>
                {' '}
                <span className="publish-note">{item.note}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
