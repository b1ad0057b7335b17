import type { MarkdownIt } from 'markdown-it';
import { sourceLineAttribute } from '../../shared/markdown';
import { createChunkSplitter } from './block-chunks';
import type { ChunkSource, Env } from './block-chunks';
import { isSelfContained } from './html-balance';
import { patchChildren, patchRange } from './patch-dom';

/** How one update was made, for measures and tests. */
export interface UpdateStats {
  /**
   * `incremental`: only changed blocks were rendered. `full`: every block was rendered (a heading
   * or a reference definition changed, or the first render), but only changed ones patched.
   * `whole`: the body was rendered as one (text the block split cannot cut).
   */
  readonly mode: 'incremental' | 'full' | 'whole';
  /** How many blocks were rendered, and how many of them sanitized and patched into the DOM. */
  readonly rendered: number;
  readonly patched: number;
}

/** The preview's content kept up to date with a body. */
export interface IncrementalPreview {
  update(body: string): UpdateStats;
  /**
   * Whether the first render left blocks below the first screens to show later (see
   * `firstRenderChars`); {@link finish} shows them. The next update shows them first anyway.
   */
  readonly unfinished: boolean;
  /**
   * Shows the blocks the first render left for later, or the next of them up to about `maxChars`
   * of HTML (so a long post's rest can come in pieces, between frames); returns how many units it
   * patched in.
   */
  finish(maxChars?: number): number;
  /**
   * Forgets every rendered block, so the next update renders them all again: the pipeline's
   * output changed for the same text (a code language finished loading).
   */
  forget(): void;
}

/** What the preview needs from the outside: the pipeline, and turning HTML into safe nodes. */
export interface PreviewPipeline {
  readonly md: MarkdownIt;
  /** Sanitizes HTML into a fragment; called once per update with every changed block in it. */
  readonly sanitize: (html: string) => DocumentFragment;
  /**
   * The first render sanitizes and shows blocks up to about this much HTML (the top of a long
   * post, more than a screen), and leaves the rest for {@link IncrementalPreview.finish}, so the
   * post is on screen sooner. By default, all at once.
   */
  readonly firstRenderChars?: number;
}

interface Chunk {
  readonly text: string;
  /** Its first body line now (0-based); the DOM's source lines match it. */
  start: number;
  readonly hasHeading: boolean;
  /** Rendered HTML, with source lines counted from `htmlStart`. */
  html: string;
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
  /** The footnotes markdown-it gathers after the last block, if any. */
  readonly tail: Chunk | null;
  /** Clean chunks before the first unclean one are a unit each; the rest form one unit. */
  readonly units: Unit[];
  readonly references: string;
}

type Tokens = ReturnType<MarkdownIt['parse']>;

