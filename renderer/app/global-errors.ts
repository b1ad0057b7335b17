import { useSyncExternalStore } from 'react';
import type { Result } from '../../shared/result';

/** An unexpected failure shown to the user: a bug, or a transport that broke. */
export interface ReportedError {
  readonly id: number;
  readonly message: string;
}

let errors: readonly ReportedError[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** A readable message for anything that was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Turns a thrown transport error into a Result, so every command is handled one way. */
export async function attempt<T>(command: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await command();
  } catch (error) {
    return { ok: false, error: { kind: 'unsupported', message: messageOf(error) } };
  }
}

/** Records an unexpected error so the banner shows it; the app keeps running. */
export function reportError(error: unknown): void {
  console.error(error);
  // A burst of the same failure (say, every keystroke) should not fill the screen.
  const message = messageOf(error);
  if (errors.some((shown) => shown.message === message)) return;
  errors = [...errors, { id: nextId++, message }];
  emit();
}

/** Hides one reported error. */
export function dismissError(id: number): void {
  errors = errors.filter((error) => error.id !== id);
  emit();
}

/** Catches what nothing else caught: uncaught exceptions and rejected promises nobody awaited. */
export function installGlobalErrorHandlers(): void {
  window.addEventListener('error', (event) =>
    reportError((event.error as unknown) ?? event.message),
  );
  window.addEventListener('unhandledrejection', (event) => reportError(event.reason));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The errors reported so far and not dismissed. */
export function useReportedErrors(): readonly ReportedError[] {
  return useSyncExternalStore(subscribe, () => errors);
}
