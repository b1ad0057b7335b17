import { EditorView } from '@codemirror/view';
import { sourceLineAttribute } from '../../shared/markdown';
import { createQuietTimer } from '../app/quiet-timer';
import { scrollMarginTop } from '../editor/theme';
import { lineWithinBlock, mapScroll, orderedBlocks } from './scroll-map';
import type { PreviewBlock, ScrollGeometry, Side } from './scroll-map';

/** The elements scroll sync works on. */
export interface ScrollSyncTargets {
  /** The writing pane: it scrolls the front matter form and the body editor together. */
  readonly writingPane: HTMLElement;
  /** The preview's scrolling container. */
  readonly previewPane: HTMLElement;
  /** The element the preview renders into, holding the `data-source-line` blocks. */
  readonly preview: HTMLElement;
  /** The body editor, once it exists. */
  readonly view: () => EditorView | null;
}

/** Keeps the writing pane and the preview showing the same part of the post. */
export interface ScrollSync {
  destroy(): void;
}

/**
 * How long the pane the user scrolls keeps driving: scroll events of the other pane in that time
 * are our own echo, or CodeMirror settling its line heights, and must not scroll back.
 */
const driveMs = 150;

/** The pause in typing after which the preview, changed by it, is lined up with the editor again. */
const typingPauseMs = 300;

/** A pointer that moves further than this between press and double-click was selecting text. */
const dragSlop = 4;

function other(side: Side): Side {
  return side === 'editor' ? 'preview' : 'editor';
}

/** What a double-click on never takes the author to the source: links and form controls. */
const controls = 'a, area, button, input, select, textarea, summary';

/** Longer than any system's double-click interval. */
const doubleClickMs = 800;

/**
 * Scroll sync both ways, plus double-click on a preview block to put the editor's cursor on its
 * source. The pane the user last scrolled, wheeled, clicked or typed in drives; geometry is read
 * once per animation frame, and the preview's block positions are cached until its content or
 * size changes (a re-render, an image loading, the divider moving).
 */
