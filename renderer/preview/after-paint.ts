const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/**
 * Calls `callback` just after the next frame is painted: a task posted from the frame's
 * `requestAnimationFrame` callback runs once that frame's style, layout and paint are done.
 */
export function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    waiting.push(callback);
    channel.port2.postMessage(null);
  });
}
