import { useState } from 'react';
import { parseYamlValue, yamlTextOf } from './yaml-value';
import { ids } from './use-draft';
import type { WidgetProps } from './widget-props';

/**
 * A nested value (a map, a list of maps) as a small YAML editor: what is typed is checked as YAML
 * and written as its value once it parses; until then the post keeps its value.
 */
export function YamlField({ id, value, describedBy, invalid, disabled, onSet }: WidgetProps) {
  const source = yamlTextOf(value);
  const [state, setState] = useState({ source, draft: source, error: null as string | null });
  // A value changed from outside (undo, the source view) replaces the text, unless it is what was typed.
  let current = state;
  if (state.source !== source) {
    const typed = parseYamlValue(state.draft);
    current = {
      source,
      draft: typed.ok && yamlTextOf(typed.value) === source ? state.draft : source,
      error: null,
    };
    setState(current);
  }
  const errorId = `${id}-yaml`;
  return (
    <>
      <textarea
        id={id}
        className="fm-input fm-yaml"
        value={current.draft}
        disabled={disabled}
        spellCheck={false}
        rows={Math.min(10, Math.max(2, current.draft.split('\n').length))}
        aria-invalid={invalid || current.error !== null || undefined}
        aria-describedby={ids(current.error !== null && errorId, describedBy)}
        onChange={(event) => {
          const draft = event.target.value;
          const parsed = parseYamlValue(draft);
          setState({ source, draft, error: parsed.ok ? null : parsed.message });
          if (parsed.ok) onSet(parsed.value);
        }}
      />
      {current.error !== null && (
        <p id={errorId} className="fm-message fm-message-error">
          Not YAML yet: {current.error}
        </p>
      )}
    </>
  );
}
