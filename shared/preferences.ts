import type { Preferences, SavedView, SidebarView } from './api';

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
  savedViews: {},
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

/** The longest name a saved view may have. */
export const maxViewName = 60;
/** The most saved views a folder keeps. */
export const maxSavedViews = 50;

/** What is wrong with a saved view's name among `others` (the folder's other views), or null when it is fine. */
export function viewNameProblem(name: string, others: readonly SavedView[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the view a name';
  if (trimmed.length > maxViewName) return `A view’s name has at most ${maxViewName} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'A view’s name cannot hold control characters';
  const folded = trimmed.toLocaleLowerCase();
  if (others.some((other) => other.name.toLocaleLowerCase() === folded))
    return `There is already a view named “${trimmed}”`;
  return null;
}

/** Views every folder has, to start from; they cannot be renamed or deleted. */
export const builtInViews: readonly SavedView[] = [
  { name: 'Drafts to finish', view: { ...defaultSidebarView, status: 'drafts', sort: 'modified' } },
  { name: 'Featured', view: { ...defaultSidebarView, status: 'featured' } },
];

/** Whether two sidebar views show the same posts in the same order (tags in any order). */
export function sameView(a: SidebarView, b: SidebarView): boolean {
  const tags = (view: SidebarView): string => JSON.stringify([...view.tags].sort());
  return (
    a.status === b.status &&
    a.tagMode === b.tagMode &&
    a.category === b.category &&
    a.year === b.year &&
    a.month === b.month &&
    a.search === b.search &&
    a.sort === b.sort &&
    tags(a) === tags(b)
  );
}

/** A saved view read from outside; null unless its name and view are valid. */
function readSavedView(value: unknown): SavedView | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { name, view, ...rest } = value as Record<string, unknown>;
  if (typeof name !== 'string' || Object.keys(rest).length > 0) return null;
  const read = readSidebarView(view);
  if (read === null || name !== name.trim() || viewNameProblem(name, []) !== null) return null;
  return { name, view: read };
}

/**
 * The valid saved views of a `savedViews` preference, by folder: a view with a bad name or
 * filters, a second one with the same name, and any past `maxSavedViews` are dropped. Null when
 * it is not an object of arrays.
 */
function readSavedViews(value: unknown): Record<string, SavedView[]> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const byRoot: Record<string, SavedView[]> = {};
  for (const [root, list] of Object.entries(value)) {
    if (!Array.isArray(list)) continue;
    const views: SavedView[] = [];
    for (const each of list) {
      const view = readSavedView(each);
      if (
        view !== null &&
        views.length < maxSavedViews &&
        viewNameProblem(view.name, views) === null
      )
        views.push(view);
    }
    byRoot[root] = views;
  }
  return byRoot;
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
  const { autosave, lineNumbers, spellcheck, layout, splitRatio, sidebar, savedViews } =
    value as Record<string, unknown>;
  const views = readSidebar(sidebar);
  const saved = readSavedViews(savedViews);
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
    ...(saved === null ? {} : { savedViews: saved }),
  };
}

/** Whether `value` is a change the renderer may ask for: an object whose every key is a valid preference. */
export function isPreferenceChange(value: unknown): value is Partial<Preferences> {
  const read = readPreferences(value);
  if (read === null || Object.keys(read).length !== Object.keys(value as object).length)
    return false;
  // Every folder's view must be valid too, not only the map, and every saved view in each list.
  const { sidebar, savedViews } = value as { sidebar?: object; savedViews?: object };
  if (
    sidebar !== undefined &&
    Object.keys(read.sidebar ?? {}).length !== Object.keys(sidebar).length
  )
    return false;
  if (savedViews === undefined) return true;
  const lists = Object.entries(savedViews as Record<string, unknown>);
  return lists.every(
    ([root, list]) => Array.isArray(list) && read.savedViews?.[root]?.length === list.length,
  );
}
