const voidElements = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

// Their content is text up to their own end tag.
const rawTextElements = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'textarea',
  'title',
]);

// Elements whose parsing changes the parser's state beyond their own end tag (document structure,
// form and select modes, text to the end of input), or that are not what they are spelled.
const stateChanging = new Set([
  'html',
  'head',
  'body',
  'frameset',
  'plaintext',
  'noscript',
  'select',
  'form',
  'template',
  'image',
]);

const foreignRoots = new Set(['svg', 'math']);

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\n' || char === '\t' || char === '\f' || char === '\r';
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z]$/.test(char);
}

/** Where a tag whose name ends at `index` ends (after its `>`), and whether it is `/>`; -1: never. */
function tagEnd(html: string, index: number): { end: number; selfClosing: boolean } {
  let i = index;
  while (i < html.length) {
    const char = html[i];
    if (isSpace(char)) {
      i++;
    } else if (char === '>') {
      return { end: i + 1, selfClosing: false };
    } else if (char === '/') {
      if (html[i + 1] === '>') return { end: i + 2, selfClosing: true };
      i++;
    } else {
      // An attribute name (its first character may be anything, even `=`), then maybe a value.
      i++;
      while (i < html.length && !isSpace(html[i]) && !'/>='.includes(html[i] ?? '')) i++;
      while (isSpace(html[i])) i++;
      if (html[i] !== '=') continue;
      i++;
      while (isSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return { end: -1, selfClosing: false };
        i = close + 1;
      } else {
        while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
      }
    }
  }
  return { end: -1, selfClosing: false };
}

/** Where the comment opening at `index` (`<!--`) ends, or -1 if it runs to the end. */
function commentEnd(html: string, index: number): number {
  const body = index + 4;
  if (html[body] === '>') return body + 1;
  if (html.startsWith('->', body)) return body + 2;
  const dashes = html.indexOf('-->', body);
  const bang = html.indexOf('--!>', body);
  if (dashes < 0 && bang < 0) return -1;
  if (bang < 0 || (dashes >= 0 && dashes < bang)) return dashes + 3;
  return bang + 4;
}

/**
 * Whether HTML parses the same on its own as anywhere in a document body, leaving the parser as
 * it found it: every element it opens it closes again, in order, and nothing in it changes the
 * parser's mode. Conservative: a `false` only costs speed (the caller renders more at once), a
 * wrong `true` would make the preview differ from a full render, so anything unusual is `false`.
 */
export function isSelfContained(html: string): boolean {
  const open: string[] = [];
  let foreign = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length) {
    const next = html[i + 1];
    if (isLetter(next)) {
      let nameEnd = i + 1;
      while (nameEnd < html.length && !isSpace(html[nameEnd]) && !'/>'.includes(html[nameEnd]!)) {
        nameEnd++;
      }
      const name = html.slice(i + 1, nameEnd).toLowerCase();
      if (stateChanging.has(name)) return false;
      const { end, selfClosing } = tagEnd(html, nameEnd);
      if (end < 0) return false;
      i = end;
      if (voidElements.has(name) || (foreign > 0 && selfClosing)) {
        // Nothing stays open.
      } else if (foreign === 0 && rawTextElements.has(name)) {
        const close = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'i').exec(html.slice(end));
        if (close === null) return false;
        // Script data has escape states where even `</script>` does not end it.
        if (name === 'script' && html.slice(end, end + close.index).includes('<!--')) return false;
        const after = tagEnd(html, end + close.index + 2 + name.length);
        if (after.end < 0) return false;
        i = after.end;
      } else {
        open.push(name);
        if (foreignRoots.has(name)) foreign++;
      }
    } else if (next === '/') {
      if (isLetter(html[i + 2])) {
        let nameEnd = i + 2;
        while (nameEnd < html.length && !isSpace(html[nameEnd]) && !'/>'.includes(html[nameEnd]!)) {
          nameEnd++;
        }
        const name = html.slice(i + 2, nameEnd).toLowerCase();
        if (open.pop() !== name) return false;
        if (foreignRoots.has(name)) foreign--;
        const { end } = tagEnd(html, nameEnd);
        if (end < 0) return false;
        i = end;
      } else {
        // `</>` is dropped; `</ x>` and friends are bogus comments up to the next `>`.
        const close = html.indexOf('>', i + 2);
        if (close < 0) return false;
        i = close + 1;
      }
    } else if (next === '!' || next === '?') {
      if (html.startsWith('<!--', i)) {
        const end = commentEnd(html, i);
        if (end < 0) return false;
        i = end;
      } else {
        // CDATA is a section in SVG and MathML but a bogus comment elsewhere: not worth knowing.
        if (html.startsWith('<![CDATA[', i)) return false;
        const close = html.indexOf('>', i + 2);
        if (close < 0) return false;
        i = close + 1;
      }
    } else {
      i++;
    }
    i = html.indexOf('<', i);
  }
  return open.length === 0;
}
