import { useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent, ReactNode } from 'react';
import type { Preferences } from '../../shared/api';
import { defaultPreferences, maxSplitRatio, minSplitRatio } from '../../shared/preferences';

/** One arrow key press moves the divider by this share of the width. */
const keyStep = 0.05;

function clampRatio(ratio: number): number {
  // Three decimals: finer than a pixel, and the stored preference stays readable.
  return Math.round(Math.min(maxSplitRatio, Math.max(minSplitRatio, ratio)) * 1000) / 1000;
}

/** Props of {@link SplitView}. */
export interface SplitViewProps {
  readonly layout: Preferences['layout'];
  /** The start pane's share of the width in the split layout. */
  readonly ratio: number;
  /** A new ratio the user settled on (end of a drag, a key released): store it. */
  readonly onRatioCommit: (ratio: number) => void;
  /** Extra class names for the whole view. */
  readonly className?: string;
  /** Shown in a bar above both panes (the layout switch). */
  readonly bar: ReactNode;
  /** The start pane (the editor), then the end pane (the preview). */
  readonly children: readonly [ReactNode, ReactNode];
}

/**
 * A bar over two panes side by side with a divider between them, or one pane alone. A hidden pane
 * stays mounted (the editor keeps its text and history, the preview its images), only not shown.
 */
export function SplitView({
  layout,
  ratio,
  onRatioCommit,
  className,
  bar,
  children: [start, end],
}: SplitViewProps) {
  const container = useRef<HTMLDivElement>(null);
  // While the divider moves, its ratio lives here; the preference is written once it stops.
  const [moving, setMovingState] = useState<number | null>(null);
  // The same, for handlers that run before React has rendered the last move.
  const movingNow = useRef<number | null>(null);
  const setMoving = (next: number | null) => {
    movingNow.current = next;
    setMovingState(next);
  };
  const dragging = useRef(false);
  const shown = moving ?? ratio;
  const percent = Math.round(shown * 100);

  const ratioAt = (clientX: number): number => {
    const rect = container.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0) return shown;
    return clampRatio((clientX - rect.left) / rect.width);
  };

  const commit = () => {
    const settled = movingNow.current;
    if (settled !== null && settled !== ratio) onRatioCommit(settled);
    setMoving(null);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    // No text selection while dragging, and every move reaches the divider however fast it goes.
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    dragging.current = true;
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) setMoving(ratioAt(event.clientX));
  };
  const onPointerEnd = () => {
    if (!dragging.current) return;
    dragging.current = false;
    commit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = movingNow.current ?? ratio;
    let next: number;
    switch (event.key) {
      case 'ArrowLeft':
        next = current - keyStep;
        break;
      case 'ArrowRight':
        next = current + keyStep;
        break;
      case 'Home':
        next = minSplitRatio;
        break;
      case 'End':
        next = maxSplitRatio;
        break;
      default:
        return;
    }
    event.preventDefault();
    setMoving(clampRatio(next));
  };

  const reset = () => {
    setMoving(null);
    if (ratio !== defaultPreferences.splitRatio) onRatioCommit(defaultPreferences.splitRatio);
  };

  return (
    <div className={className === undefined ? 'split-view' : `split-view ${className}`}>
      <div className="split-bar">{bar}</div>
      <div
        className="split-panes"
        ref={container}
        data-layout={layout}
        style={
          layout === 'split'
            ? { gridTemplateColumns: `minmax(0, ${shown}fr) auto minmax(0, ${1 - shown}fr)` }
            : undefined
        }
      >
        <div className="split-pane" hidden={layout === 'preview'}>
          {start}
        </div>
        {layout === 'split' && (
          <div
            className="split-divider"
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize editor and preview"
            aria-valuenow={percent}
            aria-valuemin={Math.round(minSplitRatio * 100)}
            aria-valuemax={Math.round(maxSplitRatio * 100)}
            aria-valuetext={`Editor ${percent}%, preview ${100 - percent}%`}
            title="Drag to resize; double-click for half and half"
            tabIndex={0}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerEnd}
            onLostPointerCapture={onPointerEnd}
            onKeyDown={onKeyDown}
            // One write per key press or held key, not per repeat.
            onKeyUp={commit}
            onBlur={commit}
            onDoubleClick={reset}
          />
        )}
        <div className="split-pane" hidden={layout === 'editor'}>
          {end}
        </div>
      </div>
    </div>
  );
}
