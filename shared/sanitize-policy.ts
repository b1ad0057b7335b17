/**
 * What the preview (and `postwright render`, and export) keep of a post's HTML: one policy, applied
 * to a DOMPurify instance on whichever DOM is at hand (the browser's, or jsdom's on the Node side).
 * The DOM types are written structurally here because shared/ has no DOM lib.
 */

// Elements that can run code, load other documents, submit data, or restyle or re-base the app.
const forbiddenTags = [
  'script',
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'base',
  'meta',
  'link',
];

// Only web and mail links, and relative ones (`#anchor`, `images/x.png`); `javascript:` and
// `data:` never match. Images may still use `data:` (see the attribute hook below).
const allowedUri = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** DOMPurify options for preview HTML. */
export const sanitizeConfig = {
  FORBID_TAGS: forbiddenTags,
  FORBID_ATTR: ['style', 'target', 'formaction', 'action', 'ping'],
  ALLOWED_URI_REGEXP: allowedUri,
  // Ids and names from the post cannot clobber globals or the app's own ids.
  SANITIZE_NAMED_PROPS: true,
};

const urlAttributes = ['src', 'href', 'xlink:href', 'poster', 'srcset'];

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
  // DOMPurify lets audio, video and friends keep data: URLs too; only images may.
  const onAttributes = (node: PolicyNode): void => {
    if (node.localName === 'img' || !node.getAttribute || !node.removeAttribute) return;
    for (const name of urlAttributes) {
      const value = node.getAttribute(name);
      if (value !== null && /^\s*data:/i.test(value)) node.removeAttribute(name);
    }
  };
  purify.addHook('uponSanitizeElement', onElement);
  purify.addHook('afterSanitizeAttributes', onAttributes);
}
