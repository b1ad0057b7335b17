import { useState } from 'react';

/**
 * Text the author is typing in a field, following the field's value whenever that changes from
 * outside (an undo, the source view, the file on disk): a draft that is not a valid value yet (a
 * number like `1e`) stays in the box, and a value written back as typed keeps the caret.
 */
export function useDraft(value: string): [string, (draft: string) => void] {
  const [state, setState] = useState({ value, draft: value });
  if (state.value !== value) {
    setState({ value, draft: value });
    return [value, (draft) => setState({ value, draft })];
  }
  return [state.draft, (draft) => setState({ value: state.value, draft })];
}

/** Space-separated ids for `aria-describedby`, or undefined when there are none. */
export function ids(...parts: readonly (string | null | undefined | false)[]): string | undefined {
  const list = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  return list.length === 0 ? undefined : list.join(' ');
}
