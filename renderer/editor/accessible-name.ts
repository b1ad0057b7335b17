import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** Names the editable area for screen readers (and for tests that find it by role and name). */
export function accessibleName(label: string): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' });
}
