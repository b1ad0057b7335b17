import type { FieldValue } from '../../../shared/document';

/** A list field's items as the form handles them: strings, or numbers kept as numbers. */
export type TagItem = string | number;

/** The items of a list value a chips field can show, or null when it holds maps or lists. */
export function tagItems(value: unknown): TagItem[] | null {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const items: TagItem[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === 'string' || typeof item === 'number') items.push(item);
    else return null;
  }
  return items;
}

/** The new tags in what was typed: split at commas, trimmed, without ones the list already has. */
export function newTags(items: readonly TagItem[], typed: string): string[] {
  const have = new Set(items.map((item) => String(item)));
  const added: string[] = [];
  for (const part of typed.split(',')) {
    const tag = part.trim();
    if (tag === '' || have.has(tag)) continue;
    have.add(tag);
    added.push(tag);
  }
  return added;
}

/** The list with the typed tags added at the end; the same list when nothing new was typed. */
export function addTags(items: readonly TagItem[], typed: string): readonly FieldValue[] {
  const added = newTags(items, typed);
  return added.length === 0 ? items : [...items, ...added];
}

/** The list without the item at `index`. */
export function removeTag(items: readonly TagItem[], index: number): TagItem[] {
  return items.filter((_, i) => i !== index);
}

/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function moveTag(items: readonly TagItem[], from: number, to: number): TagItem[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1);
  const at = Math.max(0, Math.min(to, next.length));
  next.splice(at, 0, item as TagItem);
  return next;
}
