import { describe, expect, test } from 'vitest';
import { importedImageName, kindOfName, sniffImage } from './image-import';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part,
    ),
  );

describe('sniffImage', () => {
  test.each([
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'rest')],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a')],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['avif', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf')],
    // A major brand of another kind, with avif among the compatible ones.
    ['avif', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1avif')],
    ['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['svg', bytes([0xef, 0xbb, 0xbf], '\n  <svg/>')],
    ['svg', bytes('<?xml version="1.0"?>\n<!-- c -->\n<svg/>')],
  ])('recognizes %s by its first bytes', (kind, content) => {
    expect(sniffImage(content)).toBe(kind);
  });

  test.each([
    ['text', bytes('just some text')],
    ['HTML', bytes('<html><script>alert(1)</script></html>')],
    ['XML that is not SVG', bytes('<?xml version="1.0"?><rss/>')],
    ['an MP4 (ftyp, not avif)', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0], 'isommp41')],
    ['a WAV (RIFF, not WEBP)', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['a truncated PNG signature', bytes([0x89], 'PNG')],
    ['nothing', bytes()],
  ])('refuses %s', (_name, content) => {
    expect(sniffImage(content)).toBeNull();
  });
});

describe('kindOfName', () => {
  test('knows image extensions in any case, and nothing else', () => {
    expect(kindOfName('a.PNG')).toBe('png');
    expect(kindOfName('a.jpeg')).toBe('jpeg');
    expect(kindOfName('a.Jpg')).toBe('jpeg');
    expect(kindOfName('a.svg')).toBe('svg');
    expect(kindOfName('a.png.exe')).toBeNull();
    expect(kindOfName('a.bmp')).toBeNull();
    expect(kindOfName('png')).toBeNull();
    expect(kindOfName('.png')).toBeNull();
  });
});

describe('importedImageName', () => {
  test.each([
    ['My Holiday Photo!.PNG', 'png', 'my-holiday-photo.png'],
    ['Café au lait.jpeg', 'jpeg', 'cafe-au-lait.jpeg'],
    ['IMG_2041.JPG', 'jpeg', 'img-2041.jpg'],
    // The extension follows the content: a JPEG named .png is a .jpg.
    ['cover.png', 'jpeg', 'cover.jpg'],
    ['../../etc/evil.png', 'png', 'evil.png'],
    ['C:\\Users\\me\\shot.png', 'png', 'shot.png'],
    ['con.png', 'png', 'con_.png'],
    ['😀.png', 'png', 'image.png'],
    ['.png', 'png', 'png.png'],
  ] as const)('%s as %s -> %s', (input, kind, expected) => {
    expect(importedImageName(input, kind)).toBe(expected);
  });

  test('adds -n for a name in use, keeping the whole within the length limit', () => {
    expect(importedImageName('cover.png', 'png', 2)).toBe('cover-2.png');
    const long = importedImageName(`${'a'.repeat(300)}.png`, 'png', 12);
    expect(long.endsWith('-12.png')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(100 + '.png'.length);
  });
});
