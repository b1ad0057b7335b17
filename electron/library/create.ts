import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { slugify } from '../../shared/derive';
import { newPostText } from '../../shared/new-post';
import { fail, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { Schema } from '../../shared/schema';
import { resolveInside } from './paths';

/** Today's date in the local time zone, as a post writes it: 2024-02-28. */
export function localDate(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Creates a post from the schema's defaults in `folder` (relative to the posts folder, '' for the
 * top), named after the title's slug; an existing name gets `-2`, `-3` ... Never overwrites.
 * Returns the new post's path relative to the posts folder.
 */
export async function createPost(
  root: string,
  schema: Schema,
  title: string,
  folder = '',
  today = localDate(),
): Promise<Result<string>> {
  if (title.trim() === '') return fail('invalidArgument', 'A new post needs a title');
  const text = newPostText(schema, title.trim(), today);
  if (!text.ok) return text;
  const slug = slugify(title) || 'untitled';
  for (let n = 1; n < 1000; n++) {
    const path = [folder, `${slug}${n === 1 ? '' : `-${n}`}.md`].filter(Boolean).join('/');
    const target = await resolveInside(root, path);
    if (!target.ok) return target;
    try {
      await writeFile(target.value, text.value, { flag: 'wx' });
      return ok(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      return fail(
        'writeFailed',
        `${join(root, path)} could not be created: ${code ?? String(error)}`,
        path,
      );
    }
  }
  return fail('writeFailed', `Too many posts are already named ${slug}`);
}
