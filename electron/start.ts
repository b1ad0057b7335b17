import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultDocumentsDir, ensureSampleBlog } from './sample-blog';
import { runningLine, serveFolder } from './server/serve';
import { defaultConfigDir, settingsStore } from './settings';

// `npm start`: the desktop app when it can run here, else the same app in browser mode, saying why.

const appDir = join(__dirname, '..', '..');

function noDisplayReason(): string | null {
  if (process.platform !== 'linux') return null;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)';
}

/** The Electron binary, downloading it on first launch as Electron does; or why there is none. */
function electronBinary(): { path: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [appDir] }));
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const binary = (): string | null => {
    if (!existsSync(pathFile)) return null;
    const full = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(full) ? full : null;
  };
  const present = binary();
  if (present !== null) return { path: present };
  const download = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  const downloaded = binary();
  if (download.status === 0 && downloaded !== null) return { path: downloaded };
  return { reason: 'the Electron binary is not installed and could not be downloaded' };
}

async function browserMode(reason: string): Promise<void> {
  const settings = settingsStore(defaultConfigDir());
  const remembered = (await settings.load()).lastFolder;
  const folder = remembered ?? (await ensureSampleBlog(defaultDocumentsDir()));
  process.stdout.write(
    `The desktop app cannot start here: ${reason}; serving Postwright in browser mode instead.\n`,
  );
  const started = await serveFolder({
    folder,
    settings,
    cacheDir: join(defaultConfigDir(), 'index-cache'),
  });
  if (!started.ok) {
    process.stderr.write(`postwright: ${started.error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`${runningLine(started.value)}\n`);
}

function desktop(binary: string): void {
  const startedAt = Date.now();
  const child = spawn(binary, [appDir], { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    // A shell that dies at once (missing libraries, no GPU, ...) falls back to browser mode.
    if (code !== 0 && signal === null && Date.now() - startedAt < 10_000) {
      void browserMode(`the desktop shell exited at start with code ${code}`);
      return;
    }
    process.exitCode = code ?? 0;
  });
}

const forced = process.env.POSTWRIGHT_BROWSER_MODE
  ? 'POSTWRIGHT_BROWSER_MODE asks for browser mode'
  : null;
const reason = forced ?? noDisplayReason();
if (reason !== null) {
  void browserMode(reason);
} else {
  const electron = electronBinary();
  if ('path' in electron) desktop(electron.path);
  else void browserMode(electron.reason);
}
