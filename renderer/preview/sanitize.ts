import createDOMPurify from 'dompurify';
import type { Config } from 'dompurify';

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
// `data:` never match. Images may still use `data:` (see afterSanitizeAttributes below).
const allowedUri = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const config = {
  FORBID_TAGS: forbiddenTags,
  FORBID_ATTR: ['style', 'target', 'formaction', 'action', 'ping'],
  ALLOWED_URI_REGEXP: allowedUri,
  // Ids and names from the post cannot clobber globals or the app's own ids.
  SANITIZE_NAMED_PROPS: true,
  RETURN_DOM_FRAGMENT: true,
} satisfies Config;

const urlAttributes = ['src', 'href', 'xlink:href', 'poster', 'srcset'];

/** A sanitizer for preview HTML: returns an inert fragment safe to insert into the app's document. */
export type Sanitizer = (html: string) => DocumentFragment;

/**
 * Builds the preview's sanitizer on its own DOMPurify instance, so its hooks never leak into
 * another user of DOMPurify.
 */
export function createSanitizer(): Sanitizer {
  const purify = createDOMPurify(window);

  // Embeds (YouTube and friends) become a visible placeholder naming what would load there. It is
  // inserted after the iframe, so DOMPurify walks and checks it like any other node.
  purify.addHook('uponSanitizeElement', (node, event) => {
    if (event.tagName !== 'iframe' || !(node instanceof Element)) return;
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
    source.textContent = node.getAttribute('src') ?? '(no source)';
    placeholder.append(label, ' ', source);
    node.parentNode?.insertBefore(placeholder, node.nextSibling);
  });

  // DOMPurify lets audio, video and friends keep data: URLs too; only images may.
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.localName === 'img') return;
    for (const name of urlAttributes) {
      const value = node.getAttribute(name);
      if (value !== null && /^\s*data:/i.test(value)) node.removeAttribute(name);
    }
  });

  return (html) => purify.sanitize(html, config);
}
