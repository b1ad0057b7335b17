/** What went wrong, as a value the UI can switch on. Expected failures only; bugs throw. */
export type AppErrorKind =
  | 'notFound'
  | 'outsideFolder'
  | 'folderUnreadable'
  | 'unreadable'
  | 'conflict'
  /** A create, rename or copy would take a name (or a case-only variant of it) that is in use. */
  | 'alreadyExists'
  | 'invalidArgument'
  | 'writeFailed'
  | 'unsupported';

/** An expected failure, plain so it can cross a process boundary. */
export interface AppError {
  readonly kind: AppErrorKind;
  readonly message: string;
  /** The post path (relative to the posts folder) the error is about, when there is one. */
  readonly path?: string;
}

/** The outcome of a command that can fail in an expected way. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed result. */
export function fail<T = never>(kind: AppErrorKind, message: string, path?: string): Result<T> {
  return { ok: false, error: path === undefined ? { kind, message } : { kind, message, path } };
}

/** Ends every switch over a union: a new member becomes a compile error here. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
