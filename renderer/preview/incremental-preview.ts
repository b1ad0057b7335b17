import type { MarkdownIt } from 'markdown-it';
import { sourceLineAttribute } from '../../shared/markdown';
import { splitChunks } from './block-chunks';
import type { ChunkSource, Env } from './block-chunks';
import { isSelfContained } from './html-balance';
import { patchChildren, patchRange } from './patch-dom';

/** How one update was made, for measures and tests. */
export interface UpdateStats {
  /**
   * `incremental`: only changed blocks were rendered. `full`: every block was rendered (a heading
   * or a reference definition changed, or the first render), but only changed ones patched.
   * `whole`: the body was rendered as one (footnotes, or text the block split cannot cut).
   */
  readonly mode: 'incremental' | 'full' | 'whole';
  /** How many blocks were rendered, and how many of them sanitized and patched into the DOM. */
  readonly rendered: number;
  readonly patched: number;
}

/** The preview's content kept up to date with a body. */
export interface IncrementalPreview {
  update(body: string): UpdateStats;
}

/** What the preview needs from the outside: the pipeline, and turning HTML into safe nodes. */
export interface PreviewPipeline {
  readonly md: MarkdownIt;
  /** Sanitizes HTML into a fragment; called once per update with every changed block in it. */
  readonly sanitize: (html: string) => DocumentFragment;
}

interface Chunk {
  readonly text: string;
  /** Its first body line now (0-based); the DOM's source lines match it. */
  start: number;
  readonly hasHeading: boolean;
  /** Rendered HTML, with source lines counted from `htmlStart`. */
  readonly html: string;
  readonly htmlStart: number;
  /** Whether `html` parses alone as it does in the document (see {@link isSelfContained}). */
  readonly clean: boolean;
}

/** A run of chunks shown by one run of top-level DOM nodes. */
interface Unit {
  readonly first: number;
  readonly count: number;
  nodes: Node[];
}

interface State {
  readonly chunks: Chunk[];
  /** Clean chunks before the first unclean one are a unit each; the rest form one unit. */
  readonly units: Unit[];
  readonly references: string;
}

const lineAttributes = new RegExp(` ${sourceLineAttribute}="\\d+"`, 'g');

function sameModuloLines(a: Chunk, html: string, htmlStart: number): boolean {
  if (a.htmlStart === htmlStart) return a.html === html;
  return a.html.replace(lineAttributes, '') === html.replace(lineAttributes, '');
}

const lineAttributeValues = new RegExp(` ${sourceLineAttribute}="(\\d+)"`, 'g');

/** The chunk's HTML with its source lines counted from where it starts now. */
function currentHtml(chunk: Chunk, start: number): string {
  const delta = start - chunk.htmlStart;
  if (delta === 0) return chunk.html;
  return chunk.html.replace(
    lineAttributeValues,
    (_match, line: string) => ` ${sourceLineAttribute}="${Number(line) + delta}"`,
  );
}

function shiftLines(nodes: readonly Node[], delta: number): void {
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    const shift = (element: Element): void => {
      const value = element.getAttribute(sourceLineAttribute);
      if (value !== null) element.setAttribute(sourceLineAttribute, String(Number(value) + delta));
    };
    shift(node);
    for (const element of Array.from(node.querySelectorAll(`[${sourceLineAttribute}]`))) {
      shift(element);
    }
  }
}

// HTML that, at the start of a document, the parser puts before the body or drops.
const beforeBody =
  /^\s*(?:$|<(?:[!?/]|(?:script|style|meta|link|title|base|noscript|template)\b))/i;

/**
 * Groups chunks into units: clean chunks are a unit each, and from the first unclean one on, the
 * rest are one. The first unit also takes the chunks that follow while everything so far could
 * go before the body (a leading comment or `<script>`), as it does in a full render.
 */
function unitsOf(chunks: readonly Chunk[]): { first: number; count: number }[] {
  const units: { first: number; count: number }[] = [];
  let firstEnd = 0;
  while (firstEnd < chunks.length - 1 && beforeBody.test(chunks[firstEnd]!.html)) firstEnd++;
  let index = 0;
  while (index < chunks.length) {
    const end = index === 0 ? firstEnd + 1 : index + 1;
    if (chunks.slice(index, end).some((chunk) => !chunk.clean)) {
      units.push({ first: index, count: chunks.length - index });
      break;
    }
    units.push({ first: index, count: end - index });
    index = end;
  }
  return units;
}