/** Footnote references and definitions, `[^1]`, and inline footnotes, `^[text]`. */
function hasFootnoteSyntax(text: string): boolean {
  return text.includes('[^') || text.includes('^[');
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

/** Moves source lines by `delta`, those at or below 0-based line `from` only. */
function shiftHtmlLines(html: string, from: number, delta: number): string {
  return html.replace(lineAttributeValues, (match, line: string) =>
    Number(line) - 1 >= from ? ` ${sourceLineAttribute}="${Number(line) + delta}"` : match,
  );
}

/** Moves the source lines in `nodes` by `delta`: all, or those at or below 0-based line `from`. */
function shiftLines(nodes: readonly Node[], delta: number, from = 0): void {
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    const shift = (element: Element): void => {
      const value = element.getAttribute(sourceLineAttribute);
      if (value !== null && Number(value) - 1 >= from) {
        element.setAttribute(sourceLineAttribute, String(Number(value) + delta));
      }
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
 * more:
 * - blocks come from markdown-it's own block parser, so each renders alone as it does in place;
 * - when a changed block holds a heading (ids are unique across the document) or footnote syntax
 *   (numbered across the document, gathered at its end), or a reference definition changed, the
 *   whole body is rendered in one parse and cut per block; only blocks whose HTML changed are
 *   sanitized and patched;
 * - raw HTML that leaves an element open changes how the HTML after it parses, so from the first
 *   such block on, the blocks are sanitized and patched as one;
 * - blocks below an edit keep their DOM; only their source line attributes move.
 */
export function createIncrementalPreview(
  target: HTMLElement,
  { md, sanitize, firstRenderChars = Infinity }: PreviewPipeline,
): IncrementalPreview {
  let state: State | null = null;
  // Parses only around each edit: the blocks' split is the one part of an update that would
  // otherwise read the whole body.
  const splitter = createChunkSplitter(md);
  // Units the first render left to show later, at the end of the preview, and their HTML.
  let later: { units: Unit[]; groups: string[]; body: string } | null = null;
  // A random marker between blocks sanitized together, which no post can spell.
  const marker = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const markerHtml = `<hr data-postwright-split="${marker}">`;

  /** Renders one chunk alone (it holds no heading or footnote: see `update`). */
  const renderChunk = (source: ChunkSource, env: Env): Chunk => {
    // Leading newlines make markdown-it count the body's own lines for the source attributes.
    const html = md.render('\n'.repeat(source.start) + source.text, env);
    return { ...source, html, htmlStart: source.start, clean: isSelfContained(html) };
  };

  const renderWhole = (body: string): UpdateStats => {
    patchChildren(target, sanitize(md.render(body)));
    state = null;
    later = null;
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

  /**
   * Renders the whole body in one parse (what plugins count across the document, footnote numbers
   * and heading ids, counts as in a full render) and cuts the tokens at the chunks' first lines;
   * the tokens after the last block (the footnotes) are the tail. Null if some top-level token
   * outside the tail has no source line, so it cannot be placed in a chunk.
   */
  const renderSliced = (
    body: string,
    sources: readonly ChunkSource[],
  ): { html: string[]; tail: string } | null => {
    const env: Env = {};
    const tokens = md.parse(body, env);
    const slices: Tokens[] = sources.map(() => []);
    let pending: Tokens = [];
    let current: Tokens | null = null;
    let inPending = false;
    let chunk = 0;
    let placeable = true;
    for (const token of tokens) {
      if (token.level === 0 && token.nesting !== -1) {
        const line = token.map?.[0];
        if (line === undefined) {
          inPending = true;
        } else {
          while (chunk + 1 < sources.length && sources[chunk + 1]!.start <= line) chunk++;
          current = slices[chunk]!;
          if (pending.length > 0) {
            placeable = false;
            current.push(...pending);
            pending = [];
          }
          inPending = false;
        }
      }
      (inPending || current === null ? pending : current).push(token);
    }
    if (!placeable) return null;
    const render = (slice: Tokens): string => md.renderer.render(slice, md.options, env);
    return { html: slices.map(render), tail: render(pending) };
  };

  /** Shows the units the first render left for later, the next ones up to about `maxChars` of HTML. */
  const finish = (maxChars = Infinity): number => {
    if (later === null) return 0;
    const { units, groups, body } = later;
    // They are the last units, after everything shown, and nothing has changed since; each is
    // self-contained (or the rest as one), so they can be sanitized a few at a time.
    let take = 0;
    let chars = 0;
    while (take < units.length && (take === 0 || chars < maxChars)) chars += groups[take++]!.length;
    later =
      take < units.length ? { units: units.slice(take), groups: groups.slice(take), body } : null;
    const nodes = sanitizeGroups(groups.slice(0, take), false);
    if (nodes === null) {
      renderWhole(body);
      return 1;
    }
    units.slice(0, take).forEach((unit, index) => {
      unit.nodes = nodes[index] ?? [];
      target.append(...unit.nodes);
    });
    return take;
  };

  return {
    get unfinished() {
      return later !== null;
    },
    finish: (maxChars) => finish(maxChars),
    forget() {
      // Blocks still waiting to be shown are dropped, not sanitized first: the next update
      // renders everything again, patching whatever the preview shows by then.
      later = null;
      state = null;
    },
    update(body) {
      finish();
      // markdown-it turns \r and NUL into other text before parsing, so lines would not match;
      // source line attributes the author wrote in raw HTML must not move with ours.
      if (/[\r\0]/.test(body) || body.includes(sourceLineAttribute)) return renderWhole(body);

      const split = splitter.split(body);
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
      const changed = [...sources.slice(prefix, changedEnd), ...old.slice(prefix, oldChangedEnd)];
      const global =
        state === null ||
        split.references !== state.references ||
        changed.some((chunk) => chunk.hasHeading || hasFootnoteSyntax(chunk.text));
      // Where the unchanged chunks below the edit started, and how far they move.
      const movedFrom = old[oldChangedEnd]?.start ?? Infinity;
      const lineDelta = suffix > 0 ? sources[changedEnd]!.start - old[oldChangedEnd]!.start : 0;

      // Which old chunk each new one keeps (its DOM included), or -1.
      const kept: number[] = new Array<number>(sources.length).fill(-1);
      const chunks: Chunk[] = [];
      let tail: Chunk | null = state?.tail ?? null;
      let tailKept = tail !== null;
      let rendered = 0;
      const sliced = global ? renderSliced(body, sources) : null;
      if (global) {
        if (sliced === null) return renderWhole(body);
        sources.forEach((source, index) => {
          const html = sliced.html[index] ?? '';
          const chunk = { ...source, html, htmlStart: source.start, clean: isSelfContained(html) };
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
        const tailHtml = sliced.tail;
        tailKept = tail !== null && tail.html === tailHtml;
        if (!tailKept) {
          tail =
            tailHtml === ''
              ? null
              : {
                  text: '',
                  start: 0,
                  hasHeading: false,
                  html: tailHtml,
                  htmlStart: 0,
                  clean: isSelfContained(tailHtml),
                };
        }
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
        // The footnotes keep their place; those defined below the edit move with their lines.
        if (tail !== null && lineDelta !== 0)
          tail.html = shiftHtmlLines(tail.html, movedFrom, lineDelta);
      }

      // Everything shown, the footnotes last; the DOM is kept per unit of these.
      const all = tail === null ? chunks : [...chunks, tail];
      const starts = [...sources.map((source) => source.start), 0];
      const keptAll = tail === null ? kept : [...kept, tailKept ? old.length : -1];

      const oldUnits = state?.units ?? [
        { first: 0, count: 0, nodes: Array.from(target.childNodes) },
      ];
      const oldUnitOf = new Map<number, Unit>();
      for (const unit of oldUnits) oldUnitOf.set(unit.first, unit);

      const units: Unit[] = [];
      const fresh: Unit[] = [];
      const reused: (Unit | null)[] = [];
      for (const { first, count } of unitsOf(all)) {
        let previous: Unit | null = null;
        const oldFirst = keptAll[first] ?? -1;
        const candidate = oldFirst >= 0 ? oldUnitOf.get(oldFirst) : undefined;
        // A unit holding blocks and the footnotes cannot move its lines by one number.
        const mixed = tail !== null && count > 1 && first + count === all.length;
        // HTML at the very start of a document parses differently (comments and whitespace
        // before the body are dropped), so the first unit is never swapped with another.
        if (
          candidate !== undefined &&
          candidate.count === count &&
          (oldFirst === 0) === (first === 0) &&
          !(mixed && lineDelta !== 0)
        ) {
          // The same unit only if every chunk in it was kept, in the same order.
          let same = true;
          for (let offset = 0; offset < count && same; offset++) {
            same = keptAll[first + offset] === oldFirst + offset;
          }
          if (same) previous = candidate;
        }
        const unit: Unit = { first, count, nodes: previous?.nodes ?? [] };
        units.push(unit);
        reused.push(previous);
        if (previous === null) fresh.push(unit);
      }

      const groups = fresh.map((unit) =>
        all
          .slice(unit.first, unit.first + unit.count)
          .map((chunk, offset) =>
            chunk === tail ? chunk.html : currentHtml(chunk, starts[unit.first + offset]!),
          )
          .join(''),
      );
      // On a first render, what lies beyond the first screens can wait for the next task.
      let now = fresh.length;
      if (state === null && Number.isFinite(firstRenderChars)) {
        let chars = 0;
        now = 0;
        while (now < fresh.length && chars < firstRenderChars) chars += groups[now++]!.length;
      }
      const freshNodes = sanitizeGroups(groups.slice(0, now), fresh[0]?.first === 0);
      if (freshNodes === null) return renderWhole(body);
      fresh.forEach((unit, index) => (unit.nodes = freshNodes[index] ?? []));
      later =
        now < fresh.length ? { units: fresh.slice(now), groups: groups.slice(now), body } : null;

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

      // Kept units keep their DOM: only their source lines move, when lines came or went above.
      units.forEach((unit, unitIndex) => {
        if (reused[unitIndex] === null) return;
        const chunk = all[unit.first]!;
        if (chunk === tail) {
          if (!global && lineDelta !== 0) shiftLines(unit.nodes, lineDelta, movedFrom);
          return;
        }
        // All chunks of a kept unit moved by the same number of lines.
        const delta = starts[unit.first]! - chunk.start;
        if (delta !== 0) shiftLines(unit.nodes, delta);
      });
      chunks.forEach((chunk, chunkIndex) => (chunk.start = starts[chunkIndex]!));

      state = { chunks, tail, units, references: split.references };
      return { mode: global ? 'full' : 'incremental', rendered, patched: fresh.length };
    },
  };
}