export function createScrollSync(targets: ScrollSyncTargets): ScrollSync {
  const { writingPane, previewPane, preview } = targets;
  const paneOf = (side: Side) => (side === 'editor' ? writingPane : previewPane);
  let blocks: PreviewBlock[] | null = null;
  let previewEnd = 0;
  let driver: Side = 'editor';
  let drivingUntil = 0;
  // The scrollTop we last gave each pane, to recognise its scroll event as ours.
  const expected = new Map<Side, number>();
  let pending: Side | null = null;
  let frame = 0;
  // Frames left to re-check the editor after the preview moved it (see flush).
  let settling = 0;
  let pressedAt: { readonly x: number; readonly y: number } | null = null;

  function drive(side: Side): void {
    driver = side;
    drivingUntil = performance.now() + driveMs;
  }

  function schedule(side: Side): void {
    pending = side;
    if (frame === 0) frame = requestAnimationFrame(flush);
  }

  function readBlocks(): PreviewBlock[] {
    if (blocks !== null) return blocks;
    // getBoundingClientRect rather than offsetTop: a table row's offsetTop is relative to its table.
    const origin = previewPane.getBoundingClientRect().top - previewPane.scrollTop;
    const found: PreviewBlock[] = [];
    let end = 0;
    for (const element of preview.querySelectorAll(`[${sourceLineAttribute}]`)) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      found.push({
        line: Number(element.getAttribute(sourceLineAttribute)),
        top: rect.top - origin,
      });
      end = Math.max(end, rect.bottom - origin);
    }
    blocks = orderedBlocks(found);
    previewEnd = end;
    return blocks;
  }

  /** Both panes' geometry, or null while one of them is hidden. */
  function geometry(view: EditorView): ScrollGeometry | null {
    if (writingPane.clientHeight === 0 || previewPane.clientHeight === 0) return null;
    const docTop =
      view.documentTop - writingPane.getBoundingClientRect().top + writingPane.scrollTop;
    const doc = view.state.doc;
    const found = readBlocks();
    return {
      blocks: found,
      editorTop: (line) =>
        docTop + view.lineBlockAt(doc.line(Math.min(Math.max(line, 1), doc.lines)).from).top,
      editorEnd: docTop + view.lineBlockAt(doc.length).bottom,
      previewEnd,
      editorMax: writingPane.scrollHeight - writingPane.clientHeight,
      previewMax: previewPane.scrollHeight - previewPane.clientHeight,
    };
  }

  function flush(): void {
    frame = 0;
    const from = pending;
    pending = null;
    const view = targets.view();
    if (from === null || view === null) return;
    const found = geometry(view);
    if (found === null) return;
    const target = paneOf(other(from));
    const y = mapScroll(found, from, paneOf(from).scrollTop);
    if (Math.abs(target.scrollTop - y) < 1) return;
    drive(from);
    target.scrollTop = y;
    expected.set(other(from), target.scrollTop);
    // CodeMirror only estimates the height of lines it has not drawn; once it has drawn the lines
    // scrolled to, their real height can move the target: look again on the next frames.
    if (from === 'preview' && settling > 0) {
      settling--;
      requestAnimationFrame(() => {
        if (driver === 'preview') schedule('preview');
      });
    }
  }

  function onScroll(side: Side): void {
    const pane = paneOf(side);
    const ours = expected.get(side);
    expected.delete(side);
    if (ours !== undefined && Math.abs(pane.scrollTop - ours) < 1) return;
    if (side !== driver && performance.now() < drivingUntil) return;
    drive(side);
    settling = 3;
    schedule(side);
  }

  // The idle callback that re-reads the preview after it changed while the author types.
  let idle = 0;
  const realign = (): void => {
    if (idle !== 0) return;
    idle = requestIdleCallback(
      () => {
        idle = 0;
        cancelAnimationFrame(frame);
        pending = 'editor';
        flush();
      },
      { timeout: 300 },
    );
  };
  // Typing changes the preview at every key; it is re-read once the typing pauses.
  const typingPause = createQuietTimer(realign, typingPauseMs);

  function invalidate(): void {
    blocks = null;
    if (!writingPane.contains(document.activeElement)) {
      schedule(driver);
      return;
    }
    // The pane being typed in keeps its place; the other follows the new layout once the author
    // pauses and the page is idle, never in the next frame nor after every key: reading the
    // preview's blocks lays out the whole preview and asks every block for its box (16 ms a key
    // on a 200 KB post, where the next keystroke would wait for it).
    typingPause.poke();
  }

  let controlPressedAt = Number.NEGATIVE_INFINITY;

  function onDoubleClick(event: MouseEvent): void {
    const view = targets.view();
    if (view === null || !(event.target instanceof Element)) return;
    if (event.target.closest(controls) !== null) return;
    // The first click followed a link (an in-page one scrolls the preview), so the second landed
    // on whatever moved under the pointer: not a double-click on that.
    if (event.timeStamp - controlPressedAt < doubleClickMs) return;
    if (
      pressedAt !== null &&
      Math.hypot(event.clientX - pressedAt.x, event.clientY - pressedAt.y) > dragSlop
    ) {
      return;
    }
    const block = event.target.closest(`[${sourceLineAttribute}]`);
    if (block === null || !preview.contains(block)) return;
    const found = geometry(view);
    if (found === null) return;
    const doc = view.state.doc;
    const first = Math.min(Number(block.getAttribute(sourceLineAttribute)), doc.lines);
    const next = found.blocks.find((candidate) => candidate.line > first)?.line ?? doc.lines + 1;
    const texts: string[] = [];
    for (let at = first; at < Math.min(next, doc.lines + 1); at++) texts.push(doc.line(at).text);
    const rect = block.getBoundingClientRect();
    const line = lineWithinBlock(first, texts, (event.clientY - rect.top) / rect.height);
    const from = doc.line(line).from;
    // Show the line level with where the pointer is, so neither pane jumps under it.
    const paneRect = previewPane.getBoundingClientRect();
    // CodeMirror adds its scroll margin (the sticky toolbar) to ours.
    const margin = Math.min(
      Math.max(event.clientY - paneRect.top - view.defaultLineHeight / 2 - scrollMarginTop, 0),
      Math.max(writingPane.clientHeight - view.defaultLineHeight, 0),
    );
    drive('preview');
    view.dispatch({
      selection: { anchor: from },
      effects: EditorView.scrollIntoView(from, { y: 'start', yMargin: margin }),
    });
    view.focus();
  }

  const onEditorScroll = () => onScroll('editor');
  const onPreviewScroll = () => onScroll('preview');
  const claimEditor = () => drive('editor');
  const claimPreview = () => drive('preview');
  const onPress = (event: PointerEvent) => {
    pressedAt = { x: event.clientX, y: event.clientY };
    if (event.target instanceof Element && event.target.closest(controls) !== null)
      controlPressedAt = event.timeStamp;
    drive('preview');
  };
  writingPane.addEventListener('scroll', onEditorScroll, { passive: true });
  previewPane.addEventListener('scroll', onPreviewScroll, { passive: true });
  // Input says who drives before the scroll it causes arrives.
  for (const type of ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const) {
    writingPane.addEventListener(type, claimEditor, { passive: true });
    if (type !== 'pointerdown') previewPane.addEventListener(type, claimPreview, { passive: true });
  }
  previewPane.addEventListener('pointerdown', onPress, { passive: true });
  preview.addEventListener('dblclick', onDoubleClick);

  const mutations = new MutationObserver(invalidate);
  mutations.observe(preview, {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: [sourceLineAttribute],
  });
  const resizes = new ResizeObserver(invalidate);
  resizes.observe(preview);
  resizes.observe(writingPane);
  resizes.observe(previewPane);

  return {
    destroy() {
      cancelAnimationFrame(frame);
      typingPause.cancel();
      if (idle !== 0) cancelIdleCallback(idle);
      mutations.disconnect();
      resizes.disconnect();
      writingPane.removeEventListener('scroll', onEditorScroll);
      previewPane.removeEventListener('scroll', onPreviewScroll);
      for (const type of ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const) {
        writingPane.removeEventListener(type, claimEditor);
        previewPane.removeEventListener(type, claimPreview);
      }
      previewPane.removeEventListener('pointerdown', onPress);
      preview.removeEventListener('dblclick', onDoubleClick);
    },
  };
}
