// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { localImageUrl } from '../../shared/image-url';
import { attachPreviewImages, rewriteImages } from './images';
import { patchChildren } from './patch-dom';

const api = { imageUrl: (post: string, src: string) => localImageUrl('/api/image', post, src) };

function fragmentOf(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

let article: HTMLElement;

function render(html: string): void {
  attachPreviewImages(article, api, 'bundle/index.md');
  patchChildren(article, rewriteImages(fragmentOf(html), article));
}

function fire(img: Element, type: 'error' | 'load'): void {
  img.dispatchEvent(new Event(type));
}

beforeEach(() => {
  article = document.createElement('article');
  document.body.append(article);
});

afterEach(() => {
  article.remove();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('rewriteImages', () => {
  test('leaves the fragment alone when the preview has no image context', () => {
    const fragment = fragmentOf('<p><img src="cover.png" alt="c"></p>');
    rewriteImages(fragment, article);
    expect(fragment.querySelector('img')?.getAttribute('src')).toBe('cover.png');
  });

  test('local references load through the image route; web and data images as written', () => {
    attachPreviewImages(article, api, 'bundle/index.md');
    const fragment = rewriteImages(
      fragmentOf(
        '<p><img src="cover.png" alt="a"><img src="/images/x.png" alt="b">' +
          '<img src="https://example.com/y.png" alt="c"><img src="data:image/png;base64,AA==" alt="d">' +
          '<img src="z.png" srcset="z.png 1x, z@2x.png 2x, https://cdn.example/z.png 3x" alt="e"></p>',
      ),
      article,
    );
    const srcs = Array.from(fragment.querySelectorAll('img')).map((img) => img.getAttribute('src'));
    expect(srcs).toEqual([
      '/api/image?post=bundle%2Findex.md&src=cover.png',
      '/api/image?post=bundle%2Findex.md&src=%2Fimages%2Fx.png',
      'https://example.com/y.png',
      'data:image/png;base64,AA==',
      '/api/image?post=bundle%2Findex.md&src=z.png',
    ]);
    expect(fragment.querySelector('img[alt="e"]')?.getAttribute('srcset')).toBe(
      '/api/image?post=bundle%2Findex.md&src=z.png 1x, /api/image?post=bundle%2Findex.md&src=z%402x.png 2x, https://cdn.example/z.png 3x',
    );
  });

  test('the same text gives the same markup, so the patcher keeps the loaded image element', () => {
    render('<p>Intro</p><p><img src="cover.png" alt="c"></p>');
    const img = article.querySelector('img');
    render('<p>Intro, edited</p><p><img src="cover.png" alt="c"></p>');
    expect(article.querySelector('img')).toBe(img);
    expect(img?.getAttribute('src')).toBe('/api/image?post=bundle%2Findex.md&src=cover.png');
  });
});

describe('missing images', () => {
  test('a failed image shows "Image not found" with the reference as written', () => {
    render('<p><img src="/images/x.png" alt="x"></p>');
    const img = article.querySelector('img')!;
    fire(img, 'error');
    expect(img.classList.contains('image-missing')).toBe(true);
    expect(article.querySelector('.image-missing-note')?.textContent).toBe(
      'Image not found: /images/x.png',
    );
  });

  test('the placeholder survives the next renders, without replacing the image element', () => {
    render('<p>One</p><p>See <img src="/images/x.png" alt="x"> here</p>');
    const img = article.querySelector('img')!;
    fire(img, 'error');
    render('<p>One, edited</p><p>See <img src="/images/x.png" alt="x"> here</p>');
    render('<p>One, edited</p><p>See <img src="/images/x.png" alt="x"> there</p>');
    expect(article.querySelector('img')).toBe(img);
    expect(img.classList.contains('image-missing')).toBe(true);
    expect(article.querySelectorAll('.image-missing-note')).toHaveLength(1);
    expect(article.textContent).toContain('Image not found: /images/x.png');
  });

  test('a web image that fails says it could not be loaded', () => {
    render('<p><img src="https://example.com/y.png" alt="y"></p>');
    fire(article.querySelector('img')!, 'error');
    expect(article.textContent).toContain('Image could not be loaded: https://example.com/y.png');
  });

  test('the placeholder clears when the image loads after all', () => {
    render('<p><img src="x.png" alt="x"></p>');
    const img = article.querySelector('img')!;
    fire(img, 'error');
    fire(img, 'load');
    expect(img.classList.contains('image-missing')).toBe(false);
    expect(article.querySelector('.image-missing-note')).toBeNull();
    render('<p><img src="x.png" alt="x"> edited</p>');
    expect(article.querySelector('.image-missing-note')).toBeNull();
  });

  test('a missing image is looked for again, and shows once it appears', async () => {
    vi.useFakeTimers();
    let exists = false;
    const probes: string[] = [];
    class FakeImage extends EventTarget {
      set src(value: string) {
        probes.push(value);
        const outcome = exists ? 'load' : 'error';
        queueMicrotask(() => this.dispatchEvent(new Event(outcome)));
      }
    }
    vi.stubGlobal('Image', FakeImage);
    render('<p><img src="x.png" alt="x"></p>');
    const img = article.querySelector('img')!;
    fire(img, 'error');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(probes).toEqual(['/api/image?post=bundle%2Findex.md&src=x.png']);
    expect(article.querySelector('.image-missing-note')).not.toBeNull();
    exists = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(probes).toHaveLength(2);
    expect(img.classList.contains('image-missing')).toBe(false);
    expect(article.querySelector('.image-missing-note')).toBeNull();
  });

  test('images elsewhere on the page are none of the preview’s business', () => {
    render('<p>Text</p>');
    const outside = document.createElement('img');
    outside.setAttribute('src', 'logo.png');
    document.body.append(outside);
    fire(outside, 'error');
    expect(document.querySelector('.image-missing-note')).toBeNull();
    outside.remove();
  });
});
