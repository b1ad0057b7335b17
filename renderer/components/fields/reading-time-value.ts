import type { ReadingTime } from '../../../shared/derive';
import type { FieldValue } from '../../../shared/document';
import { parseNumber } from './number-value';

/** A computed reading time in the shape the post already writes: minutes for a number, else `6 min read`. */
export function readingTimeValue(computed: ReadingTime, previous: unknown): FieldValue {
  return typeof previous === 'number' ? computed.minutes : computed.text;
}

/**
 * Whether a written reading time is the one computed from the body (or is not written at all):
 * then the field is automatic and follows the body; any other value is the author's pin.
 */
export function isAutomatic(written: unknown, computed: ReadingTime): boolean {
  if (written === undefined || written === null || written === '') return true;
  return written === readingTimeValue(computed, written);
}

/** The value to write for a reading time the author typed: a number stays a number. */
export function pinnedValue(typed: string, previous: unknown): FieldValue {
  if (typeof previous === 'number') {
    const number = parseNumber(typed);
    if (number !== null) return number;
  }
  return typed;
}
