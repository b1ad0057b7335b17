import { invertedEffects } from '@codemirror/commands';
import { Annotation, Facet, StateEffect, StateField, Transaction } from '@codemirror/state';
import type { EditorState, Extension, TransactionSpec } from '@codemirror/state';
import type { FieldValue } from '../../shared/document';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import { applyEdits } from './apply-edits';
import { yamlReadOf } from './reads';
import type { AppliedEdits, FieldEdit } from './apply-edits';

/**
 * The open post's front matter, kept in the body editor's state so one undo history covers form,
 * source view and body edits in the order they were made. The text is `base` with `edits` applied.
 */
export interface FrontMatterState {
  /** The text the edits apply to: as saved or read from disk, or as last typed in the source view. */
  readonly base: string;
  /** The form's changes by key; a key whose value is back to the base's is no edit. */
  readonly edits: ReadonlyMap<string, FieldEdit>;
}

/**
 * Replaces the whole front matter state. Its inverse (what undo applies) is the same effect with
 * the state before, so undoing a group of keystrokes restores the state before the group's first.
 */
export const setFrontMatter = StateEffect.define<FrontMatterState>();

/** The front matter state; JSON-able, so the per-post history cache keeps it with the history. */
export const frontMatterField = StateField.define<FrontMatterState>({
  create: () => ({ base: '', edits: new Map() }),
  update(value, tr) {
    let next = value;
    for (const effect of tr.effects) if (effect.is(setFrontMatter)) next = effect.value;
    return next;
  },
  toJSON: (value: FrontMatterState) => ({ base: value.base, edits: [...value.edits] }),
  fromJSON(json: unknown): FrontMatterState {
    const { base, edits } = json as { base: unknown; edits: unknown };
    if (typeof base !== 'string' || !Array.isArray(edits)) {
      throw new RangeError('Invalid JSON for the front matter state');
    }
    return { base, edits: new Map(edits as [string, FieldEdit][]) };
  },
});

/** The schema's key order, where new keys are inserted (empty: at the end). */
export const frontMatterKeyOrder = Facet.define<readonly string[], readonly string[]>({
  combine: (values) => values[0] ?? [],
});

/**
 * CodeMirror's default `newGroupDelay`: keystrokes in one field closer together than this undo as
 * one step, like typing in the body.
 */
export const formGroupDelayMs = 500;

/** Names the run of edits a transaction belongs to ("field:title", "source"); see `group`. */
const editGroup = Annotation.define<string>();

interface Group {
  readonly name: string;
  readonly time: number;
}

/**
 * The run of edits the newest history event belongs to. A form or source edit in the same run
 * within the delay is dispatched outside the history: the run's first event already restores the
 * state before the run, so the whole run undoes as one step. Anything else in between (text typed
 * in the body, a cursor move, undo, redo, an edit elsewhere) starts a new run.
 */
const group = StateField.define<Group | null>({
  create: () => null,
  update(value, tr) {
    const name = tr.annotation(editGroup);
    if (name !== undefined) return { name, time: tr.annotation(Transaction.time) ?? Date.now() };
    if (tr.docChanged || tr.selection !== undefined || tr.effects.length > 0) return null;
    return value;
  },
});

/** The front matter state for a post opening with `base`, with undo and grouping. */
export function frontMatterState(base: string, order: readonly string[] = []): Extension {
  return [
    frontMatterField.init(() => ({ base, edits: new Map() })),
    frontMatterKeyOrder.of(order),
    group,
    invertedEffects.of((tr) =>
      tr.effects.some((effect) => effect.is(setFrontMatter))
        ? [setFrontMatter.of(tr.startState.field(frontMatterField))]
        : [],
    ),
  ];
}

const applied = new WeakMap<FrontMatterState, { order: readonly string[]; result: AppliedEdits }>();

/** The front matter state's text and the edits that could not be applied (cached per state). */
export function appliedFrontMatter(state: EditorState): AppliedEdits {
  const value = state.field(frontMatterField);
  const order = state.facet(frontMatterKeyOrder);
  const cached = applied.get(value);
  if (cached !== undefined && cached.order === order) return cached.result;
  const result = applyEdits(value.base, value.edits, order);
  applied.set(value, { order, result });
  return result;
}

