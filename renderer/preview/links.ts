import type { Api } from '../../shared/api';

const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

function absoluteUrl(href: string): URL | null {
  // No base on purpose: a relative link points into the site being written, not at this app.
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

function scrollToAnchor(container: HTMLElement, fragment: string): void {
  let name = fragment;
  try {
    name = decodeURIComponent(fragment);
  } catch {
    // A malformed escape: look the fragment up as written.
  }
  // The sanitizer prefixes ids and names from the post so they cannot clobber the app's.
  const prefixed = `user-content-${name}`;
  const target = Array.from(container.querySelectorAll('[id], a[name]')).find((element) => {
    const id = element.getAttribute('id') ?? element.getAttribute('name');
    return id === prefixed || id === name;
  });
  target?.scrollIntoView({ block: 'start' });
}

/**
 * Handles a click inside the preview: never lets a link navigate the app window. Web and mail
 * links open in the user's browser (desktop) or a new tab (browser mode); `#anchors` scroll the
 * preview; anything else does nothing.
 */
export function handlePreviewClick(
  event: MouseEvent,
  container: HTMLElement,
  api: Api,
  onError: (message: string) => void,
): void {
  if (!(event.target instanceof Element)) return;
  const link = event.target.closest('a, area');
  if (link === null || !container.contains(link)) return;
  event.preventDefault();
  const href = (
    link.getAttribute('href') ??
    link.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ??
    ''
  ).trim();
  if (href.startsWith('#')) {
    scrollToAnchor(container, href.slice(1));
    return;
  }
  const url = absoluteUrl(href);
  if (url === null || !externalProtocols.has(url.protocol)) return;
  if (api.platform === 'desktop') {
    void api.openExternal(url.href).then((result) => {
      if (!result.ok) onError(result.error.message);
    });
  } else {
    window.open(url.href, '_blank', 'noopener,noreferrer');
  }
}
