import { describe, expect, it } from 'vitest';
import { lineWithinBlock, mapScroll, orderedBlocks } from './scroll-map';
import type { ScrollGeometry } from './scroll-map';

// A writing pane with a 300 px form above the body and 20 px lines; a 40-line body:
//   1 # Heading        preview top 28   (heading, 50 px)
//   3 A paragraph.     preview top 100
//   5 ```              preview top 160  (a 20-line code block, 600 px tall in the preview)
//  24 ```
//  26 Last paragraph.  preview top 800
//  40 (last line)      preview text ends at 900
const formHeight = 300;
const lineHeight = 20;
const geometry: ScrollGeometry = {
  blocks: [
    { line: 1, top: 28 },
    { line: 3, top: 100 },
    { line: 5, top: 160 },
    { line: 26, top: 800 },
  ],
  editorTop: (line) => formHeight + (line - 1) * lineHeight,
  editorEnd: formHeight + 40 * lineHeight,
  previewEnd: 900,
  editorMax: 2000,
  previewMax: 1500,
};
const editorTop = geometry.editorTop;

describe('mapScroll', () => {
  it('puts the block of the line at the top of the editor at the top of the preview', () => {
    expect(mapScroll(geometry, 'editor', editorTop(3))).toBe(100);
    expect(mapScroll(geometry, 'editor', editorTop(26))).toBe(800);
  });

  it('puts the source line of the block at the top of the preview at the top of the editor', () => {
    expect(mapScroll(geometry, 'preview', 100)).toBe(editorTop(3));
    expect(mapScroll(geometry, 'preview', 800)).toBe(editorTop(26));
  });

  it('crosses a tall code block at the same pace on both sides', () => {
    // Lines 5 to 26 take 420 px in the editor and 640 px in the preview.
    const halfway = editorTop(5) + 210;
    expect(mapScroll(geometry, 'editor', halfway)).toBe(160 + 320);
    expect(mapScroll(geometry, 'preview', 160 + 320)).toBe(halfway);
    const quarter = editorTop(5) + 105;
    expect(mapScroll(geometry, 'editor', quarter)).toBe(160 + 160);
  });

  it('keeps the preview at its top while the form above the body scrolls away', () => {
    expect(mapScroll(geometry, 'editor', 0)).toBe(0);
    expect(mapScroll(geometry, 'editor', 150)).toBe(14);
    expect(mapScroll(geometry, 'preview', 0)).toBe(0);
  });

  it('clamps above the top and below the largest scroll', () => {
    expect(mapScroll(geometry, 'editor', -50)).toBe(0);
    expect(mapScroll(geometry, 'preview', -50)).toBe(0);
    expect(mapScroll(geometry, 'editor', 10_000)).toBe(1500);
    expect(mapScroll(geometry, 'preview', 10_000)).toBe(2000);
  });

  it('scrolls both on together past the end of the text', () => {
    expect(mapScroll(geometry, 'editor', geometry.editorEnd + 100)).toBe(1000);
    expect(mapScroll(geometry, 'preview', 1000)).toBe(geometry.editorEnd + 100);
  });

  it('falls back to the ends alone when the preview has no blocks', () => {
    const empty: ScrollGeometry = { ...geometry, blocks: [] };
    expect(mapScroll(empty, 'editor', geometry.editorEnd / 2)).toBe(450);
  });

  it('does not divide by zero when two anchors sit at the same height', () => {
    const flat: ScrollGeometry = {
      ...geometry,
      blocks: [
        { line: 1, top: 28 },
        { line: 3, top: 28 },
      ],
    };
    expect(mapScroll(flat, 'preview', 28)).toBe(editorTop(3));
    expect(mapScroll(flat, 'editor', editorTop(2))).toBe(28);
  });
});

describe('orderedBlocks', () => {
  it('keeps the first element of a line and drops blocks that go back up or back in the text', () => {
    expect(
      orderedBlocks([
        { line: 1, top: 0 },
        { line: 3, top: 50 },
        // A list item on the list's own line.
        { line: 3, top: 50 },
        { line: 4, top: 80 },
        // A footnote gathered at the end, from a line higher up.
        { line: 2, top: 900 },
        // Something floated above its predecessor.
        { line: 6, top: 70 },
        { line: 7, top: 120 },
      ]),
    ).toEqual([
      { line: 1, top: 0 },
      { line: 3, top: 50 },
      { line: 4, top: 80 },
      { line: 7, top: 120 },
    ]);
  });
});

describe('lineWithinBlock', () => {
  const code = ['```js', 'one();', 'two();', 'three();', 'four();', '```', ''];

  it('finds the code line at a height inside a code block, fences left out', () => {
    expect(lineWithinBlock(10, code, 0)).toBe(11);
    expect(lineWithinBlock(10, code, 0.3)).toBe(12);
    expect(lineWithinBlock(10, code, 0.99)).toBe(14);
    expect(lineWithinBlock(10, code, 1.5)).toBe(14);
  });

  it('keeps to the first line of a one-line block and skips the blank lines after it', () => {
    expect(lineWithinBlock(3, ['## A heading', '', ''], 0.9)).toBe(3);
  });

  it('spreads a hard-wrapped paragraph over its lines', () => {
    expect(lineWithinBlock(5, ['first half', 'second half', ''], 0.75)).toBe(6);
  });
});