/**
 * Keeps `target` showing a body's sanitized HTML, rendering and patching only the top-level blocks
 * whose text changed. The result is always what rendering and sanitizing the whole body gives
 * (the property test holds it to that); whenever a change could reach other blocks it renders
 * more, down to the whole body at once:
 * - blocks come from markdown-it's own block parser, so each renders alone as it does in place;
 * - a changed reference definition re-renders every block (any may link to it), and so does a
 *   changed heading (heading ids are made unique across the document), in document order;
 * - footnotes (numbered and collected across the document) render the body as one;
 * - raw HTML that leaves an element open would change how the HTML after it parses, so from the
 *   first such block on, the blocks are sanitized and patched as one;
 * - blocks below an edit keep their DOM; only their source line attributes move.
 */
export function createIncrementalPreview(
  target: HTMLElement,
  { md, sanitize }: PreviewPipeline,
): IncrementalPreview {
  let state: State | null = null;
  // A random marker between blocks sanitized together, which no post can spell.
  const marker = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const markerHtml = `<hr data-postwright-split="${marker}">`;

  const renderChunk = (source: ChunkSource, env: Env): Chunk => {
    // Leading newlines make markdown-it count the body's own lines for the source attributes.
    const html = md.render('\n'.repeat(source.start) + source.text, env);
    return { ...source, html, htmlStart: source.start, clean: isSelfContained(html) };
  };

  const renderWhole = (body: string): UpdateStats => {
    patchChildren(target, sanitize(md.render(body)));
    state = null;
    return { mode: 'whole', rendered: 1, patched: 1 };
  };

  /**
   * Sanitizes each group's HTML in one pass, split at markers; null if the policy drops markers.
   * Unless the first group opens the document, a marker goes first too: HTML at the start of a
   * document parses differently (a leading `<script>` or `<meta>` goes into the head).
   */
  const sanitizeGroups = (groups: readonly string[], atStart: boolean): Node[][] | null => {
    if (groups.length === 0) return [];
    const fragment = sanitize((atStart ? '' : markerHtml) + groups.join(markerHtml));
    const result: Node[][] = [[]];
    for (const node of Array.from(fragment.childNodes)) {
      if (node instanceof Element && node.getAttribute('data-postwright-split') === marker) {
        result.push([]);
      } else {
        result[result.length - 1]!.push(node);
      }
    }
    if (!atStart) result.shift();
    return result.length === groups.length ? result : null;
  };

  return {
    update(body) {
      // Footnotes are numbered and gathered at the end across the whole body; markdown-it turns
      // \r and NUL into other text before parsing, so lines would not match; and source line
      // attributes the author wrote in raw HTML must not move with ours.
      if (body.includes('[^') || /[\r\0]/.test(body) || body.includes(sourceLineAttribute)) {
        return renderWhole(body);
      }

      const split = splitChunks(md, body);
      const sources = split.chunks;
      const old = state?.chunks ?? [];
      let prefix = 0;
      while (
        prefix < sources.length &&
        prefix < old.length &&
        sources[prefix]!.text === old[prefix]!.text
      ) {
        prefix++;
      }
      let suffix = 0;
      while (
        suffix < sources.length - prefix &&
        suffix < old.length - prefix &&
        sources[sources.length - 1 - suffix]!.text === old[old.length - 1 - suffix]!.text
      ) {
        suffix++;
      }
      const changedEnd = sources.length - suffix;
      const oldChangedEnd = old.length - suffix;
      const global =
        state === null ||
        split.references !== state.references ||
        sources.slice(prefix, changedEnd).some((source) => source.hasHeading) ||
        old.slice(prefix, oldChangedEnd).some((chunk) => chunk.hasHeading);

      // Which old chunk each new one keeps (its DOM included), or -1.
      const kept: number[] = new Array<number>(sources.length).fill(-1);
      const chunks: Chunk[] = [];
      let rendered = 0;
      if (global) {
        // One env for all, in order: what plugins count across the document counts the same.
        const env: Env = { references: JSON.parse(split.references) as Env['references'] };
        sources.forEach((source, index) => {
          const chunk = renderChunk(source, env);
          rendered++;
          const oldIndex =
            index < prefix ? index : index >= changedEnd ? index - sources.length + old.length : -1;
          const previous = old[oldIndex];
          if (previous !== undefined && sameModuloLines(previous, chunk.html, chunk.htmlStart)) {
            kept[index] = oldIndex;
            chunks.push(previous);
          } else {
            chunks.push(chunk);
          }
        });
      } else {
        const references = JSON.parse(split.references) as Env['references'];
        sources.forEach((source, index) => {
          if (index < prefix) {
            kept[index] = index;
            chunks.push(old[index]!);
          } else if (index >= changedEnd) {
            kept[index] = index - sources.length + old.length;
            chunks.push(old[kept[index]]!);
          } else {
            chunks.push(renderChunk(source, { references }));
            rendered++;
          }
        });
      }

      // Kept chunks keep their DOM: only their source lines move, when lines came or went above.
      const starts = sources.map((source) => source.start);

      const oldUnits = state?.units ?? [
        { first: 0, count: 0, nodes: Array.from(target.childNodes) },
      ];
      const oldUnitOf = new Map<number, Unit>();
      for (const unit of oldUnits) oldUnitOf.set(unit.first, unit);

      const units: Unit[] = [];
      const fresh: Unit[] = [];
      const reused: (Unit | null)[] = [];
      for (const { first, count } of unitsOf(chunks)) {
        let previous: Unit | null = null;
        const oldFirst = kept[first] ?? -1;
        const candidate = oldFirst >= 0 ? oldUnitOf.get(oldFirst) : undefined;
        // HTML at the very start of a document parses differently (comments and whitespace
        // before the body are dropped), so the first unit is never swapped with another.
        if (
          candidate !== undefined &&
          candidate.count === count &&
          (oldFirst === 0) === (first === 0)
        ) {
          // The same unit only if every chunk in it was kept, in the same order.
          let same = true;
          for (let offset = 0; offset < count && same; offset++) {
            same = kept[first + offset] === oldFirst + offset;
          }
          if (same) previous = candidate;
        }
        const unit: Unit = { first, count, nodes: previous?.nodes ?? [] };
        units.push(unit);
        reused.push(previous);
        if (previous === null) fresh.push(unit);
      }

      const groups = fresh.map((unit) =>
        chunks
          .slice(unit.first, unit.first + unit.count)
          .map((chunk, offset) => currentHtml(chunk, starts[unit.first + offset]!))
          .join(''),
      );
      const freshNodes = sanitizeGroups(groups, fresh[0]?.first === 0);
      if (freshNodes === null) return renderWhole(body);
      fresh.forEach((unit, index) => (unit.nodes = freshNodes[index] ?? []));

      // Walk the new units; every run of fresh ones replaces the old units between the reused
      // ones around it (reused units keep their order: they come from the unchanged ends).
      let oldCursor = 0;
      let index = 0;
      while (index < units.length) {
        const previous = reused[index];
        if (previous !== null && previous !== undefined) {
          const at = oldUnits.indexOf(previous, oldCursor);
          const dropped = oldUnits.slice(oldCursor, at).flatMap((unit) => unit.nodes);
          for (const node of dropped) target.removeChild(node);
          oldCursor = at + 1;
          index++;
          continue;
        }
        const runStart = index;
        while (index < units.length && (reused[index] ?? null) === null) index++;
        const nextReused = reused[index] ?? null;
        const nextAt =
          nextReused === null ? oldUnits.length : oldUnits.indexOf(nextReused, oldCursor);
        const before = oldUnits.slice(oldCursor, nextAt).flatMap((unit) => unit.nodes);
        const after = units.slice(runStart, index).flatMap((unit) => unit.nodes);
        // Before whatever follows in the DOM now (a unit may have no nodes: reference definitions).
        let anchor: Node | null = null;
        for (let at = nextAt; at < oldUnits.length && anchor === null; at++) {
          anchor = oldUnits[at]!.nodes[0] ?? null;
        }
        const placed = patchRange(target, before, after, anchor);
        let offset = 0;
        for (const unit of units.slice(runStart, index)) {
          unit.nodes = placed.slice(offset, offset + unit.nodes.length);
          offset += unit.nodes.length;
        }
        oldCursor = nextAt;
      }
      for (const unit of oldUnits.slice(oldCursor)) {
        for (const node of unit.nodes) target.removeChild(node);
      }

      units.forEach((unit, unitIndex) => {
        if (reused[unitIndex] === null) return;
        // All chunks of a kept unit moved by the same number of lines.
        const chunk = chunks[unit.first]!;
        const delta = starts[unit.first]! - chunk.start;
        if (delta !== 0) shiftLines(unit.nodes, delta);
      });
      chunks.forEach((chunk, chunkIndex) => (chunk.start = starts[chunkIndex]!));

      state = { chunks, units, references: split.references };
      return { mode: global ? 'full' : 'incremental', rendered, patched: fresh.length };
    },
  };
}
