// Builds the Node side with esbuild: the Electron main process, the preload (one CommonJS file, so
// the sandboxed renderer can load it), the CLI, the `npm start` launcher and the index's worker.
// Dependencies stay in node_modules (electron-builder packs the production ones).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'out/electron',
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.POSTWRIGHT_VERSION': JSON.stringify(pkg.version) },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts', 'electron/start.ts'],
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/cli.ts'],
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The search index's worker thread, started by path beside main.cjs and cli.cjs (search-thread.ts).
  build({
    ...common,
    entryPoints: { 'search-worker': 'electron/library/search-worker.ts' },
    packages: 'external',
  }),
  // The cold index's worker threads (electron/library/facts-pool.ts) load it from beside the
  // bundle that starts them: out/electron/index-worker.cjs.
  build({
    ...common,
    entryPoints: [{ in: 'electron/library/index-worker.ts', out: 'index-worker' }],
    packages: 'external',
  }),
  // The preload runs sandboxed: everything but `electron` must be inside this one file.
  build({ ...common, entryPoints: ['electron/preload.ts'], external: ['electron'] }),
]);
