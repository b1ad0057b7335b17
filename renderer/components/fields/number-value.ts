const numberPattern = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The number typed in a number field, or null while it is not one (a draft like `-` or `1e`). */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!numberPattern.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** What a number field shows for a value: the number as YAML writes it, or the text it holds. */
export function numberText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  return String(value as string);
}
