import type { Problem } from '../../shared/api';
import { isPublished } from '../../shared/schema';
import type { Schema } from '../../shared/schema';
import { publishBlockers } from '../../shared/validate';
import { plural } from './checks';

/** What to do with a form edit: apply it, or ask first because it publishes a post with errors. */
export type PublishDecision =
  | { readonly kind: 'apply' }
  | {
      readonly kind: 'confirm';
      /** The errors the post would be published with, in file order. */
      readonly errors: readonly Problem[];
      /** The question, naming them: "This post has 2 errors: …. Publish anyway?" */
      readonly question: string;
    };

/** What {@link publishDecision} looks at. */
export interface PublishEdit {
  /** The key the form sets, and the value it sets it to. */
  readonly key: string;
  readonly value: unknown;
  /** The post's front matter values before the edit. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The post's problems before the edit. */
  readonly problems: readonly Problem[];
  /** Null while the schema is not known: then nothing is asked. */
  readonly schema: Schema | null;
}

/** "This post has 2 errors: A; B. Publish anyway?" */
export function publishQuestion(errors: readonly Problem[]): string {
  const named = errors.map((problem) => problem.message.replace(/\.$/, '')).join('; ');
  return `This post has ${plural(errors.length, 'error')}: ${named}. Publish anyway?`;
}

/**
 * Whether a form edit may go ahead at once. Only one edit asks: the one that switches a draft to
 * published (the schema's status field set to its published value) while the post has errors.
 * Everything else applies, including a draft saved with errors and unpublishing. An error about
 * the status field itself does not count, since this edit replaces that value.
 */
export function publishDecision(edit: PublishEdit): PublishDecision {
  const { key, value, values, problems, schema } = edit;
  if (schema === null || key !== schema.status.field) return { kind: 'apply' };
  if (isPublished(values, schema) || !isPublished({ ...values, [key]: value }, schema)) {
    return { kind: 'apply' };
  }
  const errors = publishBlockers(problems).filter((problem) => problem.field !== key);
  if (errors.length === 0) return { kind: 'apply' };
  return { kind: 'confirm', errors, question: publishQuestion(errors) };
}
