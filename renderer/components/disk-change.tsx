import { diffLines } from 'diff';
import { useEffect, useId, useRef } from 'react';
import type { PostFile } from '../../shared/api';

/** What another program did to the open post while it had unsaved edits. */
export type DiskChange =
  { readonly kind: 'changed'; readonly theirs: PostFile } | { readonly kind: 'removed' };

/** Props of {@link DiskChangeBanner}. */
export interface DiskChangeBannerProps {
  readonly change: DiskChange;
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
  readonly onCompare: () => void;
}

/**
 * Says that the open post changed (or went) on disk while the author had unsaved edits. Nothing is
 * overwritten on either side until the author picks.
 */
export function DiskChangeBanner({
  change,
  onKeepMine,
  onTakeTheirs,
  onCompare,
}: DiskChangeBannerProps) {
  if (change.kind === 'removed') {
    return (
      <div className="notice notice-warning disk-change" role="alert">
        <p>
          <strong>This post was deleted or moved by another program.</strong> Your text is still
          here; saving writes it back to the same file.
        </p>
      </div>
    );
  }
  return (
    <div className="notice notice-warning disk-change" role="alert">
      <p>
        <strong>This post was changed by another program.</strong> You have unsaved edits; nothing
        has been overwritten.
      </p>
      <div className="disk-change-actions">
        <button type="button" className="button button-primary" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="button" onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button type="button" className="button" onClick={onCompare}>
          Compare
        </button>
      </div>
    </div>
  );
}

/** Props of {@link CompareDialog}. */
export interface CompareDialogProps {
  readonly mine: string;
  readonly theirs: string;
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
  readonly onClose: () => void;
}

/** A line-by-line comparison of the author's text with the version on disk. */
export function CompareDialog({
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: CompareDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    element.showModal();
    return () => element.close();
  }, []);
  const parts = diffLines(theirs, mine);
  return (
    <dialog
      ref={dialog}
      className="dialog compare-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <h2 id={titleId}>Your text and the version on disk</h2>
      <p className="compare-legend">
        <span className="compare-mine">+ only in yours</span>{' '}
        <span className="compare-theirs">− only on disk</span>
      </p>
      <pre className="compare-text" aria-label="Differences">
        {parts.map((part, index) => {
          const marker = part.added ? '+' : part.removed ? '−' : ' ';
          const className = part.added
            ? 'compare-mine'
            : part.removed
              ? 'compare-theirs'
              : undefined;
          const lines = part.value.replace(/\n$/, '').split('\n');
          return (
            <span key={index} className={className}>
              {lines.map((line) => `${marker} ${line}`).join('\n')}
              {'\n'}
            </span>
          );
        })}
      </pre>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="button" onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button type="button" className="button button-primary" onClick={onKeepMine}>
          Keep mine
        </button>
      </div>
    </dialog>
  );
}
