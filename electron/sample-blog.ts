import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The sample blog shipped in the app (read-only: the app never edits files inside its install). */
export const bundledSampleBlog = join(__dirname, '..', '..', 'assets', 'sample-blog');

/** The folder name the sample blog gets in the user's documents. */
export const sampleBlogName = 'Postwright Sample Blog';

/** The user's documents folder outside Electron (POSTWRIGHT_DOCUMENTS_DIR overrides it, for tests). */
export function defaultDocumentsDir(): string {
  return process.env.POSTWRIGHT_DOCUMENTS_DIR ?? join(homedir(), 'Documents');
}

// Plain readFile/writeFile rather than fs.cp: Electron serves the bundled copy from inside app.asar,
// where only the basic fs calls are patched.
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target);
    else if (entry.isFile()) await writeFile(target, await readFile(source), { flag: 'wx' });
  }
}

/**
 * Copies the sample blog into the documents folder the first time and returns its path. An
 * existing copy is left as it is: it is the user's now.
 */
export async function ensureSampleBlog(
  documentsDir: string,
  source = bundledSampleBlog,
): Promise<string> {
  const target = join(documentsDir, sampleBlogName);
  try {
    await access(target);
    return target;
  } catch {
    await copyTree(source, target);
    return target;
  }
}
