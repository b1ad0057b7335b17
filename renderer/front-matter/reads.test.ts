import { EditorState } from '@codemirror/state';
import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import type { PostFile } from '../../shared/api';
import { readYamlFrontMatter } from '../../shared/document';
import { readFrontMatter as readFresh } from '../../shared/front-matter';
import { findFrontMatter } from '../../shared/split';
import { frontMatterFactsOf } from '../app/live-problems';
import { applyEdits } from './apply-edits';
import type { FieldEdit } from './apply-edits';
import { readFrontMatter, yamlReadOf } from './reads';
import { frontMatterState, frontMatterText, setFieldSpec } from './state';

// Every front matter parse in the renderer goes through these two readers: counted here.
const parses = vi.hoisted(() => ({ jsYaml: 0, yaml: 0 }));
vi.mock('js-yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof JsYaml>();
  return {
    ...actual,
    load: (...args: Parameters<typeof actual.load>) => {
      parses.jsYaml++;
      return actual.load(...args);
    },
  };
});
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof Yaml>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      parses.yaml++;
      return actual.parseDocument(...args);
    },
  };
});

const base = 'title: "Hello"\n# kept\ndate: 2024-02-28\ntags: [go, rust]\ndescription: Plain\n';
const text = `---\n${base}---\n\nBody.\n`;
const file: PostFile = { path: 'post.md', text, version: 'v1', split: findFrontMatter(text) };

describe('one keystroke in a form field', () => {
  it('parses the front matter once, and the yaml Document of its base not at all', () => {
    let state = EditorState.create({ doc: 'Body.\n', extensions: frontMatterState(base) });
    // What the editor does with each key typed in the title: the edit, then reading the new text
    // for the form and for the live field checks.
    const key = (title: string): void => {
      const spec = setFieldSpec(state, 'title', title);
      if (!spec.ok || spec.value === null) throw new Error('the edit was refused');
      state = state.update(spec.value).state;
      const now = frontMatterText(state);
      readFrontMatter(now);
      frontMatterFactsOf(file, now, yamlReadOf(now));
    };
    key('Hello!');
    parses.jsYaml = 0;
    parses.yaml = 0;
    key('Hello!!');
    expect(parses).toEqual({ jsYaml: 1, yaml: 0 });
    key('Hello!!!');
    expect(parses).toEqual({ jsYaml: 2, yaml: 0 });
    expect(frontMatterText(state)).toBe(base.replace('"Hello"', '"Hello!!!"'));
  });
});

describe('the read an edit remembers', () => {
  it('is what reading its text gives, key lines and values alike', () => {
    const edits: ReadonlyMap<string, FieldEdit>[] = [
      new Map([['title', { kind: 'set', value: 'New "title"' }]]),
      new Map([['tags', { kind: 'set', value: ['a', 'b'] }]]),
      new Map([['summary', { kind: 'set', value: 'Added at the end' }]]),
      new Map([['date', { kind: 'remove' }]]),
      new Map([
        ['description', { kind: 'set', value: 'Two\nlines' }],
        ['title', { kind: 'remove' }],
      ]),
    ];
    for (const each of edits) {
      const result = applyEdits(base, each, ['title', 'date', 'summary', 'tags']);
      expect(result.errors.size).toBe(0);
      expect(yamlReadOf(result.text)).toEqual(readYamlFrontMatter(result.text));
      expect(readFrontMatter(result.text)).toEqual(readFresh(result.text));
    }
  });

  it('is kept for a few texts only, the newest first', () => {
    const texts = ['a: 1\n', 'a: 2\n', 'a: 3\n', 'a: 4\n', 'a: 5\n'];
    for (const each of texts) yamlReadOf(each);
    parses.jsYaml = 0;
    yamlReadOf('a: 5\n');
    yamlReadOf('a: 2\n');
    expect(parses.jsYaml).toBe(0);
    yamlReadOf('a: 1\n');
    expect(parses.jsYaml).toBe(1);
  });
});
