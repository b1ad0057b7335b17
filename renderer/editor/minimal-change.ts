/**
 * The one replacement that turns `old` into `next`: the common start and end stay, so a cursor or
 * selection outside the changed part stays where it was. Null when the texts are equal.
 */
export function minimalChange(
  old: string,
  next: string,
): { from: number; to: number; insert: string } | null {
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start++;
  let oldEnd = old.length;
  let newEnd = next.length;
  while (oldEnd > start && newEnd > start && old[oldEnd - 1] === next[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  if (start === oldEnd && start === newEnd) return null;
  return { from: start, to: oldEnd, insert: next.slice(start, newEnd) };
}
