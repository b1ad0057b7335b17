import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { createMarkdown, renderMarkdown } from '../shared/markdown';
import { installPreviewHooks, sanitizeConfig } from '../shared/sanitize-policy';

/** Renders a post body to the preview's sanitized HTML, on the Node side (jsdom stands in for the page). */
export function createHtmlRenderer(): (body: string) => string {
  const md = createMarkdown();
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  installPreviewHooks(purify);
  return (body) => purify.sanitize(renderMarkdown(md, body), sanitizeConfig);
}
