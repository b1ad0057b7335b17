import { setScalarField } from '../../shared/front-matter';
import type { FrontMatterField } from '../../shared/front-matter';

/** The front matter text with the form's edits applied, and the fields that could not be set. */
export interface EditedFrontMatter {
  readonly text: string;
  /** Why a field's edit was not applied, by key. */
  readonly errors: ReadonlyMap<string, string>;
}

/**
 * Applies the form's edits (key -> text typed) to the front matter as it is on disk. Each edit is
 * applied to the saved text rather than to the previous keystroke's result, so a field's quote
 * style is decided by how the file wrote it, not by a passing state (typing "a " would otherwise
 * quote a plain title for good). Edits that give back the saved value are no edit at all.
 */
export function applyFieldEdits(
  saved: string,
  fields: readonly FrontMatterField[],
  edits: ReadonlyMap<string, string>,
): EditedFrontMatter {
  let text = saved;
  const errors = new Map<string, string>();
  for (const field of fields) {
    const value = edits.get(field.key);
    if (value === undefined || value === field.text || !field.editable) continue;
    const result = setScalarField(text, field.key, value);
    if (result.ok) text = result.value;
    else errors.set(field.key, result.error.message);
  }
  return { text, errors };
}
