import { sourceLineAttribute } from '../../shared/markdown';

const lineAttributes = new RegExp(` ${sourceLineAttribute}="\\d+"`, 'g');

/** The node's markup without source-line numbers, which shift whenever a line is added above. */
function shapeOf(node: Node): string {
  if (node instanceof Element) return node.outerHTML.replace(lineAttributes, '');
  return `${node.nodeType}:${node.nodeValue ?? ''}`;
}

function sameShape(a: Node, b: Node): boolean {
  return a.isEqualNode(b) || shapeOf(a) === shapeOf(b);
}

function syncAttributes(target: Element, source: Element): void {
  const names = target.getAttributeNames();
  const wanted = source.getAttributeNames();
  if (names.length !== wanted.length || names.some((name, index) => name !== wanted[index])) {
    // Names came, went or moved: rebuild them in the source's order, so the markup reads exactly
    // as a fresh render's. Values that stay are set again to the same value, which changes nothing.
    for (const name of names) {
      if (!source.hasAttribute(name)) target.removeAttribute(name);
    }
    for (const name of wanted) {
      const value = source.getAttribute(name) ?? '';
      if (target.hasAttribute(name)) target.removeAttribute(name);
      target.setAttribute(name, value);
    }
    return;
  }
  for (const name of wanted) {
    const value = source.getAttribute(name) ?? '';
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}

/** Patches `target` to look like `source`; returns whichever of the two is in the tree after. */
function patchNode(parent: Node, target: Node, source: Node): Node {
  if (target.nodeType !== source.nodeType || target.nodeName !== source.nodeName) {
    parent.replaceChild(source, target);
    return source;
  }
  if (target instanceof Element && source instanceof Element) {
    syncAttributes(target, source);
    patchChildren(target, source);
    return target;
  }
  if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
  return target;
}

/**
 * Makes `target`'s children equal to `source`'s (moving nodes out of `source`), touching only what
 * differs: typing changes one block, so every other block (its images, the scroll position, a
 * selection) stays as it is.
 */
export function patchChildren(target: Node, source: Node): void {
  patchRange(target, Array.from(target.childNodes), Array.from(source.childNodes), null);
}

/**
 * Replaces `before` (consecutive children of `parent`, just before `anchor`) with `after` (nodes
 * not in the document), reusing what has the same shape. Returns the nodes now standing where
 * `before` stood, one for each node of `after`, in order.
 */
export function patchRange(
  parent: Node,
  before: readonly Node[],
  after: readonly Node[],
  anchor: Node | null,
): Node[] {
  const result: Node[] = new Array<Node>(after.length);
  let start = 0;
  let beforeEnd = before.length;
  let afterEnd = after.length;
  while (start < beforeEnd && start < afterEnd && sameShape(before[start]!, after[start]!)) {
    result[start] = patchNode(parent, before[start]!, after[start]!);
    start++;
  }
  while (
    beforeEnd > start &&
    afterEnd > start &&
    sameShape(before[beforeEnd - 1]!, after[afterEnd - 1]!)
  ) {
    beforeEnd--;
    afterEnd--;
    result[afterEnd] = patchNode(parent, before[beforeEnd]!, after[afterEnd]!);
  }
  const insertAt = before[beforeEnd] ?? anchor;
  for (let i = start; i < Math.max(beforeEnd, afterEnd); i++) {
    const old = i < beforeEnd ? before[i] : undefined;
    const next = i < afterEnd ? after[i] : undefined;
    if (old !== undefined && next !== undefined) result[i] = patchNode(parent, old, next);
    else if (next !== undefined) result[i] = parent.insertBefore(next, insertAt);
    else if (old !== undefined) parent.removeChild(old);
  }
  return result;
}
