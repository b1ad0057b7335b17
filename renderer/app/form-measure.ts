/** The name of the `performance.measure` entry for one key press in the front matter form. */
export const formMeasure = 'postwright:form';

/** Keys that change nothing on their own. */
const modifierKeys: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Calls `callback` just after the next frame is painted: a task posted from the frame's
 * `requestAnimationFrame` callback runs once that frame's style, layout and paint are done.
 */
function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    if (channel === null) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(callback);
    channel.port2.postMessage(null);
  });
}

/**
 * Records {@link formMeasure} for every key pressed in a field inside `container`: from the key
 * event's time to just after the next frame is painted, so it holds all the key cost (React's
 * render of the form, the live field checks, layout and paint). One capture listener for the whole
 * form, one animation frame and one posted message per key. Returns the detach function.
 */
export function measureFormKeys(container: HTMLElement): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (modifierKeys.has(event.key)) return;
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) {
      if (!(target instanceof HTMLElement && target.isContentEditable)) return;
    }
    const start = event.timeStamp;
    afterNextPaint(() => performance.measure(formMeasure, { start, end: performance.now() }));
  };
  container.addEventListener('keydown', onKeyDown, { capture: true });
  return () => container.removeEventListener('keydown', onKeyDown, { capture: true });
}
