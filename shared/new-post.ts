import { parsePost, setField } from './document';
import type { FieldValue, PostDocument } from './document';
import { readingTime } from './derive';
import { ok } from './result';
import type { Result } from './result';
import { schemaOrder } from './schema';
import type { FieldSpec, Schema } from './schema';

/** The status field's value that means draft: `published: false`, Hugo's `draft: true`, or `'draft'`. */
export function draftValue(schema: Schema): FieldValue {
  const published = schema.status.publishedValue;
  return typeof published === 'boolean' ? !published : 'draft';
}

function startingValue(spec: FieldSpec, schema: Schema, today: string, body: string): FieldValue {
  // A new post is a draft, whatever the status field looks like.
  if (spec.key === schema.status.field) return draftValue(schema);
  if (spec.default !== undefined) return spec.default as FieldValue;
  switch (spec.kind) {
    case 'date':
    case 'datetime':
      return today;
    case 'boolean':
      return false;
    case 'tags':
      return [];
    case 'computed':
      return readingTime(body).text;
    case 'number':
    case 'yaml':
      return null;
    case 'string':
    case 'text':
    case 'choice':
    case 'url':
    case 'image':
      return '';
    default:
      return spec.kind satisfies never;
  }
}

/**
 * The text of a new post: every schema field in order (title as given, dates today, the status
 * field set to draft, defaults where the schema has them, empty text otherwise), then the body.
 */
export function newPostText(
  schema: Schema,
  title: string,
  today: string,
  body = '\n',
): Result<string> {
  let doc: PostDocument = parsePost(body);
  const order = schemaOrder(schema);
  for (const spec of schema.fields) {
    if (spec.inferred) continue;
    const value = spec.key === 'title' ? title : startingValue(spec, schema, today, body);
    const next = setField(doc, spec.key, value, order);
    if (!next.ok) return next;
    doc = next.value;
  }
  return ok(doc.text);
}
