import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { codeLanguagesLoaded, createMarkdown, renderMarkdown } from '../shared/markdown';
import { installPreviewHooks, sanitizeConfig } from '../shared/sanitize-policy';

/**
 * Renders a post body to the preview's sanitized HTML, on the Node side (jsdom stands in for the
 * page). Waits for the grammars of the body's code blocks first, so they come out highlighted.
 */
export function createHtmlRenderer(): (body: string) => Promise<string> {
  const md = createMarkdown();
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  installPreviewHooks(purify);
  return async (body) => {
    await codeLanguagesLoaded(body);
    return purify.sanitize(renderMarkdown(md, body), sanitizeConfig);
  };
}
