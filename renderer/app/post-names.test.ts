import { describe, expect, it } from 'vitest';
import { nameFromTitle, postNameOf } from './post-names';

describe('postNameOf', () => {
  it.each([
    ['first-light.md', { current: 'first-light.md', bundle: false, ext: '.md' }],
    ['2024/old.markdown', { current: 'old.markdown', bundle: false, ext: '.markdown' }],
    ['trip/index.md', { current: 'trip', bundle: true, ext: '' }],
    ['index.md', { current: 'index.md', bundle: false, ext: '.md' }],
  ])('%s', (path, name) => {
    expect(postNameOf(path)).toEqual(name);
  });
});

describe('nameFromTitle', () => {
  it('offers the title slug only when the name differs', () => {
    expect(nameFromTitle('First light', 'first-light.md')).toBeNull();
    expect(nameFromTitle('First light, again', 'first-light.md')).toBe('first-light-again.md');
    expect(nameFromTitle('Old one', 'archive/old.markdown')).toBe('old-one.markdown');
    expect(nameFromTitle('Summer trip', 'trip/index.md')).toBe('summer-trip');
    expect(nameFromTitle('!!!', 'x.md')).toBeNull();
  });
});
