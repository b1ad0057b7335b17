/** When the pending filter change started (ms, `performance.now()`), or null when none is pending. */
let filterStart: number | null = null;

/**
 * Marks a change that will filter the list again: a filter or sort chosen, or a search's answer
 * arriving. The first mark since the list last committed is where `postwright:filter` starts.
 */
export function markFilterChange(): void {
  filterStart ??= performance.now();
}

/** Records `postwright:filter` up to now (the filtered list just committed), if a change was marked. */
export function measureFilterCommit(): void {
  if (filterStart === null) return;
  performance.measure('postwright:filter', { start: filterStart, end: performance.now() });
  filterStart = null;
}

/**
 * Records `postwright:search`: from the keystroke that made a query (`typedAt`) to the list
 * committed with that query's hits, debounce and round trip to the Node side included.
 */
export function measureSearchCommit(typedAt: number): void {
  performance.measure('postwright:search', { start: typedAt, end: performance.now() });
}

let searchTypedAt = 0;

/** Notes that a key was typed in the search box (where `postwright:search` starts). */
export function markSearchKeystroke(): void {
  searchTypedAt = performance.now();
}

/** When a key was last typed in the search box. */
export function lastSearchKeystroke(): number {
  return searchTypedAt;
}
