import { describe, expect, it } from 'vitest';
import {
  defaultSidebarView,
  isPreferenceChange,
  readPreferences,
  readSidebarView,
} from './preferences';

describe('the sidebar preference', () => {
  it('keeps each folder view that is valid and drops the others from a settings file', () => {
    const read = readPreferences({
      sidebar: {
        '/a': { ...defaultSidebarView, tags: ['go'], year: 2024, month: 3 },
        '/b': { ...defaultSidebarView, status: 'everything' },
      },
    });
    expect(read?.sidebar).toEqual({
      '/a': { ...defaultSidebarView, tags: ['go'], year: 2024, month: 3 },
    });
  });

  it('refuses a change with an invalid view, a month without a year, or an unknown key', () => {
    expect(isPreferenceChange({ sidebar: { '/a': defaultSidebarView } })).toBe(true);
    expect(isPreferenceChange({ sidebar: { '/a': { ...defaultSidebarView, sort: 'size' } } })).toBe(
      false,
    );
    expect(readSidebarView({ ...defaultSidebarView, month: 3 })).toBeNull();
    expect(readSidebarView({ ...defaultSidebarView, extra: 1 })).toBeNull();
    expect(readSidebarView({ ...defaultSidebarView, tags: [1] })).toBeNull();
  });
});
