import { describe, expect, it } from 'vitest';
import {
  builtInViews,
  defaultSidebarView,
  isPreferenceChange,
  maxSavedViews,
  readPreferences,
  readSidebarView,
  sameView,
  viewNameProblem,
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

describe('the savedViews preference', () => {
  const drafts = { ...defaultSidebarView, status: 'drafts' as const, tags: ['go', 'web'] };

  it('keeps each folder’s valid views in order and drops bad ones, duplicates and the excess', () => {
    const many = Array.from({ length: maxSavedViews + 5 }, (_, i) => ({
      name: `View ${i}`,
      view: defaultSidebarView,
    }));
    const read = readPreferences({
      savedViews: {
        '/a': [
          { name: 'Drafts to finish', view: drafts },
          { name: 'Broken', view: { ...defaultSidebarView, sort: 'size' } },
          { name: '', view: defaultSidebarView },
          { name: ' padded ', view: defaultSidebarView },
          { name: 'x'.repeat(61), view: defaultSidebarView },
          { name: 'bell\u0007', view: defaultSidebarView },
          { name: 'DRAFTS TO FINISH', view: defaultSidebarView },
          { name: 'With extra', view: defaultSidebarView, colour: 'red' },
          { name: 'Go posts', view: { ...defaultSidebarView, tags: ['go'] } },
          'not a view',
        ],
        '/b': many,
        '/c': 'not a list',
      },
    });
    expect(read?.savedViews).toEqual({
      '/a': [
        { name: 'Drafts to finish', view: drafts },
        { name: 'Go posts', view: { ...defaultSidebarView, tags: ['go'] } },
      ],
      '/b': many.slice(0, maxSavedViews),
    });
    expect(readPreferences({ savedViews: [] })?.savedViews).toBeUndefined();
  });

  it('accepts a change only when every view of every folder is valid', () => {
    const good = { name: 'Drafts to finish', view: drafts };
    expect(isPreferenceChange({ savedViews: { '/a': [good], '/b': [] } })).toBe(true);
    for (const bad of [
      { '/a': [good, { name: 'drafts to FINISH', view: defaultSidebarView }] },
      { '/a': [{ name: '  ', view: defaultSidebarView }] },
      { '/a': [{ name: 'Bad sort', view: { ...defaultSidebarView, sort: 'size' } }] },
      { '/a': [{ name: 'No view' }] },
      { '/a': good },
      { '/a': Array.from({ length: maxSavedViews + 1 }, (_, i) => ({ ...good, name: `V${i}` })) },
    ])
      expect(isPreferenceChange({ savedViews: bad }), JSON.stringify(bad).slice(0, 80)).toBe(false);
  });

  it('names a view’s problem for the dialog, including a name in use in another case', () => {
    expect(viewNameProblem('Mine', builtInViews)).toBeNull();
    expect(viewNameProblem('  ', [])).toBe('Give the view a name');
    expect(viewNameProblem('featured', builtInViews)).toBe(
      'There is already a view named “featured”',
    );
    expect(viewNameProblem('x'.repeat(61), [])).toBe('A view’s name has at most 60 characters');
  });

  it('compares views by what they show: tags in any order', () => {
    expect(sameView({ ...drafts, tags: ['web', 'go'] }, drafts)).toBe(true);
    expect(sameView({ ...drafts, search: 'go' }, drafts)).toBe(false);
    expect(sameView({ ...drafts, sort: 'title' }, drafts)).toBe(false);
  });
});