/** The current front matter text: what a save writes between the delimiter lines. */
export function frontMatterText(state: EditorState): string {
  return appliedFrontMatter(state).text;
}

/** The base's values, or null when it does not parse (the base rarely changes: read once). */
function baseValues(base: string): Readonly<Record<string, unknown>> | null {
  const read = yamlReadOf(base);
  return read.problem === null ? read.values : null;
}

/** Deep equality of plain YAML values (no cycles: they come from `toJS` and the form). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

function sameEdit(a: FieldEdit | undefined, b: FieldEdit | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'remove' || b.kind === 'remove') return a.kind === b.kind;
  return sameValue(a.value, b.value);
}

/** Whether `edit` would leave `key` as the base has it: no edit at all. */
function isNoEdit(base: string, key: string, edit: FieldEdit): boolean {
  const values = baseValues(base);
  if (values === null) return false;
  const has = Object.hasOwn(values, key);
  return edit.kind === 'remove' ? !has : has && sameValue(values[key], edit.value);
}

/** The annotations of an edit in run `name`: outside the history when it continues the run. */
function runAnnotations(state: EditorState, name: string, now: number) {
  const current = state.field(group, false);
  const continues =
    current !== null &&
    current !== undefined &&
    current.name === name &&
    now - current.time < formGroupDelayMs;
  return [
    editGroup.of(name),
    Transaction.time.of(now),
    ...(continues ? [Transaction.addToHistory.of(false)] : []),
  ];
}

/**
 * The transaction for a form edit of one key (set or remove), or null when it changes nothing.
 * A failure (the value cannot be written) is returned, and nothing is dispatched. `now` is the
 * time of the keystroke (tests pass their own).
 */
export function fieldEditSpec(
  state: EditorState,
  key: string,
  edit: FieldEdit,
  now = Date.now(),
): Result<TransactionSpec | null> {
  const current = state.field(frontMatterField);
  const edits = new Map(current.edits);
  if (isNoEdit(current.base, key, edit)) edits.delete(key);
  else edits.set(key, edit);
  if (sameEdit(current.edits.get(key), edits.get(key))) return ok(null);
  const next: FrontMatterState = { base: current.base, edits };
  const order = state.facet(frontMatterKeyOrder);
  const result = applyEdits(next.base, next.edits, order);
  const error = result.errors.get(key);
  if (error !== undefined) return fail('invalidArgument', error);
  // The state this edit makes has this text: reading it (the form, a save) applies nothing again.
  applied.set(next, { order, result });
  return ok({
    effects: setFrontMatter.of(next),
    annotations: runAnnotations(state, `field:${key}`, now),
  });
}

/** The transaction for setting one key from the form. */
export function setFieldSpec(
  state: EditorState,
  key: string,
  value: FieldValue,
  now?: number,
): Result<TransactionSpec | null> {
  return fieldEditSpec(state, key, { kind: 'set', value }, now);
}

/** The transaction for removing one key from the form. */
export function removeFieldSpec(
  state: EditorState,
  key: string,
  now?: number,
): Result<TransactionSpec | null> {
  return fieldEditSpec(state, key, { kind: 'remove' }, now);
}

/**
 * The transaction for text typed in the source view: the text becomes the base and the form's
 * edits are folded into it. Null when the text is what the state already gives.
 */
export function sourceEditSpec(
  state: EditorState,
  text: string,
  now = Date.now(),
): TransactionSpec | null {
  if (text === frontMatterText(state)) return null;
  return {
    effects: setFrontMatter.of({ base: text, edits: new Map() }),
    annotations: runAnnotations(state, 'source', now),
  };
}

/**
 * The effect that takes a newer front matter from disk as the new base, dropping the edits (the
 * caller adopts only without unsaved edits). Dispatch it with `Transaction.addToHistory.of(false)`:
 * undo is for the author's own edits.
 */
export function resetFrontMatter(base: string): StateEffect<FrontMatterState> {
  return setFrontMatter.of({ base, edits: new Map() });
}
