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
  for (const { name } of Array.from(target.attributes)) {
    if (!source.hasAttribute(name)) target.removeAttribute(name);
  }
  for (const { name, value } of Array.from(source.attributes)) {
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}

function patchNode(parent: Node, target: Node, source: Node): void {
  if (target.nodeType !== source.nodeType || target.nodeName !== source.nodeName) {
    parent.replaceChild(source, target);
    return;
  }
  if (target instanceof Element && source instanceof Element) {
    syncAttributes(target, source);
    patchChildren(target, source);
    return;
  }
  if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
}

/**
 * Makes `target`'s children equal to `source`'s (moving nodes out of `source`), touching only what
 * differs: typing changes one block, so every other block (its images, the scroll position, a
 * selection) stays as it is.
 */
export function patchChildren(target: Node, source: Node): void {
  const before = Array.from(target.childNodes);
  const after = Array.from(source.childNodes);
  let start = 0;
  let beforeEnd = before.length;
  let afterEnd = after.length;
  while (start < beforeEnd && start < afterEnd && sameShape(before[start]!, after[start]!)) {
    patchNode(target, before[start]!, after[start]!);
    start++;
  }
  while (
    beforeEnd > start &&
    afterEnd > start &&
    sameShape(before[beforeEnd - 1]!, after[afterEnd - 1]!)
  ) {
    beforeEnd--;
    afterEnd--;
    patchNode(target, before[beforeEnd]!, after[afterEnd]!);
  }
  const anchor = before[beforeEnd] ?? null;
  for (let i = start; i < Math.max(beforeEnd, afterEnd); i++) {
    const old = i < beforeEnd ? before[i] : undefined;
    const next = i < afterEnd ? after[i] : undefined;
    if (old !== undefined && next !== undefined) patchNode(target, old, next);
    else if (next !== undefined) target.insertBefore(next, anchor);
    else if (old !== undefined) target.removeChild(old);
  }
}
