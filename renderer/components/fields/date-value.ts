/** What a native date or date-time picker shows for a written date. */
export interface PickerValue {
  readonly type: 'date' | 'datetime-local';
  /** `2026-11-20` or `2026-11-20T10:00:00`; '' when the written text is not a date. */
  readonly value: string;
}

const written =
  /^(\d{4}-\d{2}-\d{2})(?:([Tt]|[ \t]+)(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([ \t]*(?:Z|z|[+-]\d{2}(?::?\d{2})?))?)?$/;

/** Whether a field shows a date or a date and time: as the post writes it, else as its kind says. */
export function dateMode(text: string, kind: 'date' | 'datetime'): 'date' | 'datetime-local' {
  const match = written.exec(text.trim());
  if (match === null) return kind === 'date' ? 'date' : 'datetime-local';
  return match[3] === undefined ? 'date' : 'datetime-local';
}

/** The picker's value for a date as written; the offset is kept aside, never converted. */
export function pickerValueOf(text: string, kind: 'date' | 'datetime'): PickerValue {
  const type = dateMode(text, kind);
  const match = written.exec(text.trim());
  if (match === null) return { type, value: '' };
  const [, day = '', , hour, minute, second] = match;
  if (type === 'date') return { type, value: day };
  if (hour === undefined) return { type, value: `${day}T00:00` };
  return { type, value: `${day}T${hour}:${minute}${second === undefined ? '' : `:${second}`}` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local time zone's offset as written in front matter, like `+01:00`. */
export function localOffset(date: Date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The text to write for a value picked in a native picker, in the format the post already uses:
 * a date stays a date; a date-time keeps its separator (`T` or space), whether it writes seconds,
 * and its offset exactly as written (`Z`, `+01:00`); nothing is converted between zones. With no
 * earlier value, a date-time gets the local offset.
 */
export function writtenFromPicker(
  picked: string,
  previous: string,
  kind: 'date' | 'datetime',
): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(picked);
  if (match === null) return previous;
  const [, day = '', hour = '00', minute = '00', pickedSecond] = match;
  const before = written.exec(previous.trim());
  if (before === null) {
    if (kind === 'date' || dateMode(picked, kind) === 'date') return day;
    return `${day}T${hour}:${minute}:${pickedSecond ?? '00'}${localOffset()}`;
  }
  const [, , separator, oldHour, , oldSecond, fraction, offset] = before;
  if (oldHour === undefined) return day;
  const seconds = oldSecond === undefined ? '' : `:${pickedSecond ?? oldSecond}${fraction ?? ''}`;
  return `${day}${separator ?? 'T'}${hour}:${minute}${seconds}${offset ?? ''}`;
}

/** Today as `2026-11-20`, in local time: the value a new date field starts with. */
export function today(date: Date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
