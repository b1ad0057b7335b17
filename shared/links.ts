/** True for the links Postwright hands to the user's browser: http, https and mailto only. */
export function isExternalUrl(url: string): boolean {
  // A regex, not `new URL`: shared/ has no DOM or Node globals.
  const hasControl = [...url].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f');
  return !hasControl && /^(?:https?:\/\/[^\s/?#]+[^\s]*|mailto:[^\s]+)$/i.test(url);
}
