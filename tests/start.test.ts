import { spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

const startPath = resolve(import.meta.dirname, '../out/electron/start.cjs');

// Without DISPLAY only Linux lacks a display; elsewhere this would open the real desktop app.
it.runIf(process.platform === 'linux')(
  'npm start without a display says why in one line and serves the sample blog in browser mode',
  async () => {
    const documents = await mkdtemp(join(tmpdir(), 'postwright-documents-'));
    const config = await mkdtemp(join(tmpdir(), 'postwright-config-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      POSTWRIGHT_DOCUMENTS_DIR: documents,
      POSTWRIGHT_CONFIG_DIR: config,
    };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(process.execPath, [startPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const lines: string[] = [];
      await new Promise<void>((done, reject) => {
        const rl = createInterface({ input: child.stdout });
        rl.on('line', (line) => {
          lines.push(line);
          if (lines.length === 2) done();
        });
        child.once('exit', (code) =>
          reject(new Error(`start exited with ${code}: ${lines.join('\n')} ${stderr}`)),
        );
      });
      expect(lines[0]).toMatch(
        /^The desktop app cannot start here: there is no display .+; serving Postwright in browser mode instead\.$/,
      );
      expect(lines[1]).toMatch(
        /^Postwright is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/,
      );

      // The sample blog was copied to the documents folder, and that copy is what is served.
      const sample = join(documents, 'Postwright Sample Blog');
      const posts = (await readdir(sample, { recursive: true })).filter((name) =>
        name.endsWith('.md'),
      );
      expect(posts.length).toBeGreaterThanOrEqual(4);
      const url = new URL(lines[1]?.replace('Postwright is running at ', '') ?? '');
      const token = url.searchParams.get('token') ?? '';
      const response = await fetch(new URL('/api/commands/getWorkspace', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Postwright-Token': token },
        body: JSON.stringify({ args: [] }),
      });
      expect(await response.json()).toEqual({
        ok: true,
        value: { root: sample, name: 'Postwright Sample Blog' },
      });
    } finally {
      child.kill();
    }
  },
);
