import type { Preferences } from './api';

/** How the open post is laid out: editor and preview side by side, or one of them alone. */
export const layouts = ['split', 'editor', 'preview'] as const;

/** Each preference's value when the user never chose one. */
export const defaultPreferences: Preferences = {
  autosave: true,
  lineNumbers: false,
  spellcheck: true,
  layout: 'split',
  splitRatio: 0.5,
};

/** The divider never hides either side completely: the editor's least share of the width. */
export const minSplitRatio = 0.15;
/** The editor's greatest share of the width. */
export const maxSplitRatio = 0.85;

/**
 * Keeps the preferences in `value` that have the right type and range, dropping the rest: used on
 * the settings file (hand-edited, maybe by an older or newer version) and on what the renderer
 * sends. Returns null when `value` is not an object at all.
 */
export function readPreferences(value: unknown): Partial<Preferences> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { autosave, lineNumbers, spellcheck, layout, splitRatio } = value as Record<
    string,
    unknown
  >;
  return {
    ...(typeof autosave === 'boolean' ? { autosave } : {}),
    ...(typeof lineNumbers === 'boolean' ? { lineNumbers } : {}),
    ...(typeof spellcheck === 'boolean' ? { spellcheck } : {}),
    ...(typeof layout === 'string' && (layouts as readonly string[]).includes(layout)
      ? { layout: layout as Preferences['layout'] }
      : {}),
    ...(typeof splitRatio === 'number' && Number.isFinite(splitRatio)
      ? { splitRatio: Math.min(maxSplitRatio, Math.max(minSplitRatio, splitRatio)) }
      : {}),
  };
}

/** Whether `value` is a change the renderer may ask for: an object whose every key is a valid preference. */
export function isPreferenceChange(value: unknown): value is Partial<Preferences> {
  const read = readPreferences(value);
  return read !== null && Object.keys(read).length === Object.keys(value as object).length;
}
