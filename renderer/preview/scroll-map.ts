/** One preview block: the body line it starts on (1-based) and its top in the preview's scroll space. */
export interface PreviewBlock {
  readonly line: number;
  readonly top: number;
}

/**
 * Both panes' geometry, in each pane's own scroll coordinates (0 = the top of what it scrolls).
 * The mapping pairs every preview block's top with the top of its source line in the editor and
 * interpolates between neighbouring pairs, so a tall code block or image is crossed at the same
 * pace on both sides and the next block lines up again.
 */
export interface ScrollGeometry {
  /** Blocks in document order, lines strictly growing and tops never falling (see {@link orderedBlocks}). */
  readonly blocks: readonly PreviewBlock[];
  /** The top of a body line in the writing pane's scroll space (the form above the body included). */
  editorTop(line: number): number;
  /** Where the text ends in the writing pane: the bottom of the last line. */
  readonly editorEnd: number;
  /** Where the text ends in the preview: the bottom of the last block. */
  readonly previewEnd: number;
  /** The largest scrollTop of each pane. */
  readonly editorMax: number;
  readonly previewMax: number;
}

/** A side of the split. */
export type Side = 'editor' | 'preview';

interface Point {
  readonly editor: number;
  readonly preview: number;
}

/**
 * Keeps the blocks usable as anchors: the first element per line (a list and its first item, a
 * table and its head row share one), and only blocks whose line and top both grow, so nested or
 * out-of-order elements (footnotes gathered at the end) cannot fold the mapping back on itself.
 */
export function orderedBlocks(blocks: Iterable<PreviewBlock>): PreviewBlock[] {
  const kept: PreviewBlock[] = [];
  for (const block of blocks) {
    const last = kept[kept.length - 1];
    if (last !== undefined && (block.line <= last.line || block.top < last.top)) continue;
    kept.push(block);
  }
  return kept;
}

// Points are: both tops (0, 0), one per block, then both ends of the text. Computed on demand so
// a lookup costs a binary search of editor line tops, not a table of every line.
function pointCount(geometry: ScrollGeometry): number {
  return geometry.blocks.length + 2;
}

function pointAt(geometry: ScrollGeometry, index: number): Point {
  if (index === 0) return { editor: 0, preview: 0 };
  const block = geometry.blocks[index - 1];
  if (block !== undefined) return { editor: geometry.editorTop(block.line), preview: block.top };
  return { editor: geometry.editorEnd, preview: geometry.previewEnd };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Where the `to` pane should scroll so it shows what the `from` pane shows at its top when
 * scrolled to `y`. Linear between anchors; past the end of the text both scroll on together.
 */
export function mapScroll(geometry: ScrollGeometry, from: Side, y: number): number {
  const to: Side = from === 'editor' ? 'preview' : 'editor';
  const max = to === 'editor' ? geometry.editorMax : geometry.previewMax;
  const count = pointCount(geometry);
  // The last point at or above y (points never fall, so a binary search holds).
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (pointAt(geometry, middle)[from] <= y) low = middle;
    else high = middle - 1;
  }
  const start = pointAt(geometry, low);
  if (y <= start[from]) return clamp(start[to], 0, max);
  if (low === count - 1) return clamp(start[to] + (y - start[from]), 0, max);
  const end = pointAt(geometry, low + 1);
  const span = end[from] - start[from];
  const fraction = span > 0 ? (y - start[from]) / span : 0;
  return clamp(start[to] + fraction * (end[to] - start[to]), 0, max);
}

const fence = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The source line at `fraction` (0 top, 1 bottom) of a block's height in the preview, given the
 * block's source lines from its first line up to the next block. Only lines that show count: not
 * blank lines, not a code block's fences. Code shows one line per source line, so a double-click
 * on its 20th line finds the 20th; a hard-wrapped paragraph comes out near enough.
 */
export function lineWithinBlock(first: number, texts: readonly string[], fraction: number): number {
  let shown = texts.map((text, index) => ({ text, line: first + index }));
  const opening = fence.exec(texts[0] ?? '')?.[1];
  if (opening !== undefined) {
    shown = shown.slice(1);
    let closing = shown.length - 1;
    while (closing >= 0 && !shown[closing]!.text.trim().startsWith(opening)) closing--;
    if (closing >= 0) shown = shown.slice(0, closing);
  }
  shown = shown.filter(({ text }) => text.trim() !== '');
  const index = Math.floor(Math.min(Math.max(fraction, 0), 0.9999) * shown.length);
  return shown[index]?.line ?? first;
}
