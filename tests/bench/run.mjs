// `npm run bench [-- NAME...] [-- --node-flag...]`: bundles each tests/bench/*.bench.ts with
// esbuild (CommonJS, dependencies left in node_modules, so the same package builds the app loads)
// into out/bench/ and runs it with node from the repository root, one after the other. Arguments
// that start with `--` go to node (for example `--cpu-prof`); others pick benchmarks by name.
// Benchmarks print figures; nothing here passes or fails on a number.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const benchDir = join(root, 'tests/bench');
const outDir = join(root, 'out/bench');

// A lone `--` (as in `npm run bench -- export -- --cpu-prof`) only separates; node would take it
// for the script.
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const nodeFlags = args.filter((arg) => arg.startsWith('--'));
const wanted = args.filter((arg) => !arg.startsWith('--'));

const benches = (await readdir(benchDir))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((want) => name.includes(want)))
  .sort();

if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const name of benches) {
  const outfile = join(outDir, name.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [join(benchDir, name)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  console.log(`\n# ${name}\n`);
  const run = spawnSync(process.execPath, [...nodeFlags, outfile], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${name} exited with ${run.status ?? run.signal}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
