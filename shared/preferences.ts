import type { Preferences, SidebarView } from './api';

/** How the open post is laid out: editor and preview side by side, or one of them alone. */
export const layouts = ['split', 'editor', 'preview'] as const;

/** Each preference's value when the user never chose one. */
export const defaultPreferences: Preferences = {
  autosave: true,
  lineNumbers: false,
  spellcheck: true,
  layout: 'split',
  splitRatio: 0.5,
  sidebar: {},
};

/** The sidebar's status filters. */
export const sidebarStatuses = [
  'all',
  'drafts',
  'published',
  'scheduled',
  'featured',
  'problems',
] as const satisfies readonly SidebarView['status'][];

/** The sidebar's sort orders. */
export const sidebarSorts = [
  'date',
  'title',
  'modified',
] as const satisfies readonly SidebarView['sort'][];

/** The sidebar as a folder first shows it: every post, newest first. */
export const defaultSidebarView: SidebarView = {
  status: 'all',
  tags: [],
  tagMode: 'all',
  category: null,
  year: null,
  month: null,
  search: '',
  sort: 'date',
};

const isIn = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A sidebar view read from outside (settings file, renderer); null unless every field is valid. */
export function readSidebarView(value: unknown): SidebarView | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const view = value as Record<string, unknown>;
  const { status, tags, tagMode, category, year, month, search, sort } = view;
  if (!isIn(sidebarStatuses, status) || !isIn(['all', 'any'] as const, tagMode)) return null;
  if (!isIn(sidebarSorts, sort) || typeof search !== 'string') return null;
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return null;
  if (category !== null && typeof category !== 'string') return null;
  if (year !== null && !isWhole(year, 0, 9999)) return null;
  if (month !== null && (year === null || !isWhole(month, 1, 12))) return null;
  if (Object.keys(view).length !== 8) return null;
  return { status, tags: tags as string[], tagMode, category, year, month, search, sort };
}

/** The valid sidebar views of a `sidebar` preference, by folder; null when it is not an object. */
function readSidebar(value: unknown): Record<string, SidebarView> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const views: Record<string, SidebarView> = {};
  for (const [root, each] of Object.entries(value)) {
    const view = readSidebarView(each);
    if (view !== null) views[root] = view;
  }
  return views;
}

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
  const { autosave, lineNumbers, spellcheck, layout, splitRatio, sidebar } = value as Record<
    string,
    unknown
  >;
  const views = readSidebar(sidebar);
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
    ...(views === null ? {} : { sidebar: views }),
  };
}

/** Whether `value` is a change the renderer may ask for: an object whose every key is a valid preference. */
export function isPreferenceChange(value: unknown): value is Partial<Preferences> {
  const read = readPreferences(value);
  if (read === null || Object.keys(read).length !== Object.keys(value as object).length)
    return false;
  // Every folder's view must be valid too, not only the map.
  const { sidebar } = value as { sidebar?: object };
  return (
    sidebar === undefined || Object.keys(read.sidebar ?? {}).length === Object.keys(sidebar).length
  );
}
