import { parsePost, removeField, setField } from '../../shared/document';
import type { FieldValue } from '../../shared/document';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';

/** Marks a key the author removed. */
export const removed: unique symbol = Symbol('removed');

/** The form's edits by key, in the order first made: the value set, or removed. */
export type FieldEdits = ReadonlyMap<string, FieldValue | typeof removed>;

function docOf(text: string) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const ending = text === '' || text.endsWith('\n') ? '' : eol;
  return parsePost(`---${eol}${text}${ending}---${eol}`);
}

/**
 * The front matter text with the form's edits applied to the saved text, one field at a time
 * through the core (every other byte kept). Applied to the saved text rather than to the last
 * keystroke's result, so a value's quote style is decided by how the file wrote it, not by a
 * passing state (typing "a " would otherwise quote a plain title for good). Removing a key that
 * is not there is no edit. Fails with the first edit the core refuses.
 */
export function applyEdits(
  saved: string,
  edits: FieldEdits,
  order: readonly string[],
): Result<string> {
  let doc = docOf(saved);
  if (doc.problem !== null) {
    return fail('invalidArgument', `The front matter does not parse: ${doc.problem.message}`);
  }
  for (const [key, value] of edits) {
    if (value === removed) {
      if (!Object.hasOwn(doc.values, key)) continue;
      const next = removeField(doc, key);
      if (!next.ok) return next;
      doc = next.value;
    } else {
      const next = setField(doc, key, value, order);
      if (!next.ok) return next;
      doc = next.value;
    }
  }
  return ok(doc.frontMatter);
}
