import { watchPaint } from '../editor/paint-latency';
import type { PaintWatch } from '../editor/paint-latency';

/** The name of the `performance.measure` entry for one key press in the front matter form. */
export const formMeasure = 'postwright:form';

/** Keys that change nothing on their own. */
const modifierKeys: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

function isField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * Records {@link formMeasure} for every key pressed in a field inside `container`: from the key
 * event's time to just after the next frame is painted, less the idle wait for that frame (see
 * {@link watchPaint}), so it holds all the key cost (React's render of the form, the live
 * field checks, layout and paint). The key is noted by a capture listener on the form; the
 * measure starts once its handlers have run (the input it makes has bubbled up to the document,
 * past React's listener), so they count as its work. Returns the detach function.
 */
export function measureFormKeys(container: HTMLElement): () => void {
  let pressed: { readonly at: number; readonly watch: PaintWatch } | null = null;
  const onKeyDown = (event: KeyboardEvent): void => {
    if (modifierKeys.has(event.key) || !isField(event.target)) return;
    pressed = { at: event.timeStamp, watch: watchPaint() };
  };
  // After the keydown's and the input's handlers, whichever comes last for this key (a key that
  // types nothing, an arrow or Enter, has no input).
  const onKeyUp = (): void => {
    if (pressed === null) return;
    pressed.watch.record(formMeasure, pressed.at);
    pressed = null;
  };
  const onInput = (event: Event): void => {
    if (pressed === null || !(event.target instanceof Node) || !container.contains(event.target))
      return;
    pressed.watch.record(formMeasure, pressed.at);
    pressed = null;
  };
  const page = container.ownerDocument;
  container.addEventListener('keydown', onKeyDown, { capture: true });
  // Bubbling, on the document: after React's own listener on its root has handled the input.
  page.addEventListener('input', onInput);
  container.addEventListener('keyup', onKeyUp, { capture: true });
  return () => {
    container.removeEventListener('keydown', onKeyDown, { capture: true });
    page.removeEventListener('input', onInput);
    container.removeEventListener('keyup', onKeyUp, { capture: true });
  };
}
