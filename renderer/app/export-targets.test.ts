import { describe, expect, it } from 'vitest';
import type { ExportTarget } from '../../shared/export';
import { contentPlaceholders as engineNames } from '../../shared/export-config';
import {
  checkDraft,
  contentPlaceholders,
  draftOf,
  dropKeys,
  newDraft,
  sameTarget,
  targetOf,
} from './export-targets';
import type { TargetDraft } from './export-targets';

const good: TargetDraft = {
  ...newDraft([]),
  repo: '~/sites/blog',
  content: '_posts/{date}-{slug}.md',
  images: 'public/images/blog',
  imageUrl: '/images/blog',
};

const target: ExportTarget = {
  name: 'site',
  repo: '../site',
  content: 'src/content/blog/{slug}/index.md',
  images: null,
  imageUrl: null,
  include: 'published',
  drop: ['notes', 'reading_time'],
  rename: { cover: 'image' },
  message: 'Publish: {title}',
};

describe('checkDraft', () => {
  it('accepts a complete target', () => {
    expect(checkDraft(good, [])).toEqual({});
  });

  it.each<[Partial<TargetDraft>, keyof TargetDraft, RegExp]>([
    [{ name: ' ' }, 'name', /name/],
    [{ name: 'Site' }, 'name', /already called/],
    [{ repo: '' }, 'repo', /repository/],
    [{ content: '' }, 'content', /Say where/],
    [{ content: 'blog/{title}.md' }, 'content', /Unknown placeholder \{title\}/],
    [{ content: 'blog/{slug.md' }, 'content', /unmatched "\{"/],
    [{ content: 'blog\\{slug}.md' }, 'content', /separate folders with "\/"/],
    [{ content: '.git/{slug}.md' }, 'content', /\.git folder/],
    [{ images: 'public/{year}' }, 'images', /no placeholders/],
    [
      { rename: [{ from: 'notes', to: 'memo' }], drop: 'notes' },
      'rename',
      /both dropped and renamed/,
    ],
    [
      {
        rename: [
          { from: 'a', to: 'c' },
          { from: 'b', to: 'c' },
        ],
      },
      'rename',
      /Two keys are renamed to “c”/,
    ],
    [
      { message: 'Publish {slug}' },
      'message',
      /Unknown placeholder \{slug\}: use \{title\}, \{count\}/,
    ],
    [{ content: 'blog/post.md' }, 'content', /\{slug\} or \{name\}/],
    [{ content: 'blog/{slug}/' }, 'content', /End with a file name/],
    [{ content: '../outside/{slug}.md' }, 'content', /leaves the repository/],
    [{ content: '/abs/{slug}.md' }, 'content', /is absolute/],
    [{ content: 'C:/site/{slug}.md' }, 'content', /is absolute/],
    [{ images: 'public/../../etc' }, 'images', /leaves the repository/],
    [{ imageUrl: '' }, 'imageUrl', /serves the image folder/],
    [{ images: '', imageUrl: '/images' }, 'imageUrl', /needs an image folder/],
    [{ imageUrl: 'images/blog' }, 'imageUrl', /Start the URL/],
    [{ drop: 'notes, my key' }, 'drop', /not a front matter key/],
    [{ rename: [{ from: 'cover', to: '' }] }, 'rename', /both keys/],
    [{ rename: [{ from: 'a', to: 'a' }] }, 'rename', /to itself/],
    [
      {
        rename: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
        ],
      },
      'rename',
      /twice/,
    ],
    [{ message: '  ' }, 'message', /commit message/],
  ])('%o is refused at %s', (patch, field, message) => {
    const errors = checkDraft({ ...good, ...patch }, ['site']);
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it('lets a target keep its own name, whatever the case of the others', () => {
    expect(checkDraft({ ...good, name: 'blog' }, ['site'])).toEqual({});
    expect(checkDraft({ ...good, name: 'blog' }, ['Blog']).name).toMatch(/already called/);
  });

  it('ignores rename rows left empty', () => {
    expect(checkDraft({ ...good, rename: [{ from: ' ', to: '' }] }, [])).toEqual({});
  });
});

describe('the placeholders explained', () => {
  it('are exactly the ones the engine fills in', () => {
    expect(contentPlaceholders.map((each) => each.name).sort()).toEqual(
      engineNames.map((name) => `{${name}}`).sort(),
    );
  });
});

describe('drafts and targets', () => {
  it('round-trips a target through its form unchanged', () => {
    expect(targetOf(draftOf(target))).toEqual(target);
    expect(sameTarget(targetOf(draftOf(target)), target)).toBe(true);
  });

  it('trims what was typed and leaves empty fields and rows out', () => {
    const saved = targetOf({
      ...good,
      name: ' blog ',
      images: ' ',
      imageUrl: '',
      drop: ' notes,, draft_reason ,',
      rename: [
        { from: ' cover ', to: ' image ' },
        { from: '', to: '' },
      ],
    });
    expect(saved).toMatchObject({
      name: 'blog',
      images: null,
      imageUrl: null,
      drop: ['notes', 'draft_reason'],
      rename: { cover: 'image' },
    });
  });

  it('tells an edited target from the original', () => {
    expect(sameTarget({ ...target, drop: ['notes'] }, target)).toBe(false);
    expect(sameTarget({ ...target, rename: { cover: 'hero' } }, target)).toBe(false);
    expect(sameTarget({ ...target, imageUrl: '/x' }, target)).toBe(false);
  });

  it('names a new target so it does not clash', () => {
    expect(newDraft([]).name).toBe('site');
    expect(newDraft(['Site', 'site-2']).name).toBe('site-3');
  });

  it('reads the keys to drop from commas or lines', () => {
    expect(dropKeys('a, b\nc,')).toEqual(['a', 'b', 'c']);
  });
});
