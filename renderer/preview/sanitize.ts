import createDOMPurify from 'dompurify';
import { installPreviewHooks, sanitizeConfig } from '../../shared/sanitize-policy';

/** A sanitizer for preview HTML: returns an inert fragment safe to insert into the app's document. */
export type Sanitizer = (html: string) => DocumentFragment;

/**
 * Builds the preview's sanitizer on its own DOMPurify instance, so its hooks never leak into
 * another user of DOMPurify. The policy itself is shared with `postwright render`.
 */
export function createSanitizer(): Sanitizer {
  const purify = createDOMPurify(window);
  installPreviewHooks(purify);
  return (html) => purify.sanitize(html, { ...sanitizeConfig, RETURN_DOM_FRAGMENT: true });
}
