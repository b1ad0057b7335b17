import type { Api } from '../../shared/api';

/** Marks an image that failed to load; the image is hidden and its note shown instead. */
export const missingImageClass = 'image-missing';

/** The placeholder shown after an image that failed to load. */
export const missingNoteClass = 'image-missing-note';

/** The reference as the post wrote it, kept on the element for the placeholder's text. */
const refAttribute = 'data-image-ref';

/** How long a placeholder waits before looking again, and at most (local images; web ones wait longer). */
const firstRetryMs = 1_000;
const localRetryCapMs = 5_000;
const webRetryCapMs = 60_000;

interface Failure {
  readonly label: string;
  /** null: never looked for again (a `data:` image cannot change). */
  readonly retryCapMs: number | null;
  delayMs: number;
  nextAt: number;
}

interface PreviewImages {
  imageUrl: (src: string) => string | null;
  /** Failed image URLs (as in `src`, after rewriting): every render marks them the same way. */
  readonly failures: Map<string, Failure>;
  timer: number | undefined;
}

const previews = new WeakMap<HTMLElement, PreviewImages>();

function labelOf(ref: string, local: boolean): string {
  const shown = ref.length > 200 ? `${ref.slice(0, 200)}…` : ref;
  return local ? `Image not found: ${shown}` : `Image could not be loaded: ${shown}`;
}

function noteAfter(img: Element): Element | null {
  const next = img.nextElementSibling;
  return next !== null && next.classList.contains(missingNoteClass) ? next : null;
}

function mark(img: Element, label: string): void {
  img.classList.add(missingImageClass);
  const note = noteAfter(img);
  if (note !== null) {
    if (note.textContent !== label) note.textContent = label;
    return;
  }
  const created = img.ownerDocument.createElement('span');
  created.className = missingNoteClass;
  created.setAttribute('role', 'note');
  created.textContent = label;
  img.after(created);
}

function unmark(img: Element): void {
  img.classList.remove(missingImageClass);
  if (img.getAttribute('class') === '') img.removeAttribute('class');
  noteAfter(img)?.remove();
}

function rewriteSrcset(value: string, imageUrl: (src: string) => string | null): string {
  // Candidates are "url [descriptor]", comma-separated; URLs with commas in them are left alone.
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      const rewritten = imageUrl(url);
      return rewritten === null ? candidate.trim() : [rewritten, ...descriptor].join(' ');
    })
    .join(', ');
}

function imagesIn(root: ParentNode, src: string): HTMLImageElement[] {
  return Array.from(root.querySelectorAll('img')).filter((img) => img.getAttribute('src') === src);
}

/** Looks again for failed images that are due; one that loads now replaces its placeholder. */
function retry(article: HTMLElement, state: PreviewImages): void {
  state.timer = undefined;
  if (!article.isConnected) return;
  const now = Date.now();
  for (const [src, failure] of state.failures) {
    // A reference deleted from the post needs no more looking for.
    if (imagesIn(article, src).length === 0) {
      state.failures.delete(src);
      continue;
    }
    if (failure.retryCapMs === null || failure.nextAt > now) continue;
    failure.delayMs = Math.min(failure.delayMs * 2, failure.retryCapMs);
    failure.nextAt = now + failure.delayMs;
    const probe = new Image();
    probe.addEventListener('load', () => {
      state.failures.delete(src);
      for (const img of imagesIn(article, src)) {
        unmark(img);
        // Setting the same src loads it again, now from the image the probe just fetched.
        img.setAttribute('src', src);
      }
    });
    probe.src = src;
  }
  schedule(article, state);
}

function schedule(article: HTMLElement, state: PreviewImages): void {
  if (state.timer !== undefined || !article.isConnected) return;
  const waiting = [...state.failures.values()].filter((failure) => failure.retryCapMs !== null);
  if (waiting.length === 0) return;
  const next = Math.min(...waiting.map((failure) => failure.nextAt));
  state.timer = window.setTimeout(() => retry(article, state), Math.max(next - Date.now(), 100));
}

function onImageError(article: HTMLElement, state: PreviewImages, event: Event): void {
  const img = event.target;
  if (!(img instanceof HTMLImageElement) || !article.contains(img)) return;
  const src = img.getAttribute('src');
  if (src === null || src === '') return;
  const ref = img.getAttribute(refAttribute) ?? src;
  const local = state.imageUrl(ref) !== null;
  let failure = state.failures.get(src);
  if (failure === undefined) {
    const web = /^https?:/i.test(src);
    const retryCapMs = local ? localRetryCapMs : web ? webRetryCapMs : null;
    const delayMs = local ? firstRetryMs : localRetryCapMs;
    failure = { label: labelOf(ref, local), retryCapMs, delayMs, nextAt: Date.now() + delayMs };
    state.failures.set(src, failure);
  }
  mark(img, failure.label);
  schedule(article, state);
}

function onImageLoad(article: HTMLElement, state: PreviewImages, event: Event): void {
  const img = event.target;
  if (!(img instanceof HTMLImageElement) || !article.contains(img)) return;
  const src = img.getAttribute('src');
  if (src !== null) state.failures.delete(src);
  if (img.classList.contains(missingImageClass)) unmark(img);
}

/**
 * Lets the preview in `article` load the open post's images through the API's image route, and
 * show "Image not found: /images/x.png" in place of a broken image. Listens (capturing, since
 * `error` does not bubble; never an inline handler) for images that fail or load. Call before every
 * render: it is cheap and keeps the post path current (a rename moves the post's folder).
 */
export function attachPreviewImages(
  article: HTMLElement,
  api: Pick<Api, 'imageUrl'>,
  postPath: string,
): void {
  const imageUrl = (src: string): string | null => api.imageUrl(postPath, src);
  const known = previews.get(article);
  if (known !== undefined) {
    known.imageUrl = imageUrl;
    return;
  }
  const state: PreviewImages = { imageUrl, failures: new Map(), timer: undefined };
  previews.set(article, state);
  article.addEventListener('error', (event) => onImageError(article, state, event), true);
  article.addEventListener('load', (event) => onImageLoad(article, state, event), true);
}

/**
 * Rewrites a sanitized preview fragment, before it is patched into `article`: local image
 * references (`src`, `srcset`) load through the image route, and images that failed before keep
 * their placeholder, so the patcher sees the same markup as on screen and leaves loaded images
 * and placeholders alone. The same reference always gives the same URL. Without
 * `attachPreviewImages` on `article`, the fragment is returned as it is.
 */
export function rewriteImages(fragment: DocumentFragment, article: HTMLElement): DocumentFragment {
  const state = previews.get(article);
  if (state === undefined) return fragment;
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const ref = img.getAttribute('src');
    if (ref !== null) {
      const url = state.imageUrl(ref);
      if (url !== null) img.setAttribute('src', url);
      img.setAttribute(refAttribute, ref);
      const failure = state.failures.get(url ?? ref);
      if (failure !== undefined) mark(img, failure.label);
    }
  }
  for (const element of Array.from(fragment.querySelectorAll('img[srcset], source[srcset]'))) {
    element.setAttribute(
      'srcset',
      rewriteSrcset(element.getAttribute('srcset') ?? '', state.imageUrl),
    );
  }
  return fragment;
}
