import { describe, expect, it } from 'vitest';
import { documentStats } from './document-stats';

describe('documentStats', () => {
  it('counts words a reader reads, leaving code blocks out', () => {
    const stats = documentStats('# Hello there\n\nOne two three.\n\n```\nnot counted\n```\n');
    expect(stats.words).toBe(5);
    expect(stats.readingTime).toBe('1 min read');
  });

  it('counts characters with spaces, without line breaks, an emoji once', () => {
    expect(documentStats('ab c\n\nd😀').characters).toBe(6);
  });

  it('gives a reading time at 200 words a minute', () => {
    expect(documentStats('word '.repeat(401)).readingTime).toBe('3 min read');
  });
});
