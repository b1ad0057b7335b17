/**
 * A fresh random request id (32 hex digits) naming one plan or export for `planExport`,
 * `runExport` and `cancelExport`, so a cancel stops that one and nobody else's.
 */
export function newRequestId(): string {
  // getRandomValues, not randomUUID: randomUUID exists only in secure contexts, and browser mode
  // can be served on an interface other than localhost when asked.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
