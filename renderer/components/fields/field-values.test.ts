import { describe, expect, it } from 'vitest';
import { defaultSchema } from '../../../shared/schema';
import { dateMode, localOffset, pickerValueOf, writtenFromPicker } from './date-value';
import { initialValue, keyProblem } from './field-key';
import { numberText, parseNumber } from './number-value';
import { isAutomatic, pinnedValue, readingTimeValue } from './reading-time-value';
import { addTags, moveTag, newTags, removeTag, tagItems } from './tags-value';
import { characterCount } from './text-field';
import { urlMessage } from './url-field';
import { widgetKind, widgetOfValue } from './widget-kind';
import { parseYamlValue, yamlTextOf } from './yaml-value';

describe('dates keep the format the post uses', () => {
  it('shows a date in a date picker and a date-time in a date-time picker', () => {
    expect(pickerValueOf('2026-11-20', 'date')).toEqual({ type: 'date', value: '2026-11-20' });
    expect(pickerValueOf('2026-11-20T10:00:00+01:00', 'date')).toEqual({
      type: 'datetime-local',
      value: '2026-11-20T10:00:00',
    });
    expect(pickerValueOf('2026-11-20 10:00', 'datetime').value).toBe('2026-11-20T10:00');
    expect(pickerValueOf('next week', 'date')).toEqual({ type: 'date', value: '' });
    expect(dateMode('', 'datetime')).toBe('datetime-local');
  });

  it('writes a picked value in the old spelling: date stays date, offset and separator kept', () => {
    expect(writtenFromPicker('2026-12-01', '2026-11-20', 'date')).toBe('2026-12-01');
    expect(writtenFromPicker('2026-12-01T09:30:15', '2026-11-20T10:00:00+01:00', 'date')).toBe(
      '2026-12-01T09:30:15+01:00',
    );
    expect(writtenFromPicker('2026-12-01T09:30', '2026-11-20 10:00 Z', 'datetime')).toBe(
      '2026-12-01 09:30 Z',
    );
    expect(writtenFromPicker('2026-12-01T09:30', '2026-11-20T10:00:00.5Z', 'datetime')).toBe(
      '2026-12-01T09:30:00.5Z',
    );
  });

  it('gives a new date-time the local offset, and ignores an empty pick', () => {
    expect(writtenFromPicker('2026-12-01T09:30', '', 'datetime')).toBe(
      `2026-12-01T09:30:00${localOffset()}`,
    );
    expect(writtenFromPicker('', '2026-11-20', 'date')).toBe('2026-11-20');
    expect(localOffset(new Date())).toMatch(/^[+-]\d{2}:\d{2}$/);
  });
});

describe('numbers', () => {
  it('reads numbers and refuses drafts that are not numbers yet', () => {
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('-1.5e3')).toBe(-1500);
    expect(parseNumber('.5')).toBe(0.5);
    for (const draft of ['', '-', '1e', '1,5', '0x1f', 'Infinity'])
      expect(parseNumber(draft)).toBeNull();
    expect(numberText(3)).toBe('3');
    expect(numberText(null)).toBe('');
  });
});

describe('tags', () => {
  it('takes lists of plain values only', () => {
    expect(tagItems(['go', 2])).toEqual(['go', 2]);
    expect(tagItems(undefined)).toEqual([]);
    expect(tagItems([{ a: 1 }])).toBeNull();
    expect(tagItems('go')).toBeNull();
  });

  it('adds typed tags split at commas, without blanks or ones already there', () => {
    expect(newTags(['go'], ' rust, go ,, web ')).toEqual(['rust', 'web']);
    const items = ['go'];
    expect(addTags(items, 'go')).toBe(items);
    expect(addTags(items, 'zig')).toEqual(['go', 'zig']);
    // A number already in the list counts as its text.
    expect(newTags([2026], '2026')).toEqual([]);
  });

  it('removes and moves by index', () => {
    expect(removeTag(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(moveTag(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveTag(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveTag(['a', 'b'], 1, 9)).toEqual(['a', 'b']);
  });
});

describe('reading time', () => {
  const computed = { minutes: 6, text: '6 min read' };

  it('is automatic when absent or equal to the computed value, else pinned', () => {
    expect(isAutomatic(undefined, computed)).toBe(true);
    expect(isAutomatic('6 min read', computed)).toBe(true);
    expect(isAutomatic(6, computed)).toBe(true);
    expect(isAutomatic('5 min read', computed)).toBe(false);
    expect(isAutomatic('about 6 minutes', computed)).toBe(false);
  });

  it('writes in the shape the post uses and keeps a typed number a number', () => {
    expect(readingTimeValue(computed, 4)).toBe(6);
    expect(readingTimeValue(computed, '4 min read')).toBe('6 min read');
    expect(pinnedValue('8', 4)).toBe(8);
    expect(pinnedValue('8 min', 4)).toBe('8 min');
    expect(pinnedValue('8', '4 min read')).toBe('8');
  });
});

describe('YAML editor values', () => {
  it('round-trips nested values through text', () => {
    const value = { canonical: 'https://example.com', keywords: ['go', 'channels'] };
    const parsed = parseYamlValue(yamlTextOf(value));
    expect(parsed).toEqual({ ok: true, value });
  });

  it('says where typed text stops being YAML', () => {
    const parsed = parseYamlValue('a: [1, 2\nb: 3');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^Line \d+: /);
  });
});

describe('field keys', () => {
  it('refuses empty, invalid and duplicate names', () => {
    expect(keyProblem(' ', [])).toMatch(/Enter a name/);
    expect(keyProblem('my key', [])).toMatch(/letters/);
    expect(keyProblem('1st', [])).toMatch(/letters/);
    expect(keyProblem('title', ['title'])).toMatch(/already has a field "title"/);
    expect(keyProblem('series_name', ['title'])).toBeNull();
    expect(keyProblem('série', [])).toBeNull();
  });

  it('starts new fields with a value of their kind', () => {
    expect(initialValue('boolean')).toBe(false);
    expect(initialValue('list')).toEqual([]);
    expect(initialValue('date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('which control a field gets', () => {
  it('follows the schema when the value fits, the value otherwise', () => {
    expect(widgetKind('published', false, defaultSchema)).toBe('status');
    expect(widgetKind('featured', true, defaultSchema)).toBe('boolean');
    expect(widgetKind('published', 'yes', defaultSchema)).toBe('string');
    expect(widgetKind('reading_time', '6 min read', defaultSchema)).toBe('reading-time');
    expect(widgetKind('tags', ['a'], defaultSchema)).toBe('tags');
    expect(widgetKind('tags', [{ a: 1 }], defaultSchema)).toBe('yaml');
    expect(widgetKind('title', 'a\nb', defaultSchema)).toBe('text');
    expect(widgetKind('date', '2026-11-20', null)).toBe('string');
  });

  it('shows unknown keys by their value', () => {
    expect(widgetOfValue(3)).toBe('number');
    expect(widgetOfValue(['a', 1])).toBe('tags');
    expect(widgetOfValue({ a: 1 })).toBe('yaml');
    expect(widgetOfValue([{ a: 1 }])).toBe('yaml');
    expect(widgetOfValue(null)).toBe('string');
  });
});

describe('text and URL helpers', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(characterCount('café 🎉')).toBe(6);
  });

  it('explains what is wrong with a web address as typed', () => {
    expect(urlMessage('')).toBeNull();
    expect(urlMessage('https://example.com/post')).toBeNull();
    expect(urlMessage('example.com')).toMatch(/https:\/\//);
    expect(urlMessage('https://exa mple.com')).toMatch(/not a web address/);
  });
});
