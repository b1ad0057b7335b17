import type { FieldValue } from '../../../shared/document';

/** What every field control gets from the form. */
export interface WidgetProps {
  /** The control's id, which the field's label points at. */
  readonly id: string;
  readonly fieldKey: string;
  /** The value as the front matter holds it now. */
  readonly value: unknown;
  /** Ids of the field's messages (problems, hints), for `aria-describedby`. */
  readonly describedBy: string | undefined;
  /** The field has an error: the control says so with `aria-invalid`. */
  readonly invalid: boolean;
  /** The front matter cannot be edited now (it does not parse). */
  readonly disabled: boolean;
  /** Writes the field; false when the value could not be set (the form shows why). */
  readonly onSet: (value: FieldValue) => boolean;
}

/** A value as the text a text box shows. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
