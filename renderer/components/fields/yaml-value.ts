import { parse, stringify } from 'yaml';
import type { FieldValue } from '../../../shared/document';

/** What the YAML editor of a field holds: its value as YAML text, without a trailing newline. */
export function yamlTextOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return stringify(value, { version: '1.2', schema: 'core' }).replace(/\n$/, '');
}

/** The value of YAML typed into a field editor, or why it is not YAML (with its line). */
export function parseYamlValue(
  text: string,
):
  | { readonly ok: true; readonly value: FieldValue }
  | { readonly ok: false; readonly message: string } {
  try {
    const value = parse(text, { version: '1.2', schema: 'core', prettyErrors: false }) as unknown;
    return { ok: true, value: (value ?? null) as FieldValue };
  } catch (error) {
    const at = (error as { pos?: readonly number[] }).pos?.[0];
    const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return { ok: false, message: line === undefined ? message : `Line ${line}: ${message}` };
  }
}
