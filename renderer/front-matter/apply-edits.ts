import { parsePost, removeField, setField } from '../../shared/document';
import type { FieldValue, PostDocument } from '../../shared/document';
import { rememberYamlRead } from './reads';

/** One pending change to a front matter key: its new value, or its removal. */
export type FieldEdit =
  { readonly kind: 'set'; readonly value: FieldValue } | { readonly kind: 'remove' };

/** The front matter text with the edits applied, and the edits that could not be made. */
export interface AppliedEdits {
  readonly text: string;
  /** Why an edit was not applied, by key. */
  readonly errors: ReadonlyMap<string, string>;
}

/** The line ending a front matter text uses (its first one decides; `\n` when it has none). */
function eolOf(text: string): '\n' | '\r\n' {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The front matter text as a post of its own, so the shared document editors (`setField`,
 * `removeField`) can work on it. A text without a final line break gets one for the closing
 * delimiter; `unwrap` takes it off again.
 */
function wrap(text: string): Wrapped {
  if (lastWrapped?.text === text) return lastWrapped.wrapped;
  const wrapped = wrapNew(text);
  lastWrapped = { text, wrapped };
  return wrapped;
}

interface Wrapped {
  readonly doc: PostDocument;
  readonly unwrap: (doc: PostDocument) => string;
}

// The base wrapped last: every keystroke in a field applies its edit to the same base, which is
// parsed once, not per key (the document is immutable, and so is the yaml Document setField reads).
let lastWrapped: { readonly text: string; readonly wrapped: Wrapped } | null = null;

function wrapNew(text: string): Wrapped {
  const eol = eolOf(text);
  const added = text !== '' && !text.endsWith('\n') ? eol : '';
  const doc = parsePost(`---${eol}${text}${added}---${eol}`);
  return {
    doc,
    unwrap: ({ frontMatter }) =>
      added !== '' && frontMatter.endsWith(added)
        ? frontMatter.slice(0, -added.length)
        : frontMatter,
  };
}

/**
 * Applies the form's edits (key -> new value or removal) to a front matter text (the base: the
 * text as saved, or as last typed in the source view). Each edit works on the base rather than on
 * the previous keystroke's result, so a field's quote style is decided by how the file wrote it,
 * not by a passing state (typing "a " would otherwise quote a plain title for good). Only the
 * edited entries change; every other byte stays. New keys go where `order` (the schema's key
 * order) puts them, else at the end.
 */
export function applyEdits(
  base: string,
  edits: ReadonlyMap<string, FieldEdit>,
  order: readonly string[] = [],
): AppliedEdits {
  const errors = new Map<string, string>();
  if (edits.size === 0) return { text: base, errors };
  const { doc: start, unwrap } = wrap(base);
  let doc = start;
  for (const [key, edit] of edits) {
    const result =
      edit.kind === 'set' ? setField(doc, key, edit.value, order) : removeField(doc, key);
    if (result.ok) doc = result.value;
    else errors.set(key, result.error.message);
  }
  const text = unwrap(doc);
  // The edit parsed its result to make `doc`: the form and the checks read that, not a parse of
  // their own. Its key lines are the file's (after the opening delimiter line); the read's are the
  // text's own.
  if (doc !== start && doc.format === 'yaml' && doc.problem === null && text === doc.frontMatter) {
    rememberYamlRead(text, {
      values: doc.values,
      keys: doc.keys.map((info) => ({ ...info, line: info.line - 1 })),
      problem: null,
    });
  }
  return { text, errors };
}
