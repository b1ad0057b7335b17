/**
 * What the preview (and `postwright render`, and export) keep of a post's HTML: one policy, applied
 * to a DOMPurify instance on whichever DOM is at hand (the browser's, or jsdom's on the Node side).
 * The DOM types are written structurally here because shared/ has no DOM lib.
 */

// Elements DOMPurify would keep that a post does not need and that can run code, load other
// documents, submit data, restyle or re-base the app, sit above it (dialog), or re-parse their
// content differently once inserted (the mXSS favourites).
const forbiddenTags = [
  // code, styles and other documents
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'portal',
  'fencedframe',
  'base',
  'meta',
  'link',
  // forms and their parts
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'optgroup',
  'datalist',
  'fieldset',
  'legend',
  'label',
  'output',
  'isindex',
  'keygen',
  // the top layer
  'dialog',
  // raw-text and legacy parsing modes
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  // shadow DOM and old web-component elements
  'slot',
  'content',
  'shadow',
  'element',
  'decorator',
  // SVG that references or rewrites other content
  'use',
  'foreignobject',
  'animate',
  'animatecolor',
  'animatemotion',
  'animatetransform',
  'set',
];

const forbiddenAttributes = [
  'style',
  // navigation and submission outside the link itself
  'target',
  'formaction',
  'formtarget',
  'action',
  'form',
  'ping',
  'srcdoc',
  'http-equiv',
  'xlink:show',
  // popovers and invoker commands reach the top layer or other elements
  'popover',
  'popovertarget',
  'popovertargetaction',
  'command',
  'commandfor',
  // a post must not take focus from the editor, nor borrow the app's script nonce
  'autofocus',
  'nonce',
  // SVG animation targets
  'attributename',
];

// Only web, mail and phone links, and relative ones (`#anchor`, `images/x.png`, `a:b` is not a
// scheme if it starts with a digit). DOMPurify tests it after removing whitespace and control
// characters, as browsers do, so `jav&#x09;ascript:` is `javascript:` here too. Images may still
// use `data:` in `src` (DOMPurify's exception, narrowed by the attribute hook below).
const allowedUri = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z0-9+.-]+(?:[^a-z0-9+.\-:]|$))/i;

/** DOMPurify options for preview HTML. */
export const sanitizeConfig = {
  FORBID_TAGS: forbiddenTags,
  FORBID_ATTR: forbiddenAttributes,
  ALLOWED_URI_REGEXP: allowedUri,
  // Ids and names from the post (and our heading and footnote ids) get a `user-content-` prefix
  // so they cannot clobber globals (`getElementById`, `cookie`) or the app's own ids.
  SANITIZE_NAMED_PROPS: true,
};

// Attributes that hold a URL (or, for srcset, several).
const urlAttributes = ['src', 'href', 'xlink:href', 'poster', 'srcset', 'background', 'cite'];

// What browsers ignore in a URL before reading its scheme (DOMPurify's ATTR_WHITESPACE).
// eslint-disable-next-line no-control-regex -- control characters are exactly what it matches
const ignoredInUrl = /[\u0000-\u0020\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000]/g;

/** Whether one URL may stay in the preview's HTML: never data: (but in `<img src>`), nor a script scheme. */
function allowedUrl(url: string, dataAllowed: boolean): boolean {
  const bare = url.replace(ignoredInUrl, '');
  if (/^data:/i.test(bare)) return dataAllowed;
  return allowedUri.test(bare);
}

/** The URLs of a `srcset` value: "a.png 1x, b.png 2x" gives a.png and b.png. */
function srcsetUrls(value: string): string[] {
  return value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/, 1)[0] ?? '')
    .filter((url) => url !== '');
}

/** The few DOM members the policy's hooks use. */
interface PolicyNode {
  readonly localName?: string;
  readonly nodeType: number;
  readonly ownerDocument: { createElement(tag: string): PolicyElement } | null;
  readonly parentNode: { insertBefore(node: PolicyElement, before: unknown): unknown } | null;
  readonly nextSibling: unknown;
  getAttribute?(name: string): string | null;
  removeAttribute?(name: string): void;
}

interface PolicyElement {
  className: string;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  append(...nodes: (PolicyElement | string)[]): void;
}

/** The DOMPurify hook API the policy uses. */
interface PurifyHooks {
  addHook(name: string, hook: unknown): void;
}

const elementNode = 1;

/**
 * Installs the policy's hooks on a DOMPurify instance: iframes become a labelled placeholder; only
 * images keep data: URLs. Takes `unknown` because DOMPurify's overloaded, DOM-typed `addHook` has
 * no structural type shared/ could name; both callers pass a real DOMPurify instance.
 */
export function installPreviewHooks(instance: unknown): void {
  const purify = instance as PurifyHooks;
  // Embeds (YouTube and friends) become a visible placeholder naming what would load there. It is
  // inserted after the iframe, so DOMPurify walks and checks it like any other node.
  const onElement = (node: PolicyNode, data: { tagName: string }): void => {
    if (data.tagName !== 'iframe' || node.nodeType !== elementNode || !node.ownerDocument) return;
    const doc = node.ownerDocument;
    const placeholder = doc.createElement('div');
    placeholder.className = 'embed-placeholder';
    placeholder.setAttribute('role', 'note');
    placeholder.setAttribute('aria-label', 'Embedded frame');
    const label = doc.createElement('span');
    label.className = 'embed-placeholder-label';
    label.textContent = 'Embedded frame, not shown in the preview:';
    const source = doc.createElement('span');
    source.className = 'embed-placeholder-src';
    source.textContent = node.getAttribute?.('src') ?? '(no source)';
    placeholder.append(label, ' ', source);
    node.parentNode?.insertBefore(placeholder, node.nextSibling);
  };
  // DOMPurify lets audio, video and SVG images keep data: URLs too, and checks a srcset as one
  // string; here only `<img src>` may hold data:, and every srcset candidate must pass.
  const onAttributes = (node: PolicyNode): void => {
    if (!node.getAttribute || !node.removeAttribute) return;
    for (const name of urlAttributes) {
      const value = node.getAttribute(name);
      if (value === null) continue;
      const dataAllowed = node.localName === 'img' && name === 'src';
      const urls = name === 'srcset' ? srcsetUrls(value) : [value];
      if (!urls.every((url) => allowedUrl(url, dataAllowed))) node.removeAttribute(name);
    }
  };
  purify.addHook('uponSanitizeElement', onElement);
  purify.addHook('afterSanitizeAttributes', onAttributes);
}
