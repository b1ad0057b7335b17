import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import type { Preferences } from '../../shared/api';
import { layouts } from '../../shared/preferences';

type Layout = Preferences['layout'];

const labels: Record<Layout, string> = {
  split: 'Split',
  editor: 'Editor',
  preview: 'Preview',
};

const hints: Record<Layout, string> = {
  split: 'Editor and preview side by side',
  editor: 'Editor only',
  preview: 'Preview only',
};

/** Ctrl+\ (Cmd+\ on a Mac): no browser, OS or CodeMirror binding uses it, and it is one chord. */
function isCycleKey(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    (event.key === '\\' || event.code === 'Backslash')
  );
}

/** The layout after `layout` in the cycle split, editor, preview. */
export function nextLayout(layout: Layout): Layout {
  return layouts[(layouts.indexOf(layout) + 1) % layouts.length] ?? 'split';
}

/** Props of {@link LayoutSwitch}. */
export interface LayoutSwitchProps {
  readonly layout: Layout;
  readonly onChange: (layout: Layout) => void;
}

/**
 * The segmented Split / Editor / Preview control. Native radios, so arrow keys move the choice as
 * in any radio group; Ctrl+\ (Cmd+\) cycles through the three from anywhere in the window.
 */
export function LayoutSwitch({ layout, onChange }: LayoutSwitchProps) {
  const name = useId();
  const latest = useRef({ layout, onChange });
  useLayoutEffect(() => {
    latest.current = { layout, onChange };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || !isCycleKey(event)) return;
      event.preventDefault();
      latest.current.onChange(nextLayout(latest.current.layout));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="layout-switch" role="radiogroup" aria-label="Layout">
      {layouts.map((option) => (
        <label
          key={option}
          className="layout-option"
          title={`${hints[option]} (Ctrl+\\ cycles the layouts)`}
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={layout === option}
            onChange={() => onChange(option)}
          />
          <span>{labels[option]}</span>
        </label>
      ))}
    </div>
  );
}
