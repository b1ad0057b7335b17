import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Preferences } from '../../shared/api';
import { defaultSidebarView } from '../../shared/preferences';
import type { FilterState } from './filters';
import { markFilterChange } from './filter-measure';

/** How long the sidebar waits after the last change before storing it (typing a search). */
const saveDelayMs = 250;

/**
 * The sidebar's filters and sort for the open folder: read from the preferences when the folder
 * (or the preferences) first arrive, stored back a moment after each change, per folder root.
 */
export function useSidebarView(
  root: string | null,
  preferences: Preferences | null,
  change: (change: Partial<Preferences>) => void,
): readonly [FilterState, (next: FilterState) => void] {
  const [view, setView] = useState<FilterState>(defaultSidebarView);
  // The folder whose remembered view is in `view`; reading it again would undo the user's changes.
  const loadedFor = useRef<string | null>(null);
  const latest = useRef({ preferences, change });
  useLayoutEffect(() => {
    latest.current = { preferences, change };
  });

  useLayoutEffect(() => {
    if (root === null || preferences === null || loadedFor.current === root) return;
    loadedFor.current = root;
    markFilterChange();
    setView(preferences.sidebar[root] ?? defaultSidebarView);
  }, [root, preferences]);

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const update = useCallback(
    (next: FilterState) => {
      markFilterChange();
      setView(next);
      if (root === null) return;
      if (pending.current !== null) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        pending.current = null;
        const { preferences: now, change: store } = latest.current;
        store({ sidebar: { ...(now?.sidebar ?? {}), [root]: next } });
      }, saveDelayMs);
    },
    [root],
  );
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );
  return [view, update] as const;
}
