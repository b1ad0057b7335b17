import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { watchPaint } from './paint-latency';
import type { PaintWatch } from './paint-latency';

/** The name of the `performance.measure` entry for one keystroke, read by benchmarks. */
export const keystrokeMeasure = 'postwright:keystroke';

/**
 * Records {@link keystrokeMeasure} for every key that changes the editor (text or selection): from
 * the key event's time to just after the next frame is painted, less the idle wait for that frame
 * (see {@link watchPaint}), so it holds everything the key cost, the editor's update and
 * whatever else ran before the author could see the result. Costs one listener call, two
 * animation frame callbacks, two posted tasks and three short-lived window listeners per key.
 */
export function measureKeystrokes(): Extension {
  // The key whose update has not been seen yet; a key that changes nothing (Shift) is dropped
  // when it is released.
  let pressed: { readonly at: number; readonly watch: PaintWatch } | null = null;
  return [
    EditorView.domEventObservers({
      keydown(event) {
        pressed = { at: event.timeStamp, watch: watchPaint() };
      },
      keyup() {
        pressed = null;
      },
    }),
    EditorView.updateListener.of((update) => {
      if (pressed === null || !(update.docChanged || update.selectionSet)) return;
      const { at, watch } = pressed;
      pressed = null;
      watch.record(keystrokeMeasure, at);
    }),
  ];
}
