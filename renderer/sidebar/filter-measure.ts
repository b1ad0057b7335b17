/** When the pending filter change started (ms, `performance.now()`), or null when none is pending. */
let filterStart: number | null = null;

/**
 * Marks a change that will filter the list again: a filter or sort chosen, or a search's answer
 * arriving. The first mark since the list last committed is where `postwright:filter` starts.
 */
export function markFilterChange(): void {
  filterStart ??= performance.now();
}

/**
 * Records `postwright:filter` for a marked change, now that the filtered list has committed: it
 * first lays out `list` (and so the page), so the measure ends with the new rows placed, not
 * just written to the DOM; only painting them is left. `postwright:filter-painted` follows, ending
 * after the next frame's paint (a task posted from its animation frame): that one includes waiting
 * for the frame, up to a frame interval more.
 */
export function measureFilterCommit(list: Element | null): void {
  if (filterStart === null) return;
  const start = filterStart;
  filterStart = null;
  // Reading a box lays out whatever the commit changed, as painting would have to.
  list?.getBoundingClientRect();
  performance.measure('postwright:filter', { start, end: performance.now() });
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      performance.measure('postwright:filter-painted', { start, end: performance.now() });
    };
    channel.port2.postMessage(null);
  });
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
