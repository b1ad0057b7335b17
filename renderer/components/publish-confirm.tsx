import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Problem } from '../../shared/api';
import type { Schema } from '../../shared/schema';
import { plural } from '../app/checks';
import { publishDecision } from '../app/publish-guard';
import { ConfirmDialog } from './confirm-dialog';

/** What {@link usePublishGuard} reads: the post as it is before the edit. */
export interface PublishGuardState {
  readonly values: Readonly<Record<string, unknown>>;
  readonly problems: readonly Problem[];
  readonly schema: Schema | null;
}

/** What {@link usePublishGuard} gives the editor. */
export interface PublishGuard {
  /**
   * Runs `apply` for a form edit now, or, when the edit publishes a post with errors, opens the
   * dialog and runs it only on "Publish anyway". Returns which happened. Stable across renders.
   */
  readonly guard: (key: string, value: unknown, apply: () => void) => 'applied' | 'asked';
  /** The dialog while it is open, else null; render it anywhere. */
  readonly dialog: ReactNode;
}

interface Pending {
  readonly errors: readonly Problem[];
  readonly apply: () => void;
}

/**
 * Asks before a post with errors is published (see {@link publishDecision}); "Keep as draft"
 * drops the edit, so the post stays as it was. Wrap the editor's handler for form edits with
 * `guard`: `(key, value) => guard(key, value, () => setField(key, value))`.
 */
export function usePublishGuard(state: PublishGuardState): PublishGuard {
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  });
  const [pending, setPending] = useState<Pending | null>(null);

  const guard = useCallback((key: string, value: unknown, apply: () => void) => {
    const decision = publishDecision({ key, value, ...latest.current });
    if (decision.kind === 'apply') {
      apply();
      return 'applied' as const;
    }
    setPending({ errors: decision.errors, apply });
    return 'asked' as const;
  }, []);

  const dialog =
    pending === null ? null : (
      <ConfirmDialog
        title="Publish with errors?"
        confirmLabel="Publish anyway"
        cancelLabel="Keep as draft"
        onConfirm={() => {
          pending.apply();
          setPending(null);
          return Promise.resolve(null);
        }}
        onClose={() => setPending(null)}
      >
        <p>This post has {plural(pending.errors.length, 'error')}:</p>
        <ul className="publish-errors">
          {pending.errors.map((problem, index) => (
            <li key={index}>{problem.message}</li>
          ))}
        </ul>
        <p>Publish anyway?</p>
      </ConfirmDialog>
    );

  return { guard, dialog };
}
