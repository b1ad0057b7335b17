/** The name of the measure from clicking a post to its first preview on screen. */
export const openMeasure = 'postwright:open';

let openedAt: number | null = null;

/** Notes that the author asked to open a post (call it in the click's handler). */
export function markPostOpening(): void {
  openedAt = performance.now();
}

/** Records {@link openMeasure} if a post is being opened; call once its preview is painted. */
export function measurePostOpened(): void {
  if (openedAt === null) return;
  performance.measure(openMeasure, { start: openedAt, end: performance.now() });
  openedAt = null;
}
