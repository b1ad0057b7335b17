import { describe, expect, it } from 'vitest';
import type { Problem } from '../../shared/api';
import { defaultSchema } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { checklistOf } from './publish-checklist';
import { publishDecision, publishQuestion } from './publish-guard';

function problem(field: string | null, severity: Problem['severity'], message: string): Problem {
  return { path: 'post.md', line: 2, column: 1, field, severity, rule: 'required', message };
}

const titleMissing = problem('title', 'error', '"title" is required; add it.');
const badDate = problem('date', 'error', '"date" is "2024-02-30", which is not a valid date.');
const todo = problem(null, 'warning', '"TODO" is left in the text.');
const draft = { title: '', date: '2024-02-30', published: false };

describe('publishDecision', () => {
  it('asks before publishing a draft with errors, naming every error', () => {
    const decision = publishDecision({
      key: 'published',
      value: true,
      values: draft,
      problems: [titleMissing, badDate, todo],
      schema: defaultSchema,
    });
    expect(decision).toEqual({
      kind: 'confirm',
      errors: [titleMissing, badDate],
      question:
        'This post has 2 errors: "title" is required; add it; "date" is "2024-02-30", which is not a valid date. Publish anyway?',
    });
  });

  it('publishes at once when there are only warnings', () => {
    expect(
      publishDecision({
        key: 'published',
        value: true,
        values: draft,
        problems: [todo],
        schema: defaultSchema,
      }).kind,
    ).toBe('apply');
  });

  it('never asks for a draft: other fields, unpublishing, staying a draft', () => {
    const problems = [titleMissing];
    const base = { values: draft, problems, schema: defaultSchema };
    expect(publishDecision({ ...base, key: 'title', value: '' }).kind).toBe('apply');
    expect(publishDecision({ ...base, key: 'published', value: false }).kind).toBe('apply');
    const published = { ...draft, published: true };
    expect(
      publishDecision({ ...base, values: published, key: 'published', value: false }).kind,
    ).toBe('apply');
    // Already published: setting it again is not a switch.
    expect(
      publishDecision({ ...base, values: published, key: 'published', value: true }).kind,
    ).toBe('apply');
  });

  it('ignores an error about the status value itself, which the edit replaces', () => {
    const statusKind = problem('published', 'error', '"published" should be true or false.');
    expect(
      publishDecision({
        key: 'published',
        value: true,
        values: { ...draft, published: 'yes' },
        problems: [statusKind],
        schema: defaultSchema,
      }).kind,
    ).toBe('apply');
  });

  it('follows the schema’s status field and published value (Hugo’s draft: false, status: live)', () => {
    const hugo: Schema = { ...defaultSchema, status: { field: 'draft', publishedValue: false } };
    const base = { problems: [titleMissing], schema: hugo };
    expect(
      publishDecision({ ...base, key: 'draft', value: false, values: { draft: true } }).kind,
    ).toBe('confirm');
    expect(
      publishDecision({ ...base, key: 'published', value: true, values: { draft: true } }).kind,
    ).toBe('apply');
    const live: Schema = { ...defaultSchema, status: { field: 'status', publishedValue: 'live' } };
    const liveBase = { problems: [titleMissing], schema: live, values: { status: 'draft' } };
    expect(publishDecision({ ...liveBase, key: 'status', value: 'live' }).kind).toBe('confirm');
    expect(publishDecision({ ...liveBase, key: 'status', value: 'review' }).kind).toBe('apply');
  });

  it('does not ask while the schema is unknown', () => {
    expect(
      publishDecision({
        key: 'published',
        value: true,
        values: draft,
        problems: [titleMissing],
        schema: null,
      }).kind,
    ).toBe('apply');
  });

  it('words one error in the singular', () => {
    expect(publishQuestion([titleMissing])).toBe(
      'This post has 1 error: "title" is required; add it. Publish anyway?',
    );
  });
});

describe('checklistOf', () => {
  it('lists the required and recommended fields, then "No errors", for a draft to fix', () => {
    const description = problem('description', 'warning', '"description" is missing.');
    const checklist = checklistOf(defaultSchema, [titleMissing, description, badDate, todo], draft);
    expect(checklist.items.map((item) => [item.label, item.state, item.note])).toEqual([
      ['Title', 'to-fix', '"title" is required; add it.'],
      ['Description', 'advice', '"description" is missing.'],
      ['Date', 'to-fix', badDate.message],
      ['No errors', 'to-fix', '2 errors; see Checks.'],
    ]);
    expect(checklist.summary).toBe('2 things to fix before publishing');
    expect(checklist.published).toBe(false);
  });

  it('reads "Ready to publish" for a draft with only warnings, and "Published" once published', () => {
    const ready = checklistOf(defaultSchema, [todo], draft);
    expect(ready.summary).toBe('Ready to publish');
    expect(ready.items.every((item) => item.state === 'done')).toBe(true);
    expect(checklistOf(defaultSchema, [], { published: true }).summary).toBe('Published');
    expect(checklistOf(defaultSchema, [titleMissing], { published: true }).summary).toBe(
      'Published with 1 error',
    );
    expect(checklistOf(defaultSchema, [titleMissing], draft).summary).toBe(
      '1 thing to fix before publishing',
    );
  });
});
