import type { FieldValue } from '../../../shared/document';
import { assertNever } from '../../../shared/result';
import { today } from './date-value';

/** The kinds a field added from the form can start as. */
export type NewFieldKind = 'text' | 'date' | 'boolean' | 'number' | 'list' | 'yaml';

/** Each kind a new field can have, with the name the form shows. */
export const newFieldKinds: readonly { readonly kind: NewFieldKind; readonly label: string }[] = [
  { kind: 'text', label: 'Text' },
  { kind: 'date', label: 'Date' },
  { kind: 'boolean', label: 'Yes / no' },
  { kind: 'number', label: 'Number' },
  { kind: 'list', label: 'List' },
  { kind: 'yaml', label: 'YAML' },
];

const keyPattern = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;

/** Why a key cannot be added (empty, not a plain name, or already there), or null when it can. */
export function keyProblem(key: string, existing: Iterable<string>): string | null {
  const name = key.trim();
  if (name === '') return 'Enter a name for the field.';
  if (!keyPattern.test(name)) {
    return 'Use letters, digits, _, - and ., starting with a letter or _.';
  }
  for (const have of existing) {
    if (have === name) return `This post already has a field "${name}".`;
  }
  return null;
}

/** The value a new field of a kind is written with. */
export function initialValue(kind: NewFieldKind): FieldValue {
  switch (kind) {
    case 'text':
      return '';
    case 'date':
      return today();
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'list':
      return [];
    case 'yaml':
      return null;
    default:
      return assertNever(kind);
  }
}
