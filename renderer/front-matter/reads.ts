import { readYamlFrontMatter } from '../../shared/document';
import type { FrontMatterRead as YamlRead } from '../../shared/document';
import { frontMatterFieldsOf } from '../../shared/front-matter';
import type { FrontMatterRead } from '../../shared/front-matter';

/** Texts remembered: the base, the text before a key and after it, and one to spare. */
const remembered = 4;
const recent = new Map<string, YamlRead>();

/**
 * `readYamlFrontMatter(text)`, parsed once for everything in the renderer that reads the same
 * front matter text: the edit that made it (see {@link rememberYamlRead}), the form, the live field
 * checks and the check for "no edit". The result is shared: nothing may change it.
 */
export function yamlReadOf(text: string): YamlRead {
  const known = recent.get(text);
  if (known !== undefined) {
    // The newest stays longest.
    recent.delete(text);
    recent.set(text, known);
    return known;
  }
  const read = readYamlFrontMatter(text);
  rememberYamlRead(text, read);
  return read;
}

/** Remembers what `readYamlFrontMatter(text)` gives, read by whoever made `text`. */
export function rememberYamlRead(text: string, read: YamlRead): void {
  recent.delete(text);
  recent.set(text, read);
  if (recent.size > remembered) {
    const oldest = recent.keys().next();
    if (oldest.done !== true) recent.delete(oldest.value);
  }
}

/** `readFrontMatter(text)` (fields and values) from the shared read of `text`. */
export function readFrontMatter(text: string): FrontMatterRead {
  return frontMatterFieldsOf(text, yamlReadOf(text));
}
