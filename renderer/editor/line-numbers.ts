import { Compartment } from '@codemirror/state';
import type { Extension, StateEffect } from '@codemirror/state';
import { lineNumbers } from '@codemirror/view';

// One compartment for every editor: only one body editor exists at a time, and the effect it
// makes is applied to that editor's own state.
const gutter = new Compartment();

/** Line numbers beside the text, when the author asked for them; switched with {@link showLineNumbers}. */
export function optionalLineNumbers(on: boolean): Extension {
  return gutter.of(on ? lineNumbers() : []);
}

/** The effect that shows or hides the line numbers of an editor built with {@link optionalLineNumbers}. */
export function showLineNumbers(on: boolean): StateEffect<unknown> {
  return gutter.reconfigure(on ? lineNumbers() : []);
}
