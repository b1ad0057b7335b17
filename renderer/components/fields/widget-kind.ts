import type { Computation, FieldKind, FieldSpec, Schema } from '../../../shared/schema';
import { tagItems } from './tags-value';

/**
 * Which control the form shows for a field: one per schema kind, except that a computed field is
 * shown by what it computes, and the status field as the post's status.
 */
export type WidgetKind = Exclude<FieldKind, 'computed'> | Computation | 'status';

/** The control for a value of no known kind: by what it holds. */
export function widgetOfValue(value: unknown): WidgetKind {
  if (value === null || value === undefined) return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return value.includes('\n') ? 'text' : 'string';
  if (Array.isArray(value)) return tagItems(value) === null ? 'yaml' : 'tags';
  return 'yaml';
}

function fits(widget: WidgetKind, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (widget) {
    case 'boolean':
    case 'status':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'tags':
      return tagItems(value) !== null;
    case 'reading-time':
      return typeof value === 'string' || typeof value === 'number';
    case 'yaml':
      return true;
    case 'string':
    case 'text':
    case 'date':
    case 'datetime':
    case 'choice':
    case 'url':
    case 'image':
      return typeof value === 'string' || typeof value === 'number';
    default:
      return false;
  }
}

function widgetOfSpec(spec: FieldSpec, schema: Schema): WidgetKind {
  if (spec.key === schema.status.field && typeof schema.status.publishedValue === 'boolean') {
    return 'status';
  }
  switch (spec.kind) {
    case 'computed':
      return spec.compute === 'reading-time' ? 'reading-time' : 'string';
    default:
      return spec.kind;
  }
}

/**
 * The control for a field: the schema's kind when the value fits it, else the value's own kind,
 * so a value the schema did not expect (a string in a boolean field) is shown as it is, not hidden.
 */
export function widgetKind(key: string, value: unknown, schema: Schema | null): WidgetKind {
  const spec = schema?.fields.find((each) => each.key === key);
  if (schema === null || spec === undefined) return widgetOfValue(value);
  const widget = widgetOfSpec(spec, schema);
  // A multi-line string in a one-line field keeps its line breaks.
  if (widget === 'string' && typeof value === 'string' && value.includes('\n')) return 'text';
  return fits(widget, value) ? widget : widgetOfValue(value);
}
