import { Compartment } from '@codemirror/state';
import type { Extension, StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

const attributes = new Compartment();

function attributesFor(on: boolean): Extension {
  return EditorView.contentAttributes.of({
    spellcheck: on ? 'true' : 'false',
    // Prose is not a chat message: no silent rewriting of words or capitals on touch keyboards.
    autocorrect: 'off',
    autocapitalize: 'off',
  });
}

/**
 * The browser's (in the desktop app, Electron's) spellchecker on the body text, when the author
 * wants it; switched with {@link checkSpelling}. It is an attribute on the editable element, so
 * CodeMirror keeps it as it redraws.
 */
export function optionalSpellcheck(on: boolean): Extension {
  return attributes.of(attributesFor(on));
}

/** The effect that turns spellchecking on or off in an editor built with {@link optionalSpellcheck}. */
export function checkSpelling(on: boolean): StateEffect<unknown> {
  return attributes.reconfigure(attributesFor(on));
}
